/** A small PDFKit document through the adapter, and its bytes read back with MuPDF. */
import * as mupdf from 'mupdf';
import { createPdfDocument, documentBytes, registerFontkitFont, type Doc } from '../../../src/render/pdf-adapter/index.js';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';

/** A (tagged) document with one letter-size page and the regular sans face registered. */
export function newDoc(title = 'Adapter test', archival = false, tagged = true): Doc {
  const doc = createPdfDocument({ title, author: 'a', subject: 's', lang: 'en', created: new Date(0), direction: 'ltr' }, archival, tagged);
  registerFontkitFont(doc, 'sans-regular', sharedFontBook().font('sans-regular'));
  doc.addPage({ size: [612, 792], margin: 0 });
  return doc;
}

/** Ends the document and opens its bytes with MuPDF (a reader we did not write). */
export async function reopen(doc: Doc): Promise<mupdf.PDFDocument> {
  return new mupdf.PDFDocument(await documentBytes(doc));
}
