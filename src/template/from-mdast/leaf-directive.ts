/** `::pagebreak` → PageBreakBlock; `::field` and `::qr` → their blocks (src/directives/). */
import type { Nodes } from 'mdast';
import type { LeafDirective } from '../../parse/mdast-extra.js';
import type { Block } from '../../types/layout-tree.js';
import { placeOf, type State } from './state.js';
import { unknown } from './unknown.js';
import { FIELD, fieldBlock } from '../../directives/field.js';
import { QR, qrBlock } from '../../directives/qr.js';

/** Converts a leaf directive: `::pagebreak`, `::field`, `::qr`. */
export function leafDirective(node: Nodes, state: State): Block[] {
  const d = node as LeafDirective;
  if (d.name === 'pagebreak') return [{ kind: 'pagebreak', place: placeOf(d, state) }];
  if (d.name === FIELD) return [fieldBlock(d, state)];
  if (d.name === QR) return [qrBlock(d, state)];
  return unknown(node, state);
}
