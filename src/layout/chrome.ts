/** Page chrome: header and footer regions, laid out per page once page numbers are known. */
import type { Block, Inline } from '../types/layout-tree.js';
import type { PageItem } from '../types/paged.js';
import { FlowBuilder, shiftItem, type Fragment } from './flow.js';
import { layoutBlocks } from './blocks/index.js';
import type { BlockContext } from './blocks/context.js';

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
