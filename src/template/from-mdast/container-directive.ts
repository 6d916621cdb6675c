/** Container directives (`:::name` … `:::`): the registry's block handler (`src/directives/`), else an unknown node. */
import type { Nodes } from 'mdast';
import type { ContainerDirective } from '../../parse/mdast-extra.js';
import type { Block } from '../../types/layout-tree.js';
import { findDirective } from '../../directives/registry.js';
import type { State } from './state.js';
import { unknown } from './unknown.js';

/** Converts a container directive with its registered handler. */
export function containerDirective(node: Nodes, state: State): Block[] {
  const d = node as ContainerDirective;
  const spec = findDirective('container', d.name);
  return spec?.block ? spec.block(d, state) : unknown(node, state);
}
