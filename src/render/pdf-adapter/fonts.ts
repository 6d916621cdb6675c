/**
 * Fonts handed to PDFKit as fontkit objects (PDFKit 0.20 accepts an opened fontkit font where its
 * typings say a path), so layout and render use the very same font. Guarded by
 * `tests/render/pdf-adapter/fonts.test.ts`.
 */
import type { Font } from 'fontkit';
import type { Doc } from './document.js';

/** Registers an opened fontkit font under `key`. */
export function registerFontkitFont(doc: Doc, key: string, font: Font): void {
  doc.registerFont(key, font as unknown as string);
}
