/** Nodes without a handler: their text is kept as a paragraph, with a warning. */
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Block } from '../../types/layout-tree.js';
import { inlines } from './inline.js';
import { paragraphBlock } from './paragraph.js';
import { bodyStyle, placeOf, type State } from './state.js';
import { trimInlines } from './whitespace.js';

/** Converts an unsupported node to a paragraph of its text (`unsupported-node` warning; `unsupported-html` for raw HTML). */
export function unknown(node: Nodes, state: State): Block[] {
  const raw = node.type === 'html' ? node.value.replace(/<[^>]*>/g, '') : toString(node);
  const name = 'name' in node && typeof node.name === 'string' ? `\`${node.type}\` (\`${node.name}\`)` : `\`${node.type}\``;
  // raw HTML has one rule id wherever it is met (resolve drops it before this stage)
  const rule = node.type === 'html' ? 'unsupported-html' : 'unsupported-node';
  state.ctx.diags.warning(placeOf(node, state), `${name} is not supported in handouts; only its text is printed`, rule);
  const runs = trimInlines(inlines([{ type: 'text', value: raw }], bodyStyle(state), state));
  return runs.length > 0 ? [paragraphBlock(runs, node, state)] : [];
}
