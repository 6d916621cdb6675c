/**
 * A preorder walk over a unist tree with `unist-util-visit`'s semantics for what the stages use: the visitor gets
 * `(node, index, parent)`, a node's children are visited after it (read again at every step, so a visitor may
 * replace or splice its parent's children), and a returned number is the index in the parent to go on at.
 *
 * `unist-util-visit` makes a closure, an ancestors array and a `defineProperty` call per node: its walks were
 * about a third of the resolve stage and a tenth of a warm build's garbage. This one allocates nothing per node.
 */
import type { Nodes, Parents } from 'mdast';
import type { Node, Parent } from 'unist';

/** What a visitor may return: nothing, or the index in the parent to continue at. */
export type WalkResult = number | void;

/** Called for each node that passes the test. */
export type WalkVisitor<T extends Node = Nodes> = (node: T, index: number | undefined, parent: Parents | undefined) => WalkResult;

/** A node test: a node type, or a predicate (called like `unist-util-is`'s). */
export type WalkTest = string | ((node: Node, index: number | undefined, parent: Parent | undefined) => boolean);

function step(
  node: Node,
  index: number | undefined,
  parent: Parents | undefined,
  test: WalkTest | undefined,
  visitor: WalkVisitor<Node>,
): WalkResult {
  let result: WalkResult = undefined;
  if (test === undefined || (typeof test === 'string' ? node.type === test : test(node, index, parent))) {
    result = visitor(node, index, parent);
  }
  const self = node as Parents;
  if (self.children) {
    let offset = 0;
    while (offset < self.children.length) {
      const next = step(self.children[offset]!, offset, self, test, visitor);
      offset = typeof next === 'number' ? next : offset + 1;
    }
  }
  return typeof result === 'number' ? result : undefined;
}

/** Visits every node of the mdast `tree` in preorder. */
export function walk(tree: Node, visitor: WalkVisitor): void {
  step(tree, undefined, undefined, undefined, visitor as WalkVisitor<Node>);
}

/** Visits, in preorder, every node of `tree` that passes `test` (all nodes are descended into). */
export function walkWhere<T extends Node>(tree: Node, test: WalkTest, visitor: WalkVisitor<T>): void {
  step(tree, undefined, undefined, test, visitor as WalkVisitor<Node>);
}
