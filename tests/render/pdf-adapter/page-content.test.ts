/**
 * Guard for `pdf-adapter/page-content.ts`: page content streams collected as one string and compressed in one call
 * rely on PDFKit 0.20's `PDFReference` internals (`buffer`, `data`, `compress`, `write`, `finalize`). These tests fail
 * if an upgrade changes them, and check that the file is PDFKit's own, byte for byte, with the page contents
 * compressed with `PAGE_CONTENT_DEFLATE`.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import {
  bufferPageContent,
  createPdfDocument,
  documentBytes,
  drawGlyphRun,
  PAGE_CONTENT_DEFLATE,
  supportsPageContentBuffer,
  type Doc,
} from '../../../src/render/pdf-adapter/index.js';
import { readObjects } from '../../helpers/pdf-expand.js';
import { extractPageTexts } from '../../helpers/pdf-read.js';

const info = { title: 't', author: 'a', subject: 's', lang: 'en', created: new Date(0), direction: 'ltr' as const };

/** A tagged document of two pages (text, marked content, a path, an artifact), its page contents collected or PDFKit's. */
function draw(buffered: boolean, compress = true): Doc {
  const doc = createPdfDocument(info, false, true);
  if (!buffered) doc.removeAllListeners('pageAdded');
  (doc as unknown as { compress: boolean }).compress = compress;
  doc.registerFont('sans-regular', sharedFontBook().font('sans-regular') as unknown as string);
  for (let p = 0; p < 2; p++) {
    doc.addPage({ size: [400, 600], margin: 0 });
    const elem = doc.struct('P');
    doc.addStructure(elem);
    const mc = doc.markStructureContent('P');
    doc.font('sans-regular').fontSize(11).fillColor('#123456');
    drawGlyphRun(doc, `Page ${p + 1}: caf\u00e9, na\u00efve, r\u00e9sum\u00e9`, 20, 40, 0);
    doc.endMarkedContent();
    elem.add(mc);
    elem.end();
    doc.markContent('Artifact', { type: 'Layout' });
    doc.rect(10, 10, 100, 20).fill('#abcdef');
    doc.endMarkedContent();
  }
  return doc;
}

/** The page content streams of `pdf` (dictionary text and data), in object-number order. */
function contentStreams(pdf: Buffer): { dict: string; data: Buffer }[] {
  const { objects } = readObjects(pdf);
  const contents = [...objects.values()]
    .filter((o): o is { value: string } => 'value' in o && /\/Type \/Page\n/.test(o.value))
    .map((o) => Number(/\/Contents (\d+) 0 R/.exec(o.value)![1]));
  return contents.map((n) => objects.get(n) as { dict: string; data: Buffer });
}

describe('pdf-adapter page content', () => {
  it('finds the PDFKit internals it relies on, and takes over the page content of every page', () => {
    const doc = createPdfDocument(info, false, false);
    doc.addPage({ size: [400, 600], margin: 0 });
    const ref = (doc.page as unknown as { content: { buffer: unknown[] } }).content;
    doc.addContent('0 g');
    expect(ref.buffer).toEqual([]); // collected as a string, not as PDFKit's chunks
    const fresh = createPdfDocument(info, false, false);
    fresh.removeAllListeners('pageAdded');
    fresh.addPage({ size: [400, 600], margin: 0 });
    expect(supportsPageContentBuffer(fresh.page)).toBe(true);
    const chunks = (fresh.page as unknown as { content: { buffer: unknown[] } }).content.buffer;
    expect(chunks.length).toBe(1); // PDFKit's first operator (the flip), written before 'pageAdded'
    expect(chunks[0]).toBeInstanceOf(Uint8Array);
  });

  it("writes PDFKit's file, byte for byte but for the page contents, which inflate to PDFKit's", async () => {
    const [ours, theirs] = await Promise.all([documentBytes(draw(true)), documentBytes(draw(false))]);
    const a = contentStreams(ours);
    const b = contentStreams(theirs);
    expect(a.length).toBe(2);
    const withoutLength = (s: { dict: string }): string => s.dict.replace(/\/Length \d+/, '/Length');
    expect(a.map(withoutLength)).toEqual(b.map(withoutLength));
    for (const [i, s] of a.entries()) {
      expect(s.dict).toMatch(/^<<\n\/Length \d+\n\/Filter \/FlateDecode\n>>$/);
      const raw = inflateSync(b[i]!.data);
      expect(inflateSync(s.data).equals(raw)).toBe(true);
      expect(s.data.equals(deflateSync(raw, PAGE_CONTENT_DEFLATE))).toBe(true);
      expect(raw.toString('latin1')).toMatch(/^1 0 0 -1 0 600 cm\n/);
    }
    if ((PAGE_CONTENT_DEFLATE.level as number) === 6) expect(ours.equals(theirs)).toBe(true); // zlib's default level: PDFKit's own bytes
    expect(extractPageTexts(ours)).toEqual(extractPageTexts(theirs));
  });

  it('leaves the page contents uncompressed in an uncompressed document, as PDFKit does', async () => {
    const [ours, theirs] = await Promise.all([documentBytes(draw(true, false)), documentBytes(draw(false, false))]);
    expect(ours.equals(theirs)).toBe(true);
    expect(contentStreams(ours)[0]!.dict).not.toMatch(/Filter/);
  });

  it('is a no-op where PDFKit internals are not what it expects', () => {
    const page = { content: { buffer: 'x', write: () => undefined } };
    expect(supportsPageContentBuffer(page)).toBe(false);
    expect(supportsPageContentBuffer(undefined)).toBe(false);
    bufferPageContent(page);
    expect(page.content.buffer).toBe('x');
  });
});
