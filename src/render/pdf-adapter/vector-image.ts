/**
 * SVG images drawn as vector graphics with `svg-to-pdfkit` (which draws through PDFKit's public
 * path, colour and gradient calls). Guarded by `tests/render/pdf-adapter/vector-image.test.ts`.
 *
 * Only SVGs that `isVectorSafe` accepts reach here (shapes, paths, gradients). Each distinct SVG is
 * first drawn once into a scratch document: if `svg-to-pdfkit` warns, throws or selects a font,
 * the image keeps its raster path, so the vector path never draws less than the raster would.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { VectorSource } from '../../assets/svg-vector.js';
import type { Doc } from './document.js';

/** Verdicts kept before the memo is emptied (each distinct SVG source is one entry). */
const MAX_VERDICTS = 256;
const verdicts = new Map<string, boolean>();

/** Draws `v` into `doc` with its natural size mapped onto the box (x, y, width, height). */
function draw(doc: Doc, v: VectorSource, x: number, y: number, width: number, height: number, warn: (w: string) => void): void {
  doc.save();
  doc.translate(x, y).scale(width / v.width, height / v.height);
  // assumePt: one SVG user unit is one unit of the scaled space, whatever the SVG's own width/height
  SVGtoPDF(doc, v.svg, 0, 0, { width: v.width, height: v.height, assumePt: true, warningCallback: warn });
  doc.restore();
}

/**
 * Whether `v` draws cleanly with `svg-to-pdfkit`: no warning, no exception, no font selected
 * (decided once per distinct SVG source in a scratch document).
 */
export function canDrawVector(v: VectorSource): boolean {
  const known = verdicts.get(v.svg);
  if (known !== undefined) return known;
  let ok = v.width > 0 && v.height > 0;
  if (ok) {
    try {
      const scratch = new PDFDocument({ autoFirstPage: true, compress: false, font: null } as unknown as PDFKit.PDFDocumentOptions);
      draw(scratch, v, 0, 0, v.width, v.height, () => (ok = false));
      if ((scratch as unknown as { _font?: unknown })._font) ok = false; // text: it would use a font outside the font book
    } catch {
      ok = false;
    }
  }
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(v.svg, ok);
  return ok;
}

/**
 * Draws `v` at (x, y) scaled to width × height as vector graphics.
 * @throws Error when `svg-to-pdfkit` warns (never after {@link canDrawVector} said yes for `v`).
 */
export function drawVector(doc: Doc, v: VectorSource, x: number, y: number, width: number, height: number): void {
  draw(doc, v, x, y, width, height, (w) => {
    throw new Error(`handoutkit: svg-to-pdfkit: ${w}`);
  });
}
