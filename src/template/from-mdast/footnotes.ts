/**
 * Footnotes: references are numbered in order of first reference (see
 * `inline.ts`); definitions are collected into an endnotes section.
 */
import type { Nodes } from 'mdast';
import type { Block } from '../../types/layout-tree.js';
import { headingBlock } from './heading.js';
import { listItem } from './list.js';
import { placeOf, type State } from './state.js';
import { ruleBlock } from './thematic-break.js';

/** Definitions are not printed where they stand. */
export function footnoteDefinition(_node: Nodes, _state: State): Block[] {
  return [];
}

/** The endnotes section (rule, “Notes” heading, ordered list), or nothing when no footnote is referenced. */
export function endnotes(state: State): Block[] {
  const { theme } = state.ctx;
  const numbered = [...state.footnoteNumbers.entries()].sort((a, b) => a[1] - b[1]);
  const items = [];
  // Converting a definition can reference further footnotes: loop until stable.
  for (let i = 0; i < numbered.length; i++) {
    const [id, n] = numbered[i]!;
    const def = state.footnoteDefs.get(id);
    if (!def) continue;
    items.push(listItem(def, state, `${n}.`, true));
    if (i === numbered.length - 1 && state.footnoteNumbers.size > numbered.length) {
      numbered.push(...[...state.footnoteNumbers.entries()].slice(numbered.length));
    }
  }
  if (items.length === 0) return [];
  const first = state.footnoteDefs.get(numbered[0]![0]);
  return [
    ruleBlock(first, state, true),
    headingBlock(2, [{ type: 'text', value: state.ctx.labels.notes }], undefined, state),
    {
      kind: 'list',
      ordered: true,
      items,
      indent: theme.list.indent,
      itemGap: theme.list.itemGap,
      space: { before: 0, after: theme.paragraphAfter },
      checkboxColor: theme.list.markerColor,
      place: placeOf(first, state),
    },
  ];
}
