/** Leaf directives (`::name`): the registry's block handler (`src/directives/`), else an unknown node. */
import type { Nodes } from 'mdast';
import type { LeafDirective } from '../../parse/mdast-extra.js';
import type { Block } from '../../types/layout-tree.js';
import { findDirective } from '../../directives/registry.js';
import type { State } from './state.js';
import { unknown } from './unknown.js';

/** Converts a leaf directive with its registered handler. */
export function leafDirective(node: Nodes, state: State): Block[] {
  const d = node as LeafDirective;
  const spec = findDirective('leaf', d.name);
  return spec?.block ? spec.block(d, state) : unknown(node, state);
}
