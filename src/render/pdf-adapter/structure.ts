/**
 * Structure elements and outline items where PDFKit's typings are narrower than what it accepts
 * (PDFKit 0.20: a marked-content handle as a structure kid; outline destinations with `top`/`left`).
 * Guarded by `tests/render/pdf-adapter/structure.test.ts`.
 */
import type { Doc } from './document.js';

/** A structure element. */
export type StructElem = ReturnType<Doc['struct']>;
/** What a structure element accepts as a kid. */
export type StructKid = Parameters<StructElem['add']>[0];
/** A marked-content sequence (`doc.markStructureContent`). */
export type MarkedContent = ReturnType<Doc['markStructureContent']>;

/** Adds a marked-content sequence to a structure element (its typings only list elements). */
export function addMarkedContent(elem: StructElem, mc: MarkedContent): void {
  elem.add(mc);
}

/** An outline node (`doc.outline` or an item under it). */
export type OutlineNode = Doc['outline'];

/** Where a bookmark goes: a page, the top of the view on it, and the left edge (PDFKit 0.20 writes 0 whatever it is). */
export interface OutlineDestination {
  readonly pageNumber: number;
  readonly top: number;
  readonly left: number;
}

/** Adds an expanded bookmark under `parent` pointing at `dest` (XYZ, zoom kept). */
export function addOutlineItem(parent: OutlineNode, title: string, dest: OutlineDestination): ReturnType<Doc['outline']['addItem']> {
  const options = { pageNumber: dest.pageNumber, fit: false, top: dest.top, left: dest.left, zoom: 0, expanded: true };
  return parent.addItem(title, options);
}
