/**
 * `:::note`, `:::tip`, `:::warning`, `:::danger` → QuoteBlock (role `note`) with the kind's
 * colours, a drawn icon and a bold label in the guide's language (or the author's own label,
 * `:::warning[Before you drive]`). `:::checklist` → see {@link checklistDirective}.
 */
import type { Nodes, Paragraph } from 'mdast';
import type { ContainerDirective } from '../../parse/mdast-extra.js';
import type { Block, CalloutKind } from '../../types/layout-tree.js';
import { CHECKLIST, checklistDirective } from '../../directives/checklist.js';
import { inlines } from './inline.js';
import { labelsFor } from './labels.js';
import { paragraphBlock } from './paragraph.js';
import { placeOf, style, type State } from './state.js';
import { unknown } from './unknown.js';
import { trimInlines } from './whitespace.js';
import { LAYOUT_TOKENS } from '../theme.js';

/** Container directives drawn as callout boxes. */
export const CALLOUT_KINDS: readonly CalloutKind[] = ['note', 'tip', 'warning', 'danger'];

function isCallout(name: string): name is CalloutKind {
  return (CALLOUT_KINDS as readonly string[]).includes(name);
}

/** Converts a callout or checklist directive (unknown ones were refused by resolve). */
export function containerDirective(node: Nodes, state: State): Block[] {
  const d = node as ContainerDirective;
  if (d.name === CHECKLIST) return checklistDirective(d, state);
  if (!isCallout(d.name)) return unknown(node, state);
  const { theme } = state.ctx;
  const colors = theme.callouts.kinds[d.name];
  const first = d.children[0];
  const hasLabel = first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true;
  const fallback = labelsFor(state.ctx.lang)[d.name];
  const body = theme.body;
  const labelStyle = style('bold', body.size, body.leading, colors.text);
  const titleContent: Nodes[] = hasLabel ? (first as Paragraph).children : [{ type: 'text', value: fallback }];
  let titleRuns = trimInlines(inlines(titleContent, labelStyle, state));
  if (titleRuns.length === 0) titleRuns = trimInlines(inlines([{ type: 'text', value: fallback }], labelStyle, state));
  const wasTight = state.tight;
  state.tight = false;
  const title = { ...paragraphBlock(titleRuns, hasLabel ? first : d, state, false), space: { before: 0, after: theme.rhythm / 2 } };
  const blocks = state.all(hasLabel ? d.children.slice(1) : d.children);
  state.tight = wasTight;
  const { iconSize, iconGap, frame } = theme.callouts;
  return [
    {
      kind: 'quote',
      role: 'note',
      blocks: [title, ...blocks],
      barColor: colors.mark,
      background: colors.background,
      padding: theme.quote.padding,
      barWidth: d.name === 'warning' || d.name === 'danger' ? LAYOUT_TOKENS.quoteBar * 2 : LAYOUT_TOKENS.quoteBar,
      space: { before: 0, after: theme.paragraphAfter },
      place: placeOf(d, state),
      callout: { kind: d.name, color: colors.mark, iconSize, gap: iconGap, ...(d.name === 'danger' ? { frame } : {}) },
    },
  ];
}
