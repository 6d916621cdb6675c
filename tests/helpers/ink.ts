/**
 * Where ink lands on a page, measured on pixels: MuPDF renders each page in grey at 72 dpi
 * (one pixel per point) and the first non-white pixel from each edge gives the ink's distance
 * from that edge. Independent of our layout: it sees what a printer would be asked to print.
 */
import * as mupdf from 'mupdf';

/** Distance in points from each page edge to the nearest ink (Infinity on an empty page). */
export interface InkMargins {
  readonly page: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** A pixel counts as ink when darker than this (0–255; anti-aliased fringes of white are not ink). */
const INK = 245;

/** Ink distances of every page of a PDF. */
export function inkMargins(pdf: Uint8Array): InkMargins[] {
  const doc = new mupdf.PDFDocument(pdf);
  try {
    const out: InkMargins[] = [];
    for (let p = 0; p < doc.countPages(); p++) {
      const page = doc.loadPage(p);
      const pix = page.toPixmap(mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, false, true);
      try {
        const w = pix.getWidth();
        const h = pix.getHeight();
        const stride = pix.getStride();
        const px = pix.getPixels();
        let top = Infinity;
        let bottom = Infinity;
        let left = Infinity;
        let right = Infinity;
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            if (px[y * stride + x]! >= INK) continue;
            top = Math.min(top, y);
            bottom = Math.min(bottom, h - 1 - y);
            left = Math.min(left, x);
            right = Math.min(right, w - 1 - x);
          }
        }
        out.push({ page: p, top, right, bottom, left });
      } finally {
        pix.destroy();
        page.destroy();
      }
    }
    return out;
  } finally {
    doc.destroy();
  }
}
