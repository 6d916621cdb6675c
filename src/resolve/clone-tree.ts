/**
 * A copy of a parsed mdast tree for resolve to change: every node, `data` object and array is new, while each
 * `position` is shared with the original. Nothing in the pipeline changes a position in place (a node that moves
 * gets a new one; the parse cache's trees are deeply frozen, so one that did would throw), and positions are three
 * of every node's four objects, so sharing them makes most of the copy's garbage go away. Otherwise like
 * `structuredClone` for the plain objects, arrays and primitives a parsed tree holds (key order kept).
 */

/** A copy of `tree` sharing its `position` objects (see the module comment). */
export function cloneTree<T>(tree: T): T {
  return copy(tree) as T;
}

function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  const from = value as Record<string, unknown>;
  for (const key of Object.keys(from)) {
    const v = from[key];
    out[key] = key === 'position' ? v : copy(v);
  }
  return out;
}
