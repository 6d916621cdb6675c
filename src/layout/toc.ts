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
    flow.box(entryFragment(entry, b, ctx, { x: frame.x + (entry.level - minLevel) * b.indent, right, numberWidth, pitch, gap, digitFont, owner: link }));
  });
}

interface EntryGeometry {
  readonly x: number;
  readonly right: number;
  readonly numberWidth: number;
  readonly pitch: number;
  readonly gap: number;
  readonly digitFont: string;
  readonly owner: number | null;
}

function entryFragment(entry: TocEntry, b: TocBlock, ctx: BlockContext, g: EntryGeometry): Fragment {
  const textWidth = Math.max(1, g.right - g.x - g.numberWidth - 2 * g.gap - 2 * g.pitch);
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
  let lastEnd = g.x;
  for (const line of lines) {
    for (const it of line.items) items.push(shiftItem(it, g.x, y));
    lastBaseline = y + line.baseline;
    lastEnd = g.x + line.width;
    y += line.height;
  }
  const height = Math.max(y, b.style.leading);
  // Dot leaders on a grid measured from the right edge, so they align across entries (an artifact).
  const leaderEnd = g.right - g.numberWidth - g.gap;
  const count = Math.floor((leaderEnd - lastEnd - g.gap) / g.pitch);
  if (count > 0) {
    const text = LEADER.repeat(count).trimEnd();
    const width = ctx.measurer.width(g.digitFont, b.style.size, text);
    items.push({
      kind: 'text',
      x: leaderEnd - count * g.pitch,
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
  const linkItem: LinkItem = { kind: 'link', x: g.x, y: 0, width: g.right - g.x, height, target: { kind: 'anchor', anchor: entry.anchor }, owner: g.owner };
  items.push(linkItem);
  const field: FragmentField = { anchor: entry.anchor, right: g.right, y: lastBaseline, font: g.digitFont, size: b.style.size, color: b.style.color, owner: g.owner };
  return { height, items, marks: [], fields: [field] };
}
