/**
 * Text drawn from shaped glyph runs (`src/render/pdf-adapter/glyph-text.ts`) relies on PDFKit
 * internals (`_font`, `_fontSize`, `page.fonts`, `addContent`, `EmbeddedFont.encode`); these tests
 * fail if an upgrade changes them, and check that the content, subsets and ToUnicode maps it makes
 * are byte for byte those of PDFKit's own `text()` for the runs layout hands it.
 */
import { describe, expect, it } from 'vitest';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import {
  beginTextObject,
  createPdfDocument,
  documentBytes,
  drawGlyphRun,
  endTextObject,
  inTextObject,
  shareShaping,
  supportsGlyphRuns,
  textFillColor,
} from '../../../src/render/pdf-adapter/index.js';
import { MAX_PREPARED_WORDS, preparedWordCount } from '../../../src/render/pdf-adapter/glyph-text.js';
import { inflateSync } from 'node:zlib';
import v8 from 'node:v8';
import vm from 'node:vm';
import { readObjects } from '../../helpers/pdf-expand.js';
import { readContent } from '../../helpers/content-ops.js';
import { extractWords, renderPagePng } from '../../helpers/pdf-read.js';
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
  // U+FE0F alone shapes to no glyph: that word widens the previous word's last advance once more, or nothing when first
  { text: 'two \ufe0f words \ufe0f \ufe0f end', font: 'sans-regular', size: 10, wordSpacing: 1.25 },
  { text: '\ufe0f first', font: 'sans-regular', size: 10, wordSpacing: 0.5 },
  { text: '  \t ', font: 'sans-regular', size: 10, wordSpacing: 2 },
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

describe('glyph runs shaped once for all documents', () => {
  it('are encoded for each document they are drawn in, also when two documents are drawn at once', async () => {
    const start = (): Doc => {
      const doc = createPdfDocument(info, false, false);
      (doc as unknown as { compress: boolean }).compress = false;
      for (const key of new Set(runs.map((r) => r.font))) doc.registerFont(key, sharedFontBook().font(key) as unknown as string);
      doc.addPage({ size: [400, 600], margin: 0 });
      return doc;
    };
    const draw = (doc: Doc, r: Run, i: number): void => {
      doc.font(r.font);
      shareShaping(doc); // the shaped runs (and what this module reads from them) are the same objects in both documents
      doc.fontSize(r.size).fillColor('#123456');
      drawGlyphRun(doc, r.text, 10.25, 20 + i * 24, r.wordSpacing);
    };
    // b starts with other glyphs, so the same words get other subset ids there
    const forA = runs.slice(0, 4);
    const forB = [runs[2]!, runs[7]!, ...runs.slice(0, 4), runs[0]!];
    const a = start();
    const b = start();
    draw(b, forB[0]!, 0);
    draw(b, forB[1]!, 1);
    forA.forEach((r, i) => {
      draw(a, r, i);
      draw(b, forB[i + 2]!, i + 2);
    });
    draw(b, forB[6]!, 6);
    expect((await documentBytes(a)).equals(await pdfOf(forA, false))).toBe(true);
    expect((await documentBytes(b)).equals(await pdfOf(forB, false))).toBe(true);
  });
});

/** V8's full collection (exposed for this test file only). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

describe('glyph runs kept for later documents', () => {
  it('do not keep a finished document alive', async () => {
    const refs: WeakRef<object>[] = [];
    const drawOne = async (): Promise<void> => {
      const doc = createPdfDocument(info, false, false);
      for (const key of new Set(runs.map((r) => r.font))) doc.registerFont(key, sharedFontBook().font(key) as unknown as string);
      doc.addPage({ size: [400, 600], margin: 0 });
      // a word no later document draws: its prepared run stays encoded for this document
      const r = { ...runs[0]!, text: `Unrepeated${refs.length} ${runs[0]!.text}` };
      doc.font(r.font);
      shareShaping(doc);
      doc.fontSize(r.size).fillColor('#123456');
      drawGlyphRun(doc, r.text, 10.25, 20, r.wordSpacing);
      await documentBytes(doc);
      refs.push(new WeakRef(doc));
    };
    for (let i = 0; i < 3; i++) await drawOne();
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    collectGarbage();
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });
});

describe('prepared words', () => {
  it('stay bounded: a run that starts with the bound reached starts them afresh', () => {
    const doc = createPdfDocument(info, false, false);
    doc.registerFont('sans-regular', sharedFontBook().font('sans-regular') as unknown as string);
    doc.addPage({ size: [400, 600], margin: 0 });
    doc.font('sans-regular').fontSize(10); // not shareShaping: its own bound (emptying it empties these too) would hide this one
    const perRun = 100;
    let most = 0;
    let fell = false;
    for (let r = 0; r * perRun < MAX_PREPARED_WORDS + 5 * perRun; r++) {
      const before = preparedWordCount();
      const words = Array.from({ length: perRun }, (_, k) => `w${r}x${k}`).join(' ');
      drawGlyphRun(doc, words, 10, 20, 0);
      if (preparedWordCount() < before) fell = true;
      most = Math.max(most, preparedWordCount());
    }
    expect(fell).toBe(true);
    expect(most).toBeLessThanOrEqual(MAX_PREPARED_WORDS + perRun);
  });
});

/** A tagged document drawing `runs` as marked content, each alone or all in one shared text object; its bytes and page content. */
async function taggedPdfOf(shared: boolean, breakAfter: ReadonlySet<number> = new Set([3])): Promise<{ pdf: Buffer; content: string }> {
  const doc = createPdfDocument(info, false, true);
  for (const key of new Set(runs.map((r) => r.font))) doc.registerFont(key, sharedFontBook().font(key) as unknown as string);
  doc.addPage({ size: [400, 600], margin: 0 });
  runs.forEach((r, i) => {
    if (shared) expect(beginTextObject(doc)).toBe(true);
    doc.markContent('Span', { lang: i % 2 ? 'en' : 'de' });
    doc.font(r.font).fontSize(r.size);
    textFillColor(doc, i < 4 ? '#123456' : '#654321');
    drawGlyphRun(doc, r.text, 10.25, 20 + i * 24, r.wordSpacing);
    expect(inTextObject(doc)).toBe(shared);
    if (i < runs.length - 1) doc.endMarkedContent(); // the last run leaves its Span open: the text object's end must close it
    if (breakAfter.has(i)) endTextObject(doc);
  });
  endTextObject(doc);
  const pdf = await documentBytes(doc);
  const { objects } = readObjects(pdf);
  const contents = [...objects.values()].filter((o) => 'dict' in o && !/\/Subtype|\/Length1|\/Type/.test(o.dict));
  const page = contents.map((o) => ('dict' in o ? inflateSync(o.data).toString('latin1') : '')).find((t) => t.includes(' TJ'));
  return { pdf, content: page! };
}

describe('glyph runs sharing a text object', () => {
  it('place the same glyphs at the same points as runs drawn alone, with no q/cm inside and marked content closed inside', async () => {
    const alone = await taggedPdfOf(false);
    const shared = await taggedPdfOf(true);
    const a = readContent(alone.content);
    const b = readContent(shared.content);
    expect(b.violations).toEqual([]);
    expect(a.violations).toEqual([]);
    expect(b.textObjects).toBeLessThan(a.textObjects);
    expect(b.shows.map(({ matrix: _m, ...rest }) => rest)).toEqual(a.shows.map(({ matrix: _m, ...rest }) => rest));
    b.shows.forEach((s, i) => s.matrix.forEach((v, k) => expect(v).toBeCloseTo(a.shows[i]!.matrix[k]!, 5)));
    expect(shared.content).not.toMatch(/\bq\n1 0 0 -1 0 600 cm/);
    expect(shared.content.length).toBeLessThan(alone.content.length);
    const boxes = (pdf: Buffer): string[] =>
      extractWords(pdf, { granularity: 'char' }).map((w) => `${w.text} ${[w.x0, w.y0, w.x1, w.y1].map((v) => v.toFixed(2)).join(' ')}`);
    expect(boxes(shared.pdf)).toEqual(boxes(alone.pdf));
    expect(renderPagePng(shared.pdf, 0, 72).equals(renderPagePng(alone.pdf, 0, 72))).toBe(true);
  });

  it('write the font and the fill colour only when they change', async () => {
    const { content } = await taggedPdfOf(true, new Set());
    expect(content.match(/ Tf\n/g)!.length).toBeLessThan(runs.filter((r) => r.text.trim()).length);
    expect(content.match(/ scn\n/g)).toHaveLength(2); // #123456, then #654321
    expect(readContent(content).textObjects).toBe(1);
  });

  it('is not begun while marked content is open (it would end outside), nor left open across pages', () => {
    const doc = createPdfDocument(info, false, true);
    doc.registerFont('sans-regular', sharedFontBook().font('sans-regular') as unknown as string);
    doc.addPage({ size: [400, 600], margin: 0 });
    doc.markContent('Span', { actual: 'x' });
    expect(beginTextObject(doc)).toBe(false);
    expect(inTextObject(doc)).toBe(false);
    doc.endMarkedContent();
    expect(beginTextObject(doc)).toBe(true);
    doc.addPage({ size: [400, 600], margin: 0 });
    doc.font('sans-regular').fontSize(10);
    expect(() => drawGlyphRun(doc, 'Hello', 10, 20, 0)).toThrow(/across pages/);
  });
});
