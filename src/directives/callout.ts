/**
 * The shared block handler of the callout directives (`:::note`, `:::tip`, `:::warning`,
 * `:::danger`): a QuoteBlock (role `note`) in the kind's own colours, with a drawn vector icon and a
 * bold label in the guide's language (or the author's label, `:::warning[Before you drive]`), so
 * meaning never depends on colour alone; danger is also framed.
 */
import type { Nodes } from 'mdast';
import { z } from 'zod';
import type { ContainerDirective } from '../parse/mdast-extra.js';
import type { Block, CalloutKind } from '../types/layout-tree.js';
import { inlines } from '../template/from-mdast/inline.js';
import { paragraphBlock } from '../template/from-mdast/paragraph.js';
import { placeOf, style, type State } from '../template/from-mdast/state.js';
import { trimInlines } from '../template/from-mdast/whitespace.js';
import { LAYOUT_TOKENS } from '../template/theme.js';
import type { DirectiveDefinition } from './types.js';

/** The callout kinds (each with a default title in `labels.ts` and colours in the theme). */
export type CalloutName = CalloutKind;

/** Callouts take no attributes. */
const NO_ATTRIBUTES = z.object({});

/** A callout directive: `:::<name>` or `:::<name>[Title]`. */
export function calloutDirective(name: CalloutName, summary: string): DirectiveDefinition<'container'> {
  return {
    name,
    kind: 'container',
    syntax: `:::${name}`,
    summary,
    attributes: NO_ATTRIBUTES,
    block: (d, state) => callout(d, name, state),
  };
}

function callout(d: ContainerDirective, name: CalloutName, state: State): Block[] {
  const { theme } = state.ctx;
  const colors = theme.callouts.kinds[name];
  const first = d.children[0];
  const hasLabel = first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true;
  const fallback = state.ctx.labels[name];
  const body = theme.body;
  const labelStyle = style('bold', body.size, body.leading, colors.text);
  const titleContent: Nodes[] = hasLabel ? first.children : [{ type: 'text', value: fallback }];
  let titleRuns = trimInlines(inlines(titleContent, labelStyle, state));
  if (titleRuns.length === 0) titleRuns = trimInlines(inlines([{ type: 'text', value: fallback }], labelStyle, state));
  const wasTight = state.tight;
  state.tight = false;
  const title = { ...paragraphBlock(titleRuns, hasLabel ? first : d, state, false), space: { before: 0, after: theme.rhythm / 2 } };
  const blocks = state.all(hasLabel ? d.children.slice(1) : d.children);
  state.tight = wasTight;
  const { iconSize, iconGap, frame } = theme.callouts;
  const strong = name === 'warning' || name === 'danger';
  return [
    {
      kind: 'quote',
      role: 'note',
      blocks: [title, ...blocks],
      barColor: colors.mark,
      background: colors.background,
      padding: theme.quote.padding,
      barWidth: strong ? LAYOUT_TOKENS.quoteBar * 2 : LAYOUT_TOKENS.quoteBar,
      space: { before: 0, after: theme.paragraphAfter },
      place: placeOf(d, state),
      callout: { kind: name, color: colors.mark, iconSize, gap: iconGap, ...(name === 'danger' ? { frame } : {}) },
    },
  ];
}
