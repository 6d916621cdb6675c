/**
 * Images opened once per document (PDFKit 0.20: `doc.openImage`, missing from its typings, and
 * `doc.image` accepting what it returns). Guarded by `tests/render/pdf-adapter/images.test.ts`.
 */
import type { Doc } from './document.js';

/** An image opened in one document (PDFKit's image object). */
export interface OpenedImage {
  readonly width: number;
  readonly height: number;
}

/**
 * Opens PNG or JPEG bytes in `doc` (embedded once however often it is drawn).
 * @throws Error when PDFKit no longer has `openImage`.
 */
export function openImage(doc: Doc, data: Buffer): OpenedImage {
  const open = (doc as unknown as { openImage?: (src: Buffer) => OpenedImage }).openImage;
  if (typeof open !== 'function') throw new Error('handoutkit: PDFKit openImage changed');
  return open.call(doc, data);
}

/** Draws an opened image at (x, y) scaled to width × height. */
export function drawImage(doc: Doc, image: OpenedImage, x: number, y: number, width: number, height: number): void {
  doc.image(image as unknown as Buffer, x, y, { width, height });
}
