/** Page chrome: header and footer regions, laid out per page once page numbers are known. */
import type { Block, Inline } from '../types/layout-tree.js';
import type { PageItem } from '../types/paged.js';
import { FlowBuilder, shiftItem, type Fragment } from './flow.js';
import { layoutBlocks } from './blocks/index.js';
import type { BlockContext } from './blocks/context.js';
import type { Measurer } from './fonts/measure.js';

function fillInlines(inlines: readonly Inline[], page: string, pages: string): Inline[] {
  return inlines.map((i) => (i.kind === 'field' ? { kind: 'text', text: i.field === 'page' ? page : pages, style: i.style } : i));
}

/** Replaces page-number fields in blocks. */
export function fillFields(blocks: readonly Block[], page: string, pages: string): Block[] {
  return blocks.map((b): Block => {
    switch (b.kind) {
      case 'paragraph':
        return { ...b, inlines: fillInlines(b.inlines, page, pages) };
      case 'heading':
        return { ...b, inlines: fillInlines(b.inlines, page, pages) };
      case 'row':
        return { ...b, columns: b.columns.map((c) => ({ ...c, blocks: fillFields(c.blocks, page, pages) })) };
      case 'quote':
        return { ...b, blocks: fillFields(b.blocks, page, pages) };
      default:
        return b;
    }
  });
}

/** A region laid out as artifacts: its items and its height. */
export interface Region {
  readonly items: PageItem[];
  readonly height: number;
}

/** A region's blocks laid out at x with the given width, from y = 0 (place it with {@link placeRegion}). */
export function regionFragment(blocks: readonly Block[], x: number, width: number, ctx: BlockContext): Fragment {
  const flow = new FlowBuilder();
  layoutBlocks(blocks, flow, { x, width, parent: null }, { ...ctx, tagged: false });
  return flow.collapse();
}

/** Regions kept per measurer (and so per font book), least recently used dropped first. */
export const KEPT_REGIONS = 64;
/** A region whose key is longer than this is laid out every time. */
const MAX_REGION_KEY = 32 * 1024;
const keptRegions = new WeakMap<Measurer, Map<string, Fragment>>();

/** Stands for a value that is `undefined` in a region key (JSON would drop the key, as if it were absent). */
const UNDEFINED = '\u0000undefined';

/** Thrown by {@link keyReplacer} at a value the key cannot stand for: made once, so no stack is captured per throw. */
const UNKEYABLE = new Error('handoutkit: a region key cannot stand for this value');

/** Whether a key cannot stand for `value` (an image's bytes, a map, a function …: anything but plain data). */
function unkeyable(value: unknown): boolean {
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return true;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype;
}

function keyReplacer(this: unknown, key: string, value: unknown): unknown {
  // the value before any toJSON (a Buffer's would give its bytes as an array of numbers)
  const original: unknown = key === '' ? value : (this as Record<string, unknown>)[key];
  if (original === undefined) return UNDEFINED;
  if (unkeyable(original)) throw UNKEYABLE;
  // its members checked before JSON turns them into text, so a large image is never turned into numbers first
  if (Array.isArray(original)) {
    for (const member of original) if (unkeyable(member)) throw UNKEYABLE;
  } else if (typeof original === 'object' && original !== null) {
    const members = original as Record<string, unknown>;
    for (const k in members) if (unkeyable(members[k])) throw UNKEYABLE;
  }
  return value;
}

/** The text of `blocks` (plain data only); undefined when they hold something else (an image's bytes, a map …). */
export function blocksKey(blocks: readonly Block[]): string | undefined {
  try {
    return JSON.stringify(blocks, keyReplacer);
  } catch (e) {
    if (e === UNKEYABLE) return undefined;
    throw e;
  }
}

/** {@link blocksKey} per blocks array (a page's header and footer blocks are the same array on every page); null: none. */
const blocksKeys = new WeakMap<readonly Block[], string | null>();

/** Page numbers filled into a region's fields ({@link fillFields}). */
export interface PageNumbers {
  readonly page: string;
  readonly pages: string;
}

/**
 * {@link regionFragment} of `blocks` with `numbers` filled in, remembered per measurer for regions of plain data (the
 * footer of every page and document of a clinic, with the same page numbers, is laid out once). The key is all the
 * region's layout depends on: its blocks (text, styles, languages, alignment …; turned into text once per blocks
 * array), the page numbers, x, width, the body height and the direction (chrome is never tagged). A layout that
 * recorded a problem is not kept, so each build that lays the region out records it again. Kept fragments are frozen
 * (shared by every build that uses them; {@link placeRegion} copies their items).
 */
export function keptRegionFragment(blocks: readonly Block[], numbers: PageNumbers, x: number, width: number, ctx: BlockContext): Fragment {
  let text = blocksKeys.get(blocks);
  if (text === undefined) {
    text = blocksKey(blocks) ?? null;
    blocksKeys.set(blocks, text);
  }
  if (text === null || text.length > MAX_REGION_KEY) return regionFragment(fillFields(blocks, numbers.page, numbers.pages), x, width, ctx);
  const key = `${x}\u0000${width}\u0000${ctx.bodyHeight}\u0000${ctx.direction}\u0000${numbers.page}\u0000${numbers.pages}\u0000${text}`;
  let kept = keptRegions.get(ctx.measurer);
  if (!kept) {
    kept = new Map();
    keptRegions.set(ctx.measurer, kept);
  }
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key); // most recently used last
    kept.set(key, hit);
    return hit;
  }
  const before = ctx.diags.list.length;
  const f = regionFragment(fillFields(blocks, numbers.page, numbers.pages), x, width, ctx);
  if (ctx.diags.list.length !== before) return f;
  for (const item of f.items) Object.freeze(item);
  Object.freeze(f.items);
  Object.freeze(f.marks);
  if (f.fields) Object.freeze(f.fields);
  Object.freeze(f);
  if (kept.size >= KEPT_REGIONS) kept.delete(kept.keys().next().value!);
  kept.set(key, f);
  return f;
}

/** A region laid out by {@link regionFragment}, placed at y as artifacts (its items are new each time). */
export function placeRegion(f: Fragment, y: number): Region {
  return { items: f.items.map((i) => shiftItem({ ...i, owner: null }, 0, y)), height: f.height };
}

function inlinesHaveFields(inlines: readonly Inline[]): boolean {
  return inlines.some((i) => i.kind === 'field');
}

/** Whether {@link fillFields} would put page numbers into any of `blocks` (else the region is the same on every page). */
export function hasPageFields(blocks: readonly Block[]): boolean {
  return blocks.some((b) => {
    switch (b.kind) {
      case 'paragraph':
      case 'heading':
        return inlinesHaveFields(b.inlines);
      case 'row':
        return b.columns.some((c) => hasPageFields(c.blocks));
      case 'quote':
        return hasPageFields(b.blocks);
      default:
        return false;
    }
  });
}
