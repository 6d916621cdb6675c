/** PDF outline (bookmarks) from the headings, nested by level. */
import type { PagedDocument } from '../types/paged.js';
import type { Doc } from './pdf-document.js';

type OutlineNode = ReturnType<Doc['outline']['addItem']>;

/** Adds bookmarks for every outline entry. */
export function addOutline(doc: Doc, paged: PagedDocument): void {
  const stack: { level: number; node: OutlineNode | Doc['outline'] }[] = [{ level: 0, node: doc.outline }];
  for (const entry of paged.outline) {
    while (stack.length > 1 && stack[stack.length - 1]!.level >= entry.level) stack.pop();
    const parent = stack[stack.length - 1]!.node;
    const page = paged.pages[entry.page]!;
    const node = parent.addItem(entry.title, { pageNumber: entry.page, fit: false, top: entry.y, left: page.width, zoom: 0, expanded: true } as unknown as Parameters<OutlineNode['addItem']>[1]);
    stack.push({ level: entry.level, node });
  }
}
