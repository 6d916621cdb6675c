/**
 * The vertical flow: blocks become boxes, glue and penalties for the
 * paginator. Each box refers to a fragment of positioned items that is moved
 * into place once its page is known.
 */
import type { FlowItem } from './paginate.js';
import type { HexColor } from '../types/brand.js';
import type { FontKey, Owner, PageItem } from '../types/paged.js';

/** An anchor (or outline entry) placed inside a fragment. */
export interface FragmentMark {
  readonly anchor: string;
  readonly dy: number;
  readonly outline?: { readonly title: string; readonly level: number };
}

/**
 * A page number known only after pagination (table of contents): the page
 * where `anchor` lands, drawn right-aligned at `right` on baseline `y`.
 * Its space is reserved when the fragment is laid out, so filling it never
 * changes any height.
 */
export interface FragmentField {
  readonly anchor: string;
  /** Right edge of the number. */
  readonly right: number;
  /** Baseline, from the fragment top. */
  readonly y: number;
  readonly font: FontKey;
  readonly size: number;
  readonly color: HexColor;
  readonly owner: Owner;
}

/** Positioned items of one unbreakable box: x from the content area's left edge, y from the box top. */
export interface Fragment {
  readonly height: number;
  readonly items: readonly PageItem[];
  readonly marks: readonly FragmentMark[];
  /** Page-number fields filled after pagination. */
  readonly fields?: readonly FragmentField[];
}

/**
 * Collects flow items and the fragments their boxes refer to. The only writer of flow items:
 * blocks add boxes, glue and penalties, open and close repeat groups (table headers), turn a range
 * into a keep, and append sub-flows (callouts, quotes, list items) through it — repeat groups
 * and keeps included.
 */
export class FlowBuilder {
  readonly #items: FlowItem[] = [];
  readonly #fragments: Fragment[] = [];

  /** The items, in order (read-only: add through the methods). */
  get items(): readonly FlowItem[] {
    return this.#items;
  }

  /** The fragments, by box `ref`. */
  get fragments(): readonly Fragment[] {
    return this.#fragments;
  }

  /** Adds a box for a fragment; returns its `ref`. */
  box(fragment: Fragment): number {
    const ref = this.#fragments.length;
    this.#items.push({ kind: 'box', height: fragment.height, ref });
    this.#fragments.push(fragment);
    return ref;
  }

  /** Adds vertical space (dropped at page tops). */
  glue(height: number): void {
    if (height > 0) this.#items.push({ kind: 'glue', height });
  }

  /** Adds a break opportunity. */
  penalty(cost: number, rule?: string): void {
    this.#items.push(rule ? { kind: 'penalty', cost, rule } : { kind: 'penalty', cost });
  }

  /**
   * Opens a repeat group: the box `headerRef` (just added) is repeated at the top of every page the
   * group continues on (table header rows). Close it with {@link repeatEnd}.
   */
  repeatStart(headerRef: number): void {
    const header = this.#fragments[headerRef];
    if (!header) throw new RangeError(`flow: no box ${headerRef} to repeat`);
    this.#items.push({ kind: 'repeat-start', headerHeight: header.height, headerRef });
  }

  /** Closes the innermost repeat group. */
  repeatEnd(): void {
    this.#items.push({ kind: 'repeat-end' });
  }

  /**
   * Keeps a range together: from item `from` on, every legal break becomes a keep (an infinite
   * penalty with `rule`) until `enough` says, for a box, that the range is long enough. Returns
   * whether it was (false: the range is still open at the end of the flow).
   */
  keep(from: number, rule: string, enough: (ref: number, fragment: Fragment) => boolean): boolean {
    for (let i = from; i < this.#items.length; i++) {
      const it = this.#items[i]!;
      if (it.kind === 'box') {
        if (enough(it.ref, this.#fragments[it.ref]!)) return true;
      } else if (it.kind === 'penalty' && Number.isFinite(it.cost)) {
        this.#items[i] = { kind: 'penalty', cost: Infinity, rule };
      }
    }
    return false;
  }

  /** Height of the flow from item `from` on (boxes and glue). */
  heightFrom(from: number): number {
    let h = 0;
    for (let i = from; i < this.#items.length; i++) {
      const it = this.#items[i]!;
      if (it.kind === 'box' || it.kind === 'glue') h += it.height;
    }
    return h;
  }

  /** Appends another builder's flow as it is (its fragments re-numbered). */
  append(other: FlowBuilder): void {
    this.appendWrapped(other, (f) => f);
  }

  /**
   * Appends another builder's flow with every box's fragment passed through `wrap` (with the box's
   * index among the appended boxes) and, when `glueBox` is given, every glue turned into a box of
   * that fragment (callout decoration that must run through the gaps). Penalties, keeps and repeat
   * groups carry over, so a table inside a callout still repeats its header.
   */
  appendWrapped(other: FlowBuilder, wrap: (fragment: Fragment, index: number) => Fragment, glueBox?: (height: number) => Fragment): void {
    const refs = new Map<number, number>();
    let boxes = 0;
    for (const it of other.items) {
      switch (it.kind) {
        case 'box': {
          const wrapped = wrap(other.fragments[it.ref]!, boxes++);
          if (wrapped.height !== it.height) throw new RangeError('flow: a wrapped box must keep its height');
          refs.set(it.ref, this.box(wrapped));
          break;
        }
        case 'glue':
          if (glueBox) this.box(glueBox(it.height));
          else this.glue(it.height);
          break;
        case 'penalty':
          this.#items.push(it);
          break;
        case 'repeat-start': {
          const ref = refs.get(it.headerRef);
          if (ref === undefined) throw new RangeError('flow: a repeat group must follow its header box');
          this.repeatStart(ref);
          break;
        }
        case 'repeat-end':
          this.repeatEnd();
          break;
      }
    }
  }

  /** Total natural height (boxes and glue). */
  get height(): number {
    let h = 0;
    for (const it of this.items) if (it.kind === 'box' || it.kind === 'glue') h += it.height;
    return h;
  }

  /** Stacks the whole flow into one unbreakable fragment (glue kept as space). */
  collapse(): Fragment {
    const items: PageItem[] = [];
    const marks: FragmentMark[] = [];
    const fields: FragmentField[] = [];
    let y = 0;
    for (const it of this.items) {
      if (it.kind === 'glue') y += it.height;
      else if (it.kind === 'box') {
        const f = this.fragments[it.ref]!;
        for (const item of f.items) items.push(shiftItem(item, 0, y));
        for (const m of f.marks) marks.push({ ...m, dy: m.dy + y });
        for (const fd of f.fields ?? []) fields.push({ ...fd, y: fd.y + y });
        y += f.height;
      }
    }
    return fields.length > 0 ? { height: y, items, marks, fields } : { height: y, items, marks };
  }
}

/** Moves an item by (dx, dy). */
export function shiftItem(item: PageItem, dx: number, dy: number): PageItem {
  switch (item.kind) {
    case 'line':
      return { ...item, x1: item.x1 + dx, x2: item.x2 + dx, y1: item.y1 + dy, y2: item.y2 + dy };
    case 'text':
    case 'rect':
    case 'image':
    case 'checkbox':
    case 'link':
    case 'icon':
    case 'qr':
    case 'field':
      return { ...item, x: item.x + dx, y: item.y + dy };
  }
}

/** Shifts every item of a fragment. */
export function shiftFragment(f: Fragment, dx: number, dy: number): Fragment {
  const moved: Fragment = {
    height: f.height,
    items: f.items.map((i) => shiftItem(i, dx, dy)),
    marks: f.marks.map((m) => ({ ...m, dy: m.dy + dy })),
  };
  return f.fields ? { ...moved, fields: f.fields.map((fd) => ({ ...fd, right: fd.right + dx, y: fd.y + dy })) } : moved;
}
