/**
 * Guard and round trip for `pdf-adapter/object-streams.ts`: it parses PDFKit's file by the exact way PDFKit 0.20
 * writes it, so a PDFKit that writes differently must fail here, and the packed file must hold the same objects.
 */
import { describe, expect, it } from 'vitest';
import { OBJECTS_PER_STREAM, packObjectStreams, pdfKitFile } from '../../../src/render/pdf-adapter/index.js';
import type { Doc } from '../../../src/render/pdf-adapter/index.js';
import { expandPdf, readObjects } from '../../helpers/pdf-expand.js';
import { missingToolReason, qpdfCheck } from '../../helpers/poppler.js';
import { newDoc } from './helpers.js';

/** PDFKit's own bytes of `doc`, before any post-processing. */
function pdfKitBytes(doc: Doc): Promise<Buffer> {
  return pdfKitFile(doc);
}

/** A small tagged document with text, a link and `extra` more plain objects. */
async function sample(extra = 0): Promise<Buffer> {
  const doc = newDoc('Packing (test) \u00e9');
  doc.font('sans-regular').fontSize(12).text('Hello object streams', 72, 72, { lineBreak: false });
  doc.link(72, 100, 100, 20, 'https://example.org');
  const refs = doc as unknown as { ref(data: object): { end(): void } };
  for (let i = 0; i < extra; i++) refs.ref({ Index: i }).end();
  return pdfKitBytes(doc);
}

const latin1 = (b: Buffer): string => b.toString('latin1');

describe('pdf-adapter object streams', () => {
  it('packs every non-stream object into object streams and keeps every object and trailer entry', async () => {
    const raw = await sample();
    const packed = packObjectStreams(raw);
    expect(packed.length).toBeLessThan(raw.length);
    expect(latin1(packed.subarray(0, 15))).toBe('%PDF-1.7\n%\xff\xff\xff\xff\n');
    expect(latin1(packed)).not.toMatch(/\nxref\n|\ntrailer\n/);
    expect(latin1(packed)).toMatch(/\/Type\/XRef\/Size \d+\/W\[1 \d 1\]\/Root \d+ 0 R\/Info \d+ 0 R\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
    // outside object streams: only streams (content, fonts, metadata, the object and xref streams)
    const outside = [...latin1(packed).matchAll(/\n\d+ 0 obj\n(.{0,2})/g)].map((m) => m[1]);
    expect(outside.length).toBeGreaterThan(3);
    expect(outside.every((s) => s === '<<')).toBe(true);
    // the same objects, byte for byte, and the same trailer entries
    expect(expandPdf(packed).equals(expandPdf(raw))).toBe(true);
    expect(expandPdf(packed, { inflateStreams: true }).equals(expandPdf(raw, { inflateStreams: true }))).toBe(true);
    expect(readObjects(packed).objects.size).toBe(readObjects(raw).objects.size);
    expect(readObjects(packed).trailer).toMatch(/^\/Root \d+ 0 R\n\/Info \d+ 0 R\n\/ID \[/);
    expect(packObjectStreams(raw).equals(packed)).toBe(true);
  });

  it(`splits more than ${OBJECTS_PER_STREAM} objects over several object streams`, async () => {
    const raw = await sample(2 * OBJECTS_PER_STREAM);
    const packed = packObjectStreams(raw);
    const counts = [...latin1(packed).matchAll(/\/Type\/ObjStm\/N (\d+)/g)].map((m) => Number(m[1]));
    expect(counts.length).toBe(3);
    expect(Math.max(...counts)).toBe(OBJECTS_PER_STREAM);
    expect(expandPdf(packed).equals(expandPdf(raw))).toBe(true);
  });

  it.skipIf(missingToolReason('qpdf') !== null)('qpdf finds no error in the packed file', async () => {
    const packed = packObjectStreams(await sample(2 * OBJECTS_PER_STREAM));
    const { ok, output } = qpdfCheck(packed);
    expect(output).not.toMatch(/WARNING/);
    expect(ok).toBe(true);
  });

  it('fails loudly when the file is not laid out the way PDFKit 0.20 writes it', async () => {
    const raw = await sample();
    const text = latin1(raw);
    const variants = [
      text.replace('%PDF-1.7', '%PDF-1.4'), // another header
      text.replace(/\n(\d+) 0 obj\n/, '\n$1 0 obj \n'), // an object written differently: the offsets no longer match
      text.replace(/\/Info (\d+) 0 R\n/, '/Info $1 0 R\n/Encrypt 9 0 R\n'), // a trailer with more entries
      text.replace(/startxref\n\d+/, 'startxref\n0'), // a wrong startxref
      text.replace(/\/Length (\d+)\n/, (_m, n: string) => `/Length ${Number(n) + 1}\n`), // a stream whose length is off
      text.replace(/\nxref\n/, '\nxref \n'),
    ];
    for (const v of variants) {
      expect(v).not.toBe(text);
      expect(() => packObjectStreams(Buffer.from(v, 'latin1'))).toThrow(/PDFKit's file layout changed/);
    }
  });
});
