/**
 * End to end: the seed guide, built for a clinic profile these tests have never seen, read back with
 * independent readers (MuPDF, poppler, qpdf).
 */
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/index.js';
import { extractPageTexts, listFonts, openPdf, pageSizes, renderPagePng } from '../helpers/pdf-read.js';
import { missingToolReason, pdftotext, qpdfCheck } from '../helpers/poppler.js';
import { makeUnseenClinic, type UnseenClinic } from './unseen-clinic.js';
import { fold, guideSentences, squash } from './text-compare.js';

const SEED = path.resolve('content/guides/first-ketamine-session/en.md');
let clinic: UnseenClinic;
let pdf: Buffer;

beforeAll(async () => {
  clinic = await makeUnseenClinic();
  const r = await buildHandout({ guide: SEED, clinic: clinic.file });
  expect(r.diagnostics).toEqual([]);
  pdf = r.pdf!;
});

function imagesOnPage(bytes: Uint8Array, index: number): number {
  const doc = openPdf(bytes);
  try {
    const page = doc.findPage(index);
    const xobjects = page.get('Resources').get('XObject');
    let n = 0;
    if (xobjects.isDictionary())
      xobjects.forEach((v) => {
        if (v.get('Subtype').asName() === 'Image') n++;
      });
    return n;
  } finally {
    doc.destroy();
  }
}

async function pixelsNear(png: Buffer, rgb: readonly number[], tolerance: number): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (
      Math.abs(data[i]! - rgb[0]!) <= tolerance &&
      Math.abs(data[i + 1]! - rgb[1]!) <= tolerance &&
      Math.abs(data[i + 2]! - rgb[2]!) <= tolerance
    )
      n++;
  }
  return n;
}

describe('seed guide for an unseen clinic', () => {
  it('carries the clinic name, phone and "Page N of M" on every page', () => {
    const pages = extractPageTexts(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((text, i) => {
      const t = fold(text);
      expect(t).toContain(clinic.name);
      expect(t).toContain(clinic.phone);
      expect(t).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('draws the clinic logo and its primary colour on every page', async () => {
    const count = pageSizes(pdf).length;
    for (let i = 0; i < count; i++) {
      expect(imagesOnPage(pdf, i)).toBeGreaterThanOrEqual(1);
      const near = await pixelsNear(renderPagePng(pdf, i, 50), clinic.primaryRgb, 6);
      expect(near).toBeGreaterThan(150);
    }
  });

  it('has every sentence of the guide, in order, in text extracted by MuPDF', () => {
    const all = squash(extractPageTexts(pdf).join('\n'));
    let at = 0;
    for (const sentence of guideSentences(SEED)) {
      const i = all.indexOf(squash(sentence), at);
      expect(i, `sentence not found in order: ${sentence}`).toBeGreaterThanOrEqual(0);
      at = i + squash(sentence).length;
    }
  });

  it.skipIf(missingToolReason('pdftotext'))('has every sentence in order in text extracted by poppler', () => {
    const all = squash(pdftotext(pdf));
    let at = 0;
    for (const sentence of guideSentences(SEED)) {
      const i = all.indexOf(squash(sentence), at);
      expect(i, `sentence not found in order: ${sentence}`).toBeGreaterThanOrEqual(0);
      at = i + squash(sentence).length;
    }
  });

  it('embeds every font, with a Unicode map, and uses no standard-14 font', () => {
    const fonts = listFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.embedded, f.name).toBe(true);
      expect(f.hasToUnicode, f.name).toBe(true);
      expect(f.name).not.toMatch(/Helvetica|Times|Courier|Symbol|ZapfDingbats/);
    }
  });

  it.skipIf(missingToolReason('qpdf'))('passes qpdf --check', () => {
    const r = qpdfCheck(pdf);
    expect(r.ok, r.output).toBe(true);
  });

  it('is byte-identical when built twice', async () => {
    const again = await buildHandout({ guide: SEED, clinic: clinic.file });
    expect(Buffer.compare(again.pdf!, pdf)).toBe(0);
  });

  it('prints on letter by default and on A4 with paper: a4', async () => {
    expect(pageSizes(pdf)[0]).toEqual({ width: 612, height: 792 });
    const a4 = await buildHandout({ guide: SEED, clinic: clinic.file, paper: 'a4' });
    for (const s of pageSizes(a4.pdf!)) {
      expect(s.width).toBeCloseTo(595.28, 1);
      expect(s.height).toBeCloseTo(841.89, 1);
    }
  });
});
