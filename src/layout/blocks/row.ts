/** Columns side by side (page chrome, title block): one unbreakable box. */
import type { RowBlock } from '../../types/layout-tree.js';
import type { PageItem } from '../../types/paged.js';
import { FlowBuilder, shiftFragment } from '../flow.js';
import type { BlockContext, BlockFrame } from './context.js';
import type { LayoutBlocks } from './dispatch-type.js';

/** Lays out a row of columns. */
export function row(b: RowBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext, layoutBlocks: LayoutBlocks): void {
  const inner = frame.width - 2 * b.padding - b.gap * Math.max(0, b.columns.length - 1);
  const fixed = b.columns.reduce((s, c) => s + (c.width === 'fill' ? 0 : c.width), 0);
  const fills = b.columns.filter((c) => c.width === 'fill').length;
  const fillWidth = fills > 0 ? Math.max(0, inner - fixed) / fills : 0;
  // right-to-left documents mirror the row: the first column is the rightmost
  const rtl = ctx.direction === 'rtl';
  let x = rtl ? frame.x + frame.width - b.padding : frame.x + b.padding;
  const laid = b.columns.map((col) => {
    const width = col.width === 'fill' ? fillWidth : col.width;
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
