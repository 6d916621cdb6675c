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

function decor(b: QuoteBlock, frame: BlockFrame, height: number, rtl: boolean): PageItem[] {
  const BAR = b.barWidth ?? DEFAULT_BAR_WIDTH;
  const items: PageItem[] = [];
  if (b.background) items.push({ kind: 'rect', x: frame.x, y: 0, width: frame.width, height, fill: b.background, lineWidth: 0, radius: 0, owner: null });
  // the bar stands at the start edge: left in LTR documents, right in RTL ones
  items.push({ kind: 'rect', x: rtl ? frame.x + frame.width - BAR : frame.x, y: 0, width: BAR, height, fill: b.barColor, lineWidth: 0, radius: 0, owner: null });
  return items;
}

/** Lays out a quote or callout. */
export function quote(b: QuoteBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext, layoutBlocks: LayoutBlocks): void {
  const BAR = b.barWidth ?? DEFAULT_BAR_WIDTH;
  const node = addNode(ctx, frame, b.role === 'note' ? 'Note' : 'BlockQuote');
  const rtl = ctx.direction === 'rtl';
  const inner: BlockFrame = { x: frame.x + (rtl ? b.padding : BAR + b.padding), width: frame.width - BAR - 2 * b.padding, parent: node };
  const sub = new FlowBuilder();
  layoutBlocks(b.blocks, sub, inner, ctx);
  const total = sub.height + 2 * b.padding;
  if (total <= ctx.bodyHeight * KEEP_WHOLE_FRACTION) {
    const f = shiftFragment(sub.collapse(), 0, b.padding);
    flow.box({ height: total, items: [...decor(b, frame, total, rtl), ...f.items], marks: f.marks });
    return;
  }
  const pad: Fragment = { height: b.padding, items: decor(b, frame, b.padding, rtl), marks: [] };
  flow.box(pad);
  flow.penalty(Infinity, 'quote-padding');
  // every box and gap carries the bar and tint; penalties and repeated table headers carry over
  flow.appendWrapped(
    sub,
    (f) => ({ ...f, items: [...decor(b, frame, f.height, rtl), ...f.items] }),
    (height) => ({ height, items: decor(b, frame, height, rtl), marks: [] }),
  );
  flow.penalty(Infinity, 'quote-padding');
  flow.box(pad);
}
