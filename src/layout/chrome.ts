/** Page chrome: header and footer regions, laid out per page once page numbers are known. */
import type { Block, Inline } from '../types/layout-tree.js';
import type { PageItem } from '../types/paged.js';
import { FlowBuilder, shiftItem } from './flow.js';
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

/** Lays out a region's blocks as artifacts at (x, y) with the given width. */
export function layoutRegion(blocks: readonly Block[], x: number, y: number, width: number, ctx: BlockContext): Region {
  const flow = new FlowBuilder();
  layoutBlocks(blocks, flow, { x, width, parent: null }, { ...ctx, tagged: false });
  const f = flow.collapse();
  return { items: f.items.map((i) => shiftItem({ ...i, owner: null }, 0, y)), height: f.height };
}
