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

/** Collects flow items and the fragments their boxes refer to. */
export class FlowBuilder {
  readonly items: FlowItem[] = [];
  readonly fragments: Fragment[] = [];

  /** Adds a box for a fragment. */
  box(fragment: Fragment): void {
    this.items.push({ kind: 'box', height: fragment.height, ref: this.fragments.length });
    this.fragments.push(fragment);
  }

  /** Adds vertical space (dropped at page tops). */
  glue(height: number): void {
    if (height > 0) this.items.push({ kind: 'glue', height });
  }

  /** Adds a break opportunity. */
  penalty(cost: number, rule?: string): void {
    this.items.push(rule ? { kind: 'penalty', cost, rule } : { kind: 'penalty', cost });
  }

  /** Appends another builder's flow (its fragments re-numbered). */
  append(other: FlowBuilder): void {
    const offset = this.fragments.length;
    this.fragments.push(...other.fragments);
    for (const it of other.items) {
      if (it.kind === 'box') this.items.push({ ...it, ref: it.ref + offset });
      else if (it.kind === 'repeat-start') this.items.push({ ...it, headerRef: it.headerRef + offset });
      else this.items.push(it);
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
  const moved: Fragment = { height: f.height, items: f.items.map((i) => shiftItem(i, dx, dy)), marks: f.marks.map((m) => ({ ...m, dy: m.dy + dy })) };
  return f.fields ? { ...moved, fields: f.fields.map((fd) => ({ ...fd, right: fd.right + dx, y: fd.y + dy })) } : moved;
}
