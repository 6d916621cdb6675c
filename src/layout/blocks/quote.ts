/** Block quotes and callouts: a bar and tint; kept whole up to {@link KEEP_WHOLE_FRACTION} of a page, else split line by line. */
import type { QuoteBlock } from '../../types/layout-tree.js';
import type { PageItem } from '../../types/paged.js';
import { FlowBuilder, shiftFragment, type Fragment } from '../flow.js';
import { addNode, type BlockContext, type BlockFrame } from './context.js';
import type { LayoutBlocks } from './dispatch-type.js';

/** Default of {@link QuoteBlock.barWidth}. */
export const DEFAULT_BAR_WIDTH = 3;
/** Quotes and callouts up to this fraction of the page body are never split. */
export const KEEP_WHOLE_FRACTION = 0.4;

/** Where a callout's frame is open: at a split, the piece's top or bottom edge has no line. */
interface FrameEdges {
  readonly top: boolean;
  readonly bottom: boolean;
}

function decor(
  b: QuoteBlock,
  frame: BlockFrame,
  height: number,
  rtl: boolean,
  edges: FrameEdges = { top: true, bottom: true },
): PageItem[] {
  const BAR = b.barWidth ?? DEFAULT_BAR_WIDTH;
  const items: PageItem[] = [];
  if (b.background)
    items.push({ kind: 'rect', x: frame.x, y: 0, width: frame.width, height, fill: b.background, lineWidth: 0, radius: 0, owner: null });
  const w = b.callout?.frame;
  if (w !== undefined && b.callout) {
    // danger: a frame around the box (inside its area), so it stands apart from the others in grey-scale too
    const color = b.callout.color;
    const line = (x1: number, y1: number, x2: number, y2: number): PageItem => ({
      kind: 'line',
      x1,
      y1,
      x2,
      y2,
      color,
      width: w,
      owner: null,
    });
    const l = frame.x + w / 2;
    const r = frame.x + frame.width - w / 2;
    items.push(line(l, 0, l, height), line(r, 0, r, height));
    if (edges.top) items.push(line(frame.x, w / 2, frame.x + frame.width, w / 2));
    if (edges.bottom) items.push(line(frame.x, height - w / 2, frame.x + frame.width, height - w / 2));
  }
  // the bar stands at the start edge: left in LTR documents, right in RTL ones
  items.push({
    kind: 'rect',
    x: rtl ? frame.x + frame.width - BAR : frame.x,
    y: 0,
    width: BAR,
    height,
    fill: b.barColor,
    lineWidth: 0,
    radius: 0,
    owner: null,
  });
  return items;
}

/** Lays out a quote or callout. */
export function quote(b: QuoteBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext, layoutBlocks: LayoutBlocks): void {
  const BAR = b.barWidth ?? DEFAULT_BAR_WIDTH;
  const node = addNode(ctx, frame, b.role === 'note' ? 'Note' : 'BlockQuote');
  const rtl = ctx.direction === 'rtl';
  // callouts: the icon stands in a gutter at the start side, the text beside it
  const gutter = b.callout ? b.callout.iconSize + b.callout.gap : 0;
  const inner: BlockFrame = {
    x: frame.x + (rtl ? b.padding : BAR + b.padding + gutter),
    width: frame.width - BAR - 2 * b.padding - gutter,
    parent: node,
  };
  const sub = new FlowBuilder();
  layoutBlocks(b.blocks, sub, inner, ctx);
  const icon = (f: Fragment): PageItem[] => {
    if (!b.callout) return [];
    const size = b.callout.iconSize;
    const baseline = f.items.find((i) => i.kind === 'text')?.y ?? size;
    const x = rtl ? frame.x + frame.width - BAR - b.padding - size : frame.x + BAR + b.padding;
    return [{ kind: 'icon', x, y: Math.max(0, baseline - size * 0.8), size, shape: b.callout.kind, color: b.callout.color, owner: null }];
  };
  const total = sub.height + 2 * b.padding;
  if (total <= ctx.bodyHeight * KEEP_WHOLE_FRACTION) {
    const f = shiftFragment(sub.collapse(), 0, b.padding);
    flow.box({ height: total, items: [...decor(b, frame, total, rtl), ...icon(f), ...f.items], marks: f.marks });
    return;
  }
  flow.box({ height: b.padding, items: decor(b, frame, b.padding, rtl, { top: true, bottom: false }), marks: [] });
  flow.penalty(Infinity, 'quote-padding');
  // every box and gap carries the bar, tint and open frame; the first box the icon; penalties and repeated table headers carry over
  const open = { top: false, bottom: false };
  flow.appendWrapped(
    sub,
    (f, index) => ({ ...f, items: [...decor(b, frame, f.height, rtl, open), ...(index === 0 ? icon(f) : []), ...f.items] }),
    (height) => ({ height, items: decor(b, frame, height, rtl, open), marks: [] }),
  );
  flow.penalty(Infinity, 'quote-padding');
  flow.box({ height: b.padding, items: decor(b, frame, b.padding, rtl, { top: false, bottom: true }), marks: [] });
}
