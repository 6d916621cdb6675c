/**
 * Text drawn from shaped glyph runs (`src/render/pdf-adapter/glyph-text.ts`) relies on PDFKit
 * internals (`_font`, `_fontSize`, `page.fonts`, `addContent`, `EmbeddedFont.encode`); these tests
 * fail if an upgrade changes them, and check that the content, subsets and ToUnicode maps it makes
 * are byte for byte those of PDFKit's own `text()` for the runs layout hands it.
 */
import { describe, expect, it } from 'vitest';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { createPdfDocument, documentBytes, drawGlyphRun, supportsGlyphRuns } from '../../../src/render/pdf-adapter/index.js';
import type { Doc } from '../../../src/render/pdf-adapter/index.js';

const info = { title: 't', author: 'a', subject: 's', lang: 'en', created: new Date(0), direction: 'ltr' as const };

interface Run {
  readonly text: string;
  readonly font: string;
  readonly size: number;
  readonly wordSpacing: number;
}

/** An uncompressed tagged-off document drawing `runs`, through PDFKit's `text()` or {@link drawGlyphRun}. */
async function pdfOf(runs: readonly Run[], direct: boolean): Promise<Buffer> {
  const doc = createPdfDocument(info, false, false);
  (doc as unknown as { compress: boolean }).compress = false;
  for (const key of new Set(runs.map((r) => r.font))) doc.registerFont(key, sharedFontBook().font(key) as unknown as string);
  doc.addPage({ size: [400, 600], margin: 0 });
  runs.forEach((r, i) => {
    doc.font(r.font).fontSize(r.size).fillColor('#123456');
    const y = 20 + i * 24;
    if (direct) drawGlyphRun(doc, r.text, 10.25, y, r.wordSpacing);
    else doc.text(r.text, 10.25, y, { lineBreak: false, baseline: 'alphabetic', wordSpacing: r.wordSpacing } as PDFKit.Mixins.TextOptions);
  });
  return documentBytes(doc);
}

const runs: Run[] = [
  { text: 'Plain words, kerned: AVAWAY To Wa.', font: 'sans-regular', size: 10.5, wordSpacing: 0 },
  { text: 'Justified  line with   extra space', font: 'sans-regular', size: 10.5, wordSpacing: 1.737 },
  { text: 'Bold office ﬁ ligature', font: 'sans-bold', size: 14, wordSpacing: 0.4 },
  { text: 'tab\tseparated and trailing ', font: 'sans-italic', size: 9, wordSpacing: 0 },
  { text: 'مرحبا بكم في العيادة', font: 'arabic', size: 12, wordSpacing: 0 },
  { text: 'مَرْحَبًا بِكُمْ', font: 'arabic', size: 12, wordSpacing: 2.5 },
  { text: '   ', font: 'sans-regular', size: 10, wordSpacing: 0 },
  { text: 'देवनागरी पाठ', font: 'devanagari', size: 11, wordSpacing: 1 },
  { text: '', font: 'sans-regular', size: 10, wordSpacing: 3 },
];

describe('glyph runs drawn into the page content', () => {
  it('leaves the transformation matrix and its stack as PDFKit text() does (its q … Q is written in one piece)', () => {
    const state = (direct: boolean) => {
      const doc = createPdfDocument(info, false, false);
      doc.registerFont('sans-regular', sharedFontBook().font('sans-regular') as unknown as string);
      doc.addPage({ size: [400, 600], margin: 0 });
      doc.translate(5, 7).font('sans-regular').fontSize(10);
      if (direct) drawGlyphRun(doc, 'Hello there', 10, 20, 0);
      else doc.text('Hello there', 10, 20, { lineBreak: false, baseline: 'alphabetic' } as PDFKit.Mixins.TextOptions);
      const d = doc as unknown as { _ctm: number[]; _ctmStack: number[][] };
      return { ctm: [...d._ctm], stack: d._ctmStack.length };
    };
    expect(state(true)).toEqual(state(false));
    expect(state(true).ctm).toEqual([1, 0, 0, -1, 5, 593]); // the page's flip, then the translation
  });

  it('finds the PDFKit internals it relies on', () => {
    const doc: Doc = createPdfDocument(info, false, false);
    doc.registerFont('sans-regular', sharedFontBook().font('sans-regular') as unknown as string);
    doc.addPage();
    doc.font('sans-regular');
    expect(supportsGlyphRuns(doc)).toBe(true);
    const ef = (doc as unknown as { _font: { encode: (s: string) => [string[], { xAdvance: number; advanceWidth: number }[]] } })._font;
    const [hex, positions] = ef.encode('Wa');
    expect(hex).toHaveLength(2);
    expect(hex[0]).toMatch(/^[0-9a-f]{4}$/);
    expect(positions[0]!.advanceWidth).toBeGreaterThan(0);
  });

  it('writes the same bytes as PDFKit text() (content, subsets, widths, ToUnicode)', async () => {
    for (const run of runs) {
      const [viaText, direct] = [await pdfOf([run], false), await pdfOf([run], true)];
      expect(direct.equals(viaText), JSON.stringify(run)).toBe(true);
    }
    expect((await pdfOf(runs, true)).equals(await pdfOf(runs, false))).toBe(true);
  });

  it('the byte comparison can fail: a different word spacing changes the content', async () => {
    const a = await pdfOf([runs[1]!], true);
    const b = await pdfOf([{ ...runs[1]!, wordSpacing: 1.7 }], false);
    expect(a.equals(b)).toBe(false);
  });
});
