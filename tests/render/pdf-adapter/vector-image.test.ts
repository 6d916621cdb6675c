/**
 * SVG logos drawn as vector graphics through `svg-to-pdfkit` (`src/render/pdf-adapter/vector-image.ts`):
 * fails if an upgrade of it or of PDFKit stops drawing the seed logo as paths in our colours, or
 * stops reporting what it cannot draw (then the raster path must be kept).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import SVGtoPDF from 'svg-to-pdfkit';
import { canDrawVector, documentBytes, drawVector, replaysVector } from '../../../src/render/pdf-adapter/index.js';
import { newDoc } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const logo = { svg: readFileSync(path.join(root, 'content/clinics/example-community/logo.svg'), 'utf8'), width: 96, height: 96 };

describe('vector SVG images', () => {
  it('draws the seed logo as paths, in its colours, scaled into the box', async () => {
    expect(canDrawVector(logo)).toBe(true);
    const doc = newDoc();
    drawVector(doc, logo, 100, 100, 48, 48);
    const pdf = new mupdf.PDFDocument(await documentBytes(doc));
    const page = pdf.loadPage(0);
    const resources = pdf.findPage(0).get('Resources');
    expect(resources.get('XObject').isNull(), 'no image XObject').toBe(true);
    // rendered at 72 dpi: the cross's primary blue inside the box, white outside it
    const pix = page.toPixmap(mupdf.Matrix.identity, mupdf.ColorSpace.DeviceRGB, false);
    const at = (x: number, y: number): number[] => {
      const i = (y * pix.getWidth() + x) * pix.getNumberOfComponents();
      return [...pix.getPixels().slice(i, i + 3)];
    };
    expect(at(124, 104)).toEqual([0x1f, 0x5f, 0xad]); // top arm of the cross
    expect(at(104, 104)).toEqual([255, 255, 255]); // outside the cross's corner
    expect(at(160, 160)).toEqual([255, 255, 255]); // outside the box
  });

  it('replays the operators svg-to-pdfkit wrote for a flat-colour SVG: the same bytes as converting it again', async () => {
    expect(replaysVector(logo)).toBe(true);
    const replayed = newDoc();
    drawVector(replayed, logo, 30, 40, 60, 60);
    drawVector(replayed, logo, 200, 40, 24, 24);
    const live = newDoc();
    for (const [x, y, s] of [
      [30, 40, 60],
      [200, 40, 24],
    ] as const) {
      live.save();
      live.translate(x, y).scale(s / 96, s / 96);
      SVGtoPDF(live, logo.svg, 0, 0, { width: 96, height: 96, assumePt: true });
      live.restore();
    }
    expect((await documentBytes(replayed)).equals(await documentBytes(live))).toBe(true);
    // a gradient needs a page resource (a shading pattern): drawn by svg-to-pdfkit each time
    const gradient = {
      svg: '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><defs><linearGradient id="g"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#fff"/></linearGradient></defs><rect width="8" height="8" fill="url(#g)"/></svg>',
      width: 8,
      height: 8,
    };
    expect(canDrawVector(gradient)).toBe(true);
    expect(replaysVector(gradient)).toBe(false);
  });

  it('keeps the raster path when svg-to-pdfkit would warn or draw text', () => {
    expect(
      canDrawVector({ svg: '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><path d="M0 0 L"/></svg>', width: 4, height: 4 }),
    ).toBe(false);
    expect(
      canDrawVector({
        svg: '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><text y="8">A</text></svg>',
        width: 9,
        height: 9,
      }),
    ).toBe(false);
    expect(canDrawVector({ svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', width: 0, height: 4 })).toBe(false);
  });
});
