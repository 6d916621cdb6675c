/** `:::note` / `:::warning` / `:::tip` → QuoteBlock (role `note`) with a bold title line. */
import type { Nodes, Paragraph } from 'mdast';
import type { ContainerDirective } from '../../parse/mdast-extra.js';
import type { Block } from '../../types/layout-tree.js';
import { inlines } from './inline.js';
import { labelsFor } from './labels.js';
import { paragraphBlock } from './paragraph.js';
import { placeOf, style, type State } from './state.js';
import { unknown } from './unknown.js';
import { trimInlines } from './whitespace.js';
import { LAYOUT_TOKENS } from '../theme.js';

const CALLOUTS = new Set(['note', 'warning', 'tip']);

/** Converts a callout directive (others are treated as unknown nodes). */
export function containerDirective(node: Nodes, state: State): Block[] {
  const d = node as ContainerDirective;
  if (!CALLOUTS.has(d.name)) return unknown(node, state);
  const { theme } = state.ctx;
  const first = d.children[0];
  const hasLabel = first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true;
  const labels = labelsFor(state.ctx.lang);
  const fallback = labels[d.name as 'note' | 'warning' | 'tip'];
  const body = theme.body;
  const titleContent: Nodes[] = hasLabel ? (first as Paragraph).children : [{ type: 'text', value: fallback }];
  let titleRuns = trimInlines(inlines(titleContent, style('bold', body.size, body.leading, body.color), state));
  if (titleRuns.length === 0) titleRuns = trimInlines(inlines([{ type: 'text', value: fallback }], style('bold', body.size, body.leading, body.color), state));
  const wasTight = state.tight;
  state.tight = false;
  const title = { ...paragraphBlock(titleRuns, hasLabel ? first : d, state, false), space: { before: 0, after: theme.rhythm } };
  const blocks = state.all(hasLabel ? d.children.slice(1) : d.children);
  state.tight = wasTight;
  return [
    {
      kind: 'quote',
      role: 'note',
      blocks: [title, ...blocks],
      barColor: theme.quote.barColor,
      background: theme.quote.background,
      padding: theme.quote.padding,
      barWidth: LAYOUT_TOKENS.quoteBar,
      space: { before: 0, after: theme.paragraphAfter },
      place: placeOf(d, state),
    },
  ];
}
