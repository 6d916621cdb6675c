import { beforeAll, describe, expect, it } from 'vitest';
import { hasTool, missingToolReason, pdftotext, qpdfCheck } from '../poppler.js';
import { buildPdf } from './build-pdf.js';

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await buildPdf();
});

describe('hasTool', () => {
  it('finds installed programs and not invented ones', () => {
    expect(hasTool('node')).toBe(true);
    expect(hasTool('node-definitely-not-a-real-tool')).toBe(false);
    expect(missingToolReason('node-definitely-not-a-real-tool')).toMatch(/not installed/);
  });
});

const popplerMissing = missingToolReason('pdftotext');
describe('pdftotext', () => {
  it.skipIf(popplerMissing !== null)(`extracts each page, separated by form feeds ${popplerMissing ?? ''}`, () => {
    const text = pdftotext(pdf);
    const pages = text.split('\f');
    expect(pages[0]).toContain('First ketamine session');
    expect(pages[1]).toContain('Bring a driver home.');
    expect(pdftotext(pdf, { mode: 'layout', firstPage: 2, lastPage: 2 })).not.toContain('First ketamine session');
    expect(pdftotext(pdf, { mode: 'raw' })).toContain('Eat a light meal.');
  });

  it.skipIf(popplerMissing !== null)("throws with pdftotext's message on a broken file", () => {
    expect(() => pdftotext(new TextEncoder().encode('not a pdf'))).toThrow(/pdftotext exited/);
  });
});

const qpdfMissing = missingToolReason('qpdf');
describe('qpdfCheck', () => {
  it.skipIf(qpdfMissing !== null)(`accepts a PDFKit file and rejects a truncated one ${qpdfMissing ?? ''}`, () => {
    const good = qpdfCheck(pdf);
    expect(good.output).toMatch(/No syntax or stream encoding errors/);
    expect(good.ok).toBe(true);
    const bad = qpdfCheck(pdf.subarray(0, Math.floor(pdf.length / 2)));
    expect(bad.ok).toBe(false);
  });
});
