/**
 * Guard for `pdf-adapter/file-writes.ts`: PDFKit's file kept as a list of pieces instead of its stream relies on
 * PDFKit 0.20's `PDFDocument._write` and `_offset`. These tests fail if an upgrade changes them, and check that the
 * file is the one PDFKit's stream gives, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { collectFileWrites, createPdfDocument, pdfKitFile, supportsFileWrites, type Doc } from '../../../src/render/pdf-adapter/index.js';

const info = {
  title: 'Pi\u00e8ces (\u00e9crites) \u0645\u0631\u062d\u0628\u0627',
  author: 'a',
  subject: 's',
  lang: 'en',
  created: new Date(0),
  direction: 'ltr' as const,
};

/** A tagged document with text in two scripts, a link, an outline entry and two pages; PDFKit's stream left in place when `stream`. */
function sample(stream: boolean): Doc {
  const doc = createPdfDocument(info, false, true);
  if (stream) delete (doc as unknown as { _write?: unknown })._write; // PDFKit's own, from its prototype
  doc.registerFont('sans-regular', sharedFontBook().font('sans-regular') as unknown as string);
  doc.registerFont('arabic', sharedFontBook().font('arabic') as unknown as string);
  for (let p = 0; p < 2; p++) {
    doc.addPage({ size: [300, 400], margin: 0 });
    doc
      .font('sans-regular')
      .fontSize(12)
      .text(`Page ${p + 1}: caf\u00e9`, 20, 40, { lineBreak: false });
    doc.font('arabic').fontSize(12).text('\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645', 20, 80, { lineBreak: false });
    doc.link(20, 100, 80, 20, 'https://example.org/\u00e9');
    doc.outline.addItem(`Section ${p + 1} \u00e9`);
  }
  return doc;
}

/** PDFKit's stream, read to the end. */
function streamed(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

describe('pdf-adapter file writes', () => {
  it('finds the PDFKit internals it relies on, and takes over what PDFKit writes after its header', async () => {
    const doc = new PDFDocument({ autoFirstPage: false, font: null } as unknown as PDFKit.PDFDocumentOptions);
    expect(supportsFileWrites(doc)).toBe(true);
    collectFileWrites(doc);
    doc.addPage({ size: [100, 100], margin: 0 });
    const viaStream = await streamed(doc);
    expect(viaStream.toString('latin1')).toBe('%PDF-1.3\n%\xff\xff\xff\xff\n'); // the constructor's header only
    expect(supportsFileWrites({})).toBe(false);
  });

  it("gives PDFKit's file, byte for byte, and the offsets in its xref table", async () => {
    const ours = await pdfKitFile(sample(false));
    const theirs = await streamed(sample(true));
    expect(ours.length).toBeGreaterThan(10_000);
    expect(ours.equals(theirs)).toBe(true);
    // each xref offset points at its object (PDFKit counts them from _offset)
    const text = ours.toString('latin1');
    const table = /\nxref\n0 (\d+)\n0000000000 65535 f \n((?:\d{10} 00000 n \n)+)/.exec(text)!;
    table[2]!.match(/\d{10}/g)!.forEach((o, i) => expect(text.startsWith(`${i + 1} 0 obj\n`, Number(o))).toBe(true));
  });

  it('the comparison can fail: another document differs', async () => {
    const other = sample(false);
    other.addPage({ size: [300, 400], margin: 0 });
    expect((await pdfKitFile(other)).equals(await streamed(sample(true)))).toBe(false);
  });
});
