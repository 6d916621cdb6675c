/**
 * Open repeat groups (tables with header rows) as a persistent stack: a page
 * break candidate keeps a pointer to the stack as it was at that point, so
 * backtracking to the chosen break needs no copying.
 */

/** One open repeat group; `parent` is the enclosing group, if any. */
export interface OpenGroup {
  /** Index of the group's `repeat-start` item. */
  readonly start: number;
  /**
   * Index of the group's first item that counts as its content: the header box
   * right before `repeat-start` when there is one, else the item after it.
   */
  readonly from: number;
  readonly headerHeight: number;
  readonly headerRef: number;
  readonly parent: OpenGroup | null;
}

/** Pushes a group (returns the new top). */
export function pushGroup(top: OpenGroup | null, start: number, headerHeight: number, headerRef: number, headerBefore: boolean): OpenGroup {
  return { start, from: headerBefore ? start - 1 : start + 1, headerHeight, headerRef, parent: top };
}

/** Pops the innermost group; an unmatched `repeat-end` is ignored. */
export function popGroup(top: OpenGroup | null): OpenGroup | null {
  return top === null ? null : top.parent;
}

/** The open groups, outermost first. */
export function groupsOuterFirst(top: OpenGroup | null): OpenGroup[] {
  const out: OpenGroup[] = [];
  for (let g = top; g !== null; g = g.parent) out.push(g);
  return out.reverse();
}
