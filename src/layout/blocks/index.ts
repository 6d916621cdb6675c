/** Block dispatcher: an exhaustive switch over the closed block vocabulary. */
import type { Block } from '../../types/layout-tree.js';
import type { FlowBuilder } from '../flow.js';
import type { BlockContext, BlockFrame } from './context.js';
import { image, rule } from './figure.js';
import { list } from './list.js';
import { heading, paragraph } from './paragraph.js';
import { quote } from './quote.js';
import { row } from './row.js';
import { table } from './table.js';

function spaceOf(b: Block): { before: number; after: number } {
  return 'space' in b ? b.space : { before: 0, after: 0 };
}

/**
 * Lays out blocks one after another. Between blocks there is a break
 * opportunity, except after a heading (keep with next).
 */
export function layoutBlocks(blocks: readonly Block[], flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext): void {
  let prev: Block | undefined;
  for (const b of blocks) {
    if (b.kind === 'pagebreak') {
      flow.penalty(-Infinity, 'pagebreak');
      prev = undefined;
      continue;
    }
    if (b.kind === 'spacer') {
      flow.glue(b.height);
      continue;
    }
    if (prev) {
      flow.penalty(prev.kind === 'heading' ? Infinity : 0, prev.kind === 'heading' ? 'keep-with-next' : undefined);
      flow.glue(Math.max(spaceOf(prev).after, spaceOf(b).before));
    }
    switch (b.kind) {
      case 'paragraph':
        paragraph(b, flow, frame, ctx);
        break;
      case 'heading':
        heading(b, flow, frame, ctx);
        break;
      case 'list':
        list(b, flow, frame, ctx, layoutBlocks);
        break;
      case 'quote':
        quote(b, flow, frame, ctx, layoutBlocks);
        break;
      case 'rule':
        rule(b, flow, frame);
        break;
      case 'image':
        image(b, flow, frame, ctx);
        break;
      case 'table':
        table(b, flow, frame, ctx);
        break;
      case 'row':
        row(b, flow, frame, ctx, layoutBlocks);
        break;
      default: {
        const never: never = b;
        throw new Error(`handoutkit: unhandled block ${String((never as Block).kind)}`);
      }
    }
    prev = b;
  }
}
