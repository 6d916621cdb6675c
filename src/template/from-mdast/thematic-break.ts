/** `thematicBreak` → RuleBlock (a content separator, not decorative). */
import type { Nodes } from 'mdast';
import type { Block, RuleBlock } from '../../types/layout-tree.js';
import { placeOf, type State } from './state.js';

/** A horizontal rule with theme spacing. */
export function ruleBlock(node: Nodes | undefined, state: State, decorative: boolean): RuleBlock {
  const { theme } = state.ctx;
  return {
    kind: 'rule',
    color: theme.rule.color,
    thickness: theme.rule.thickness,
    space: { before: theme.rhythm * 2, after: theme.rhythm * 2 },
    place: placeOf(node, state),
    decorative,
  };
}

/** Converts a thematic break. */
export function thematicBreak(node: Nodes, state: State): Block[] {
  return [ruleBlock(node, state, false)];
}
