/** Paragraphs and headings: lines as boxes with widow/orphan and keep penalties. */
import type { HeadingBlock, ParagraphBlock, TextStyle } from '../../types/layout-tree.js';
import type { Owner, StructRole } from '../../types/paged.js';
import type { FlowBuilder, Fragment } from '../flow.js';
import { layoutParagraph, type LaidLine } from '../inline/lines.js';
import { addNode, type BlockContext, type BlockFrame } from './context.js';

/** Owner function: link runs get their own Link node under the block's node. */
export function runOwner(ctx: BlockContext, node: number | null): (style: TextStyle) => Owner {
  const links = new Map<string, number>();
  const langs = new Map<string, number>();
  return (style) => {
    if (node === null) return null;
    if (style.link) {
      let id = links.get(style.link);
      if (id === undefined) {
        id = ctx.structure.add('Link', node);
        links.set(style.link, id);
      }
      return id;
    }
    if (style.lang) {
      let id = langs.get(style.lang);
      if (id === undefined) {
        id = ctx.structure.add('Span', node, { lang: style.lang });
        langs.set(style.lang, id);
      }
      return id;
    }
    return node;
  };
}

/** A line laid out with its items already at the frame's x (`ParagraphOptions.x`) as a fragment: no copy. */
function placedLineFragment(line: LaidLine): Fragment {
  return { height: line.height, items: line.items, marks: [] };
}

/** Lays out a paragraph. Lines 1 and n-1 can't be followed by a break (no orphans/widows). */
export function paragraph(b: ParagraphBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext): void {
  const node = addNode(ctx, frame, 'P');
  const lines = layoutParagraph(b.inlines, {
    measurer: ctx.measurer,
    direction: b.direction ?? ctx.direction,
    width: frame.width,
    align: b.align,
    lang: b.lang,
    hyphenate: b.hyphenate,
    diags: ctx.diags,
    place: b.place,
    owner: runOwner(ctx, node),
    x: frame.x,
  });
  lines.forEach((line, i) => {
    if (i > 0) {
      if (i < 2) flow.penalty(Infinity, 'orphan');
      else if (lines.length - i < 2) flow.penalty(Infinity, 'widow');
      else flow.penalty(0);
    }
    flow.box(placedLineFragment(line));
  });
}

/** Lays out a heading; it never ends a page (the caller adds no break after it). */
export function heading(b: HeadingBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext): void {
  const role = `H${Math.min(6, Math.max(1, b.level))}` as StructRole;
  const node = addNode(ctx, frame, role);
  const lines = layoutParagraph(b.inlines, {
    measurer: ctx.measurer,
    direction: ctx.direction,
    width: frame.width,
    align: 'start',
    lang: b.lang,
    hyphenate: false,
    diags: ctx.diags,
    place: b.place,
    owner: runOwner(ctx, node),
    x: frame.x,
  });
  lines.forEach((line, i) => {
    if (i > 0) flow.penalty(Infinity, 'heading-split');
    const f = placedLineFragment(line);
    flow.box(
      i === 0 && frame.parent !== null
        ? { ...f, marks: [{ anchor: b.anchor, dy: 0, ...(b.outline ? { outline: { title: b.text, level: b.level } } : {}) }] }
        : f,
    );
  });
}
