/** Block dispatcher: an exhaustive switch over the closed block vocabulary. */
import type { Block } from '../../types/layout-tree.js';
import { FlowBuilder, type Fragment } from '../flow.js';
import { toc } from '../toc.js';
import type { BlockContext, BlockFrame } from './context.js';
import { image, rule } from './figure.js';
import { list } from './list.js';
import { heading, paragraph } from './paragraph.js';
import { quote } from './quote.js';
import { row } from './row.js';
import { table } from './table.js';
import { field } from './field.js';
import { qr } from './qr.js';

/** A heading keeps with at least this many lines of what follows it. */
export const KEEP_WITH_NEXT_LINES = 2;

function spaceOf(b: Block): { before: number; after: number } {
  return 'space' in b ? b.space : { before: 0, after: 0 };
}

/** Lines of text in a fragment (distinct baselines); an image counts as a full keep. */
export function linesOf(f: Fragment): number {
  const baselines = new Set<number>();
  for (const it of f.items) {
    if (it.kind === 'image') return KEEP_WITH_NEXT_LINES;
    if (it.kind === 'text') baselines.add(Math.round(it.y * 100));
  }
  return baselines.size;
}

/**
 * Keep-with-next after a heading: from item `from` on, every legal break
 * becomes a keep until `lines` lines of content that is not a heading (`skip`
 * holds the fragment refs of headings) have been emitted. Returns whether
 * that many lines follow already.
 */
export function keepLinesAfter(flow: FlowBuilder, from: number, lines: number, skip: ReadonlySet<number>): boolean {
  let seen = 0;
  return flow.keep(from, 'keep-with-next', (ref, f) => {
    if (!skip.has(ref)) seen += linesOf(f);
    return seen >= lines;
  });
}

/**
 * Lays out blocks one after another. Between blocks there is a free break,
 * except after a heading: it keeps with at least {@link KEEP_WITH_NEXT_LINES}
 * lines of what follows (see {@link keepLinesAfter}). Every decision is a
 * penalty for the paginator; nothing here knows where pages end.
 */
export function layoutBlocks(blocks: readonly Block[], flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext): void {
  let prev: Block | undefined;
  /** Item index where the pending keep-with-next starts (the first heading's box), or null. */
  let keepFrom: number | null = null;
  const headingRefs = new Set<number>();
  for (const b of blocks) {
    if (b.kind === 'pagebreak') {
      flow.penalty(-Infinity, 'pagebreak');
      prev = undefined;
      keepFrom = null;
      continue;
    }
    if (b.kind === 'spacer') {
      flow.glue(b.height);
      continue;
    }
    if (prev) {
      if (keepFrom !== null) flow.penalty(Infinity, 'keep-with-next');
      else flow.penalty(0);
      flow.glue(Math.max(spaceOf(prev).after, spaceOf(b).before));
    }
    const start = flow.items.length;
    const firstRef = flow.fragments.length;
    // Content kept with a heading must fit on a page together with it.
    const kept = keepFrom === null ? 0 : flow.heightFrom(keepFrom);
    const inner: BlockContext = kept > 0 ? { ...ctx, bodyHeight: Math.max(ctx.bodyHeight / 2, ctx.bodyHeight - kept) } : ctx;
    switch (b.kind) {
      case 'paragraph':
        paragraph(b, flow, frame, ctx);
        break;
      case 'heading':
        heading(b, flow, frame, ctx);
        for (let r = firstRef; r < flow.fragments.length; r++) headingRefs.add(r);
        keepFrom ??= start;
        break;
      case 'list':
        list(b, flow, frame, ctx, layoutBlocks);
        break;
      case 'quote':
        quote(b, flow, frame, inner, layoutBlocks);
        break;
      case 'rule':
        rule(b, flow, frame);
        break;
      case 'image':
        image(b, flow, frame, inner, ctx.bodyHeight);
        break;
      case 'table':
        table(b, flow, frame, ctx);
        break;
      case 'row':
        row(b, flow, frame, ctx, layoutBlocks);
        break;
      case 'toc':
        toc(b, flow, frame, ctx);
        break;
      case 'field':
        field(b, flow, frame, ctx);
        break;
      case 'qr':
        qr(b, flow, frame, ctx);
        break;
      case 'group': {
        // kept on one page when it fits; a longer group breaks between its items
        const sub = new FlowBuilder();
        layoutBlocks(b.blocks, sub, frame, inner);
        if (sub.height <= inner.bodyHeight) flow.box(sub.collapse());
        else flow.append(sub);
        break;
      }
      default: {
        const never: never = b;
        throw new Error(`handoutkit: unhandled block ${String((never as Block).kind)}`);
      }
    }
    if (keepFrom !== null && b.kind !== 'heading' && keepLinesAfter(flow, keepFrom, KEEP_WITH_NEXT_LINES, headingRefs)) keepFrom = null;
    prev = b;
  }
}
