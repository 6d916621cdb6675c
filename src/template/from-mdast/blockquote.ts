/** `blockquote` → QuoteBlock (role `quote`). */
import type { Blockquote, Nodes } from 'mdast';
import type { Block } from '../../types/layout-tree.js';
import { placeOf, type State } from './state.js';
import { LAYOUT_TOKENS } from '../theme.js';

/** Converts a block quote. */
export function blockquote(node: Nodes, state: State): Block[] {
  const q = node as Blockquote;
  const { theme } = state.ctx;
  const wasTight = state.tight;
  state.tight = false;
  const blocks = state.all(q.children);
  state.tight = wasTight;
  return [
    {
      kind: 'quote',
      role: 'quote',
      blocks,
      barColor: theme.quote.barColor,
      padding: theme.quote.padding,
      barWidth: LAYOUT_TOKENS.quoteBar,
      space: { before: 0, after: theme.paragraphAfter },
      place: placeOf(q, state),
    },
  ];
}
