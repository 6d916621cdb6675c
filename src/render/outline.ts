/** PDF outline (bookmarks) from the headings, nested by level. */
import type { PagedDocument } from '../types/paged.js';
import { addOutlineItem, type Doc, type OutlineNode } from './pdf-adapter/index.js';

/** Adds bookmarks for every outline entry. */
export function addOutline(doc: Doc, paged: PagedDocument): void {
  const stack: { level: number; node: OutlineNode }[] = [{ level: 0, node: doc.outline }];
  for (const entry of paged.outline) {
    while (stack.length > 1 && stack[stack.length - 1]!.level >= entry.level) stack.pop();
    const parent = stack[stack.length - 1]!.node;
    const page = paged.pages[entry.page]!;
    const node = addOutlineItem(parent, entry.title, { pageNumber: entry.page, top: entry.y, left: page.width });
    stack.push({ level: entry.level, node });
  }
}
