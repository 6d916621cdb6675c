/**
 * `::qr`: a vector QR code (EC level M, quiet zone, ≥ 2 cm) that decodes — read by jsQR from a
 * MuPDF rendering at 150 dpi — to exactly the URL given; a Figure with the label and URL as alt.
 */
import * as mupdf from 'mupdf';
import jsqrImport from 'jsqr';
import QRCode from 'qrcode';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/build.js';
import { MIN_QR_SIZE, qrModules } from '../../src/directives/qr.js';
import { layoutGuide } from '../layout/quality/page-quality.js';
import { brief, buildBody, writeGuide } from './helpers.js';

type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
/** jsQR is CommonJS: its function is the default export or the module itself, depending on the loader. */
const jsQR: Decode = ((jsqrImport as unknown as { default?: Decode }).default ?? jsqrImport) as unknown as Decode;

/** Every QR code jsQR finds on each page rendered at `dpi` (one scan per page, regions cut around each code). */
function decodePage(
  pdf: Uint8Array,
  pageIndex: number,
  dpi: number,
  region?: { x: number; y: number; w: number; h: number },
): string | undefined {
  const doc = new mupdf.PDFDocument(pdf);
  try {
    const page = doc.loadPage(pageIndex);
    const s = dpi / 72;
    const pix = page.toPixmap(mupdf.Matrix.scale(s, s), mupdf.ColorSpace.DeviceRGB, true, true);
    try {
      const w = pix.getWidth();
      const h = pix.getHeight();
      const px = pix.getPixels();
      const r = region
        ? { x: Math.round(region.x * s), y: Math.round(region.y * s), w: Math.round(region.w * s), h: Math.round(region.h * s) }
        : { x: 0, y: 0, w, h };
      const out = new Uint8ClampedArray(r.w * r.h * 4);
      for (let y = 0; y < r.h; y++) out.set(px.subarray(((r.y + y) * w + r.x) * 4, ((r.y + y) * w + r.x + r.w) * 4), y * r.w * 4);
      return jsQR(out, r.w, r.h)?.data;
    } finally {
      pix.destroy();
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
}

describe('::qr', () => {
  it('decodes at 150 dpi to exactly the URL given', async () => {
    const url = 'https://example.org/book?visit=2&from=handout';
    const r = await buildBody(`Scan to book.\n\n::qr[${url}]{label="Book your next visit"}\n`);
    expect(brief(r)).toEqual([]);
    expect(decodePage(r.pdf!, 0, 150)).toBe(url);
  });

  it('decodes in the seed guide, with the clinic website from a variable', async () => {
    const r = await buildHandout({ guide: path.join('content', 'guides', 'first-ketamine-session', 'en.md') });
    const { paged } = await layoutGuide(path.join('content', 'guides', 'first-ketamine-session', 'en.md'));
    const pageIndex = paged!.pages.findIndex((p) => p.items.some((i) => i.kind === 'qr'));
    const item = paged!.pages[pageIndex]!.items.find((i) => i.kind === 'qr')!;
    if (item.kind !== 'qr') throw new Error('no qr');
    const side = item.module * item.modules.length;
    const pad = 4 * item.module + 4;
    const found = decodePage(r.pdf!, pageIndex, 150, { x: item.x - pad, y: item.y - pad, w: side + 2 * pad, h: side + 2 * pad });
    expect(found).toBe('https://example.org');
  });

  it('draws at least 2 cm with a quiet zone, at error correction M, as a Figure with the label and URL', async () => {
    const file = writeGuide('::qr[tel:+15550100199]{label="Call the clinic"}\n');
    const { paged } = await layoutGuide(file);
    const items = paged!.pages[0]!.items;
    const code = items.find((i) => i.kind === 'qr');
    if (code?.kind !== 'qr') throw new Error('no qr');
    expect(code.module * code.modules.length).toBeGreaterThanOrEqual(MIN_QR_SIZE - 1e-9);
    // the same modules as an independent encoding at level M
    const ref = QRCode.create('tel:+15550100199', { errorCorrectionLevel: 'M' });
    expect(code.modules.length).toBe(ref.modules.size);
    expect(qrModules('tel:+15550100199')).toEqual(code.modules);
    // nothing else is drawn within the quiet zone
    const quiet = 4 * code.module;
    const side = code.module * code.modules.length;
    const intruders = items.filter(
      (i) =>
        i !== code &&
        (i.kind === 'text' || i.kind === 'line') &&
        'x' in i &&
        i.x > code.x - quiet &&
        i.x < code.x + side + quiet &&
        i.y > code.y - quiet &&
        i.y < code.y + side + quiet,
    );
    expect(intruders).toEqual([]);
    const figure = paged!.structure[code.owner!]!;
    expect(figure).toMatchObject({ role: 'Figure', alt: 'Call the clinic: tel:+15550100199' });
    const texts = items.filter((i) => i.kind === 'text' && i.owner !== null).map((i) => (i.kind === 'text' ? i.text : ''));
    expect(texts.join(' ')).toContain('+15550100199');
  });

  it.each([
    ['ftp://example.org/file', 'invalid-qr'],
    ['javascript:alert(1)', 'invalid-qr'],
    ['not a url', 'invalid-qr'],
  ])('refuses `%s` with a positioned error and no PDF', async (target, rule) => {
    const r = await buildBody(`Text.\n\n::qr[${target}]{label="x"}\n`);
    expect(r.pdf).toBeUndefined();
    expect(brief(r)).toEqual([`10:1 error ${rule}`]);
  });

  it('refuses an unknown attribute with a did-you-mean', async () => {
    const r = await buildBody('::qr[https://example.org]{lable="Book"}\n');
    expect(r.pdf).toBeUndefined();
    expect(brief(r)).toEqual(['8:1 error directive-attribute']);
    expect(r.diagnostics[0]!.hint).toBe('did you mean `label`?');
  });
});
