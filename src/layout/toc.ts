/**
 * Table of contents: one box per entry (text, dot leaders, page number).
 * Entry heights never depend on page numbers: the number column is reserved
 * at a fixed width and the numbers are filled in after pagination (see
 * {@link FragmentField}).
 */
import type { TocBlock, TocEntry } from '../types/layout-tree.js';
import type { LinkItem, PageItem } from '../types/paged.js';
import { shiftItem, type FlowBuilder, type Fragment, type FragmentField } from './flow.js';
import { layoutParagraph } from './inline/lines.js';
import { addNode, type BlockContext, type BlockFrame } from './blocks/context.js';

/** Digits reserved for page numbers (up to 999 pages keep the column width). */
const NUMBER_DIGITS = '000';
/** One leader step: a dot and a space, so dots line up from entry to entry. */
const LEADER = '. ';

/** Lays out a table of contents into `flow`: a TOC node with one TOCI (holding a Link) per entry. */
export function toc(b: TocBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext): void {
  if (b.entries.length === 0) return;
  const node = addNode(ctx, frame, 'TOC');
  const book = ctx.measurer.book;
  const digitFont = book.fontFor(b.style.face, 0x30) ?? book.chain(b.style.face)[0]!;
  const numberWidth = ctx.measurer.width(digitFont, b.style.size, NUMBER_DIGITS);
  const pitch = ctx.measurer.width(digitFont, b.style.size, LEADER);
  const gap = b.style.size * 0.5;
  const right = frame.x + frame.width;
  const minLevel = Math.min(...b.entries.map((e) => e.level));
  b.entries.forEach((entry, i) => {
    if (i > 0) {
      flow.penalty(0);
      flow.glue(b.entryGap);
    }
    const toci = node === null ? null : ctx.structure.add('TOCI', node);
    const link = toci === null ? null : ctx.structure.add('Link', toci);
    const indent = (entry.level - minLevel) * b.indent;
    flow.box(
      entryFragment(entry, b, ctx, {
        indent,
        left: frame.x,
        right,
        numberWidth,
        pitch,
        gap,
        digitFont,
        owner: link,
        rtl: ctx.direction === 'rtl',
      }),
    );
  });
}

/**
 * Where an entry goes. In LTR documents the title starts at the left (after its indent) and the
 * page number ends at the right edge; in RTL documents it is the mirror image.
 */
interface EntryGeometry {
  readonly indent: number;
  readonly left: number;
  readonly right: number;
  readonly rtl: boolean;
  readonly numberWidth: number;
  readonly pitch: number;
  readonly gap: number;
  readonly digitFont: string;
  readonly owner: number | null;
}

function entryFragment(entry: TocEntry, b: TocBlock, ctx: BlockContext, g: EntryGeometry): Fragment {
  const textWidth = Math.max(1, g.right - g.left - g.indent - g.numberWidth - 2 * g.gap - 2 * g.pitch);
  const textX = g.rtl ? g.right - g.indent - textWidth : g.left + g.indent;
  const lines = layoutParagraph(entry.inlines, {
    measurer: ctx.measurer,
    direction: ctx.direction,
    width: textWidth,
    align: 'start',
    lang: b.lang,
    hyphenate: false,
    diags: ctx.diags,
    place: b.place,
    owner: () => g.owner,
  });
  const items: PageItem[] = [];
  let y = 0;
  let lastBaseline = b.style.leading * 0.75;
  let lastLineWidth = 0;
  for (const line of lines) {
    for (const it of line.items) items.push(shiftItem(it, textX, y));
    lastBaseline = y + line.baseline;
    lastLineWidth = line.width;
    y += line.height;
  }
  const height = Math.max(y, b.style.leading);
  // Dot leaders (an artifact) between the title's end and the number column, on a grid measured
  // from the number column so they align across entries.
  const numberEdge = g.rtl ? g.left + g.numberWidth + g.gap : g.right - g.numberWidth - g.gap;
  const titleEnd = g.rtl ? textX + textWidth - lastLineWidth : textX + lastLineWidth;
  const count = Math.floor((Math.abs(numberEdge - titleEnd) - g.gap) / g.pitch);
  if (count > 0) {
    const text = LEADER.repeat(count).trimEnd();
    const width = ctx.measurer.width(g.digitFont, b.style.size, text);
    items.push({
      kind: 'text',
      x: g.rtl ? numberEdge + g.pitch - ctx.measurer.width(g.digitFont, b.style.size, ' ') : numberEdge - count * g.pitch,
      y: lastBaseline,
      width,
      text,
      font: g.digitFont,
      size: b.style.size,
      color: b.leaderColor,
      wordSpacing: 0,
      direction: 'ltr',
      underline: false,
      strike: false,
      owner: null,
    });
  }
  const linkX = g.rtl ? g.left : textX;
  const linkItem: LinkItem = {
    kind: 'link',
    x: linkX,
    y: 0,
    width: g.right - g.left - g.indent,
    height,
    target: { kind: 'anchor', anchor: entry.anchor },
    owner: g.owner,
  };
  items.push(linkItem);
  const field: FragmentField = {
    anchor: entry.anchor,
    right: g.rtl ? g.left + g.numberWidth : g.right,
    y: lastBaseline,
    font: g.digitFont,
    size: b.style.size,
    color: b.style.color,
    owner: g.owner,
  };
  return { height, items, marks: [], fields: [field] };
}
