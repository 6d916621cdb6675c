/** `::pagebreak` → PageBreakBlock. */
import type { Nodes } from 'mdast';
import type { LeafDirective } from '../../parse/mdast-extra.js';
import type { Block } from '../../types/layout-tree.js';
import { placeOf, type State } from './state.js';
import { unknown } from './unknown.js';

/** Converts a leaf directive (only `::pagebreak` has a meaning). */
export function leafDirective(node: Nodes, state: State): Block[] {
  const d = node as LeafDirective;
  if (d.name === 'pagebreak') return [{ kind: 'pagebreak', place: placeOf(d, state) }];
  return unknown(node, state);
}
