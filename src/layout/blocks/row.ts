/** Columns side by side (page chrome, title block): one unbreakable box. */
import type { Block, RowBlock, RowColumn } from '../../types/layout-tree.js';
import type { PageItem } from '../../types/paged.js';
import { FlowBuilder, shiftFragment } from '../flow.js';
import { toPieces } from '../inline/pieces.js';
import type { BlockContext, BlockFrame } from './context.js';
import type { LayoutBlocks } from './dispatch-type.js';

/** The widest unwrapped line of a column's blocks (paragraphs and images; other blocks count as 0). */
function contentWidth(blocks: readonly Block[], ctx: BlockContext): number {
  let widest = 0;
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      const pieces = toPieces(b.inlines, {
        measurer: ctx.measurer,
        lang: b.lang,
        hyphenate: false,
        maxWidth: Infinity,
        diags: ctx.diags,
        place: b.place,
      });
      let line = 0;
      let longest = 0;
      pieces.forEach((p, i) => {
        line += p.width;
        if (p.breakAfter === 'mandatory' || i === pieces.length - 1) {
          longest = Math.max(longest, line);
          line = 0;
        } else line += p.spaceWidth;
      });
      widest = Math.max(widest, longest);
    } else if (b.kind === 'image') widest = Math.max(widest, Math.min(b.maxWidth, b.image.width * 0.75));
  }
  // a hair of slack so rounding never wraps the line it was measured from
  return widest > 0 ? widest + 0.5 : 0;
}

/**
 * Widths of a row's columns in `inner` points: fixed ones as given, `auto` ones
 * at their content's unwrapped width (scaled down together when they would leave
 * a `fill` column less than half of what is left, or overflow the row), and
 * `fill` ones sharing the rest.
 */
export function rowColumnWidths(columns: readonly RowColumn[], inner: number, ctx: BlockContext): number[] {
  const fixed = columns.reduce((s, c) => s + (typeof c.width === 'number' ? c.width : 0), 0);
  const fills = columns.filter((c) => c.width === 'fill').length;
  const room = Math.max(0, inner - fixed);
  const natural = columns.map((c) => (c.width === 'auto' ? contentWidth(c.blocks, ctx) : 0));
  const autoTotal = natural.reduce((a, b) => a + b, 0);
  const cap = fills > 0 ? room / 2 : room;
  const k = autoTotal > cap && autoTotal > 0 ? cap / autoTotal : 1;
  const autos = natural.map((n) => n * k);
  const fillWidth = fills > 0 ? Math.max(0, room - autoTotal * k) / fills : 0;
  return columns.map((c, i) => (c.width === 'fill' ? fillWidth : c.width === 'auto' ? autos[i]! : c.width));
}

/** Lays out a row of columns. */
export function row(b: RowBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext, layoutBlocks: LayoutBlocks): void {
  const inner = frame.width - 2 * b.padding - b.gap * Math.max(0, b.columns.length - 1);
  const widths = rowColumnWidths(b.columns, inner, ctx);
  // right-to-left documents mirror the row: the first column is the rightmost
  const rtl = ctx.direction === 'rtl';
  let x = rtl ? frame.x + frame.width - b.padding : frame.x + b.padding;
  const laid = b.columns.map((col, i) => {
    const width = widths[i]!;
    const sub = new FlowBuilder();
    const left = rtl ? x - width : x;
    layoutBlocks(col.blocks, sub, { x: left, width, parent: frame.parent }, ctx);
    x = rtl ? left - b.gap : x + width + b.gap;
    return { col, fragment: sub.collapse() };
  });
  const contentHeight = Math.max(0, ...laid.map((l) => l.fragment.height));
  const height = contentHeight + 2 * b.padding;
  const items: PageItem[] = [];
  if (b.background)
    items.push({ kind: 'rect', x: frame.x, y: 0, width: frame.width, height, fill: b.background, lineWidth: 0, radius: 4, owner: null });
  const marks = [];
  for (const { col, fragment } of laid) {
    const free = contentHeight - fragment.height;
    const dy = b.padding + (col.valign === 'middle' ? free / 2 : col.valign === 'bottom' ? free : 0);
    const f = shiftFragment(fragment, 0, dy);
    items.push(...f.items);
    marks.push(...f.marks);
  }
  flow.box({ height, items, marks });
}
