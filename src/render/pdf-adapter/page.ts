/**
 * The current page's dictionary (PDFKit 0.20: `doc.page.dictionary.data`, typed loosely).
 * Guarded by `tests/render/pdf-adapter/page.test.ts`.
 */
import type { Doc } from './document.js';

/**
 * Sets the current page's `/Tabs` (tab order): `S` = structure order, which PDF/UA requires on
 * pages with annotations.
 */
export function setTabOrder(doc: Doc, order: 'S'): void {
  const data = (doc.page as unknown as { dictionary?: { data?: Record<string, unknown> } }).dictionary?.data;
  if (!data) throw new Error('handoutkit: PDFKit page dictionary changed (page.dictionary.data)');
  data.Tabs = order;
}
