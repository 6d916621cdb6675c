/** Lists and checklists: each item (its own text) is one unbreakable box with its marker or checkbox. */
import type { ListBlock, ListItemBlock } from '../../types/layout-tree.js';
import type { PageItem } from '../../types/paged.js';
import { FlowBuilder, type Fragment } from '../flow.js';
import { addNode, type BlockContext, type BlockFrame } from './context.js';
import type { LayoutBlocks } from './dispatch-type.js';
import { plainText } from './plain-text.js';

function firstBaseline(f: Fragment): number | undefined {
  for (const it of f.items) if (it.kind === 'text') return it.y;
  return undefined;
}

function markerItems(
  item: ListItemBlock,
  b: ListBlock,
  frame: BlockFrame,
  baseline: number,
  owner: number | null,
  ctx: BlockContext,
): PageItem[] {
  // right-to-left documents put markers and checkboxes on the right
  const rtl = ctx.direction === 'rtl';
  if (item.checked !== null) {
    const size = b.checkboxSize ?? Math.round(item.markerStyle.size * 0.95 * 10) / 10;
    const x = rtl ? frame.x + frame.width - 1 - size : frame.x + 1;
    // the item's own text, up to any nested list
    const split = item.blocks.findIndex((blk) => blk.kind === 'list');
    const label = plainText(split < 0 ? item.blocks : item.blocks.slice(0, split));
    // a large checklist box is centred on the first line's lower-case letters; a small one sits on the baseline
    const y = b.checkboxSize === undefined ? baseline - size * 0.82 : Math.max(0, baseline - item.markerStyle.size * 0.35 - size / 2);
    return [{ kind: 'checkbox', x, y, size, checked: item.checked, color: b.checkboxColor, label, owner }];
  }
  if (item.marker.length === 0) return [];
  const font =
    ctx.measurer.book.fontFor(item.markerStyle.face, item.marker.codePointAt(0)!) ?? ctx.measurer.book.chain(item.markerStyle.face)[0]!;
  const width = ctx.measurer.width(font, item.markerStyle.size, item.marker);
  const gap = item.markerStyle.size * 0.5;
  return [
    {
      kind: 'text',
      x: rtl ? frame.x + frame.width - b.indent + gap : frame.x + b.indent - gap - width,
      y: baseline,
      width,
      text: item.marker,
      font,
      size: item.markerStyle.size,
      color: item.markerStyle.color,
      wordSpacing: 0,
      direction: 'ltr',
      underline: false,
      strike: false,
      owner,
    },
  ];
}

/** Lays out a list. */
export function list(b: ListBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext, layoutBlocks: LayoutBlocks): void {
  const listNode = addNode(ctx, frame, 'L');
  b.items.forEach((item, idx) => {
    if (idx > 0) {
      flow.penalty(0);
      flow.glue(b.itemGap);
    }
    const li = listNode === null ? null : ctx.structure.add('LI', listNode);
    // a drawn checkbox says its state to screen readers: ☑ done, ☐ to do
    const state = item.checked === null ? {} : { actualText: item.checked ? '\u2611' : '\u2610' };
    const lbl = li === null ? null : ctx.structure.add('Lbl', li, state);
    const body = li === null ? null : ctx.structure.add('LBody', li);
    const inner: BlockFrame = { x: ctx.direction === 'rtl' ? frame.x : frame.x + b.indent, width: frame.width - b.indent, parent: body };
    const split = item.blocks.findIndex((blk) => blk.kind === 'list');
    const head = split < 0 ? item.blocks : item.blocks.slice(0, split);
    const rest = split < 0 ? [] : item.blocks.slice(split);
    const sub = new FlowBuilder();
    layoutBlocks(head, sub, inner, ctx);
    const keepWhole = sub.height <= ctx.bodyHeight / 2;
    if (keepWhole) {
      const f = sub.collapse();
      const baseline = firstBaseline(f) ?? item.markerStyle.leading * 0.75;
      const marker = markerItems(item, b, frame, baseline, lbl, ctx);
      const boxBottom = marker.reduce((m, it) => (it.kind === 'checkbox' ? Math.max(m, it.y + it.size + 1) : m), 0);
      flow.box({ ...f, height: Math.max(f.height, item.markerStyle.leading, boxBottom), items: [...marker, ...f.items] });
    } else {
      // the marker goes with the first box
      flow.appendWrapped(sub, (f, i) =>
        i === 0 ? { ...f, items: [...markerItems(item, b, frame, firstBaseline(f) ?? 0, lbl, ctx), ...f.items] } : f,
      );
    }
    if (rest.length > 0) {
      flow.penalty(0);
      flow.glue(b.itemGap);
      layoutBlocks(rest, flow, inner, ctx);
    }
  });
}
