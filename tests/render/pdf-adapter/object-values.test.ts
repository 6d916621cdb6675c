/**
 * Guard for `pdf-adapter/object-values.ts`: objects that are not streams written without PDFKit's `PDFObject.convert`
 * rely on PDFKit 0.20's `PDFReference` (`finalize`, `id`, `gen`, `data`, `buffer`, `document`) and the document's
 * `_write`, `_offset` and `_refEnd`. These tests fail if an upgrade changes them, and check that every object is
 * written as PDFKit's own `finalize` writes it, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import {
  createPdfDocument,
  documentBytes,
  pdfKitFinalizeOf,
  supportsObjectValues,
  valueText,
  type Doc,
} from '../../../src/render/pdf-adapter/index.js';

const info = { title: 'Values', author: 'a', subject: 's', lang: 'en', created: new Date(0), direction: 'ltr' as const };

interface Internals {
  _root: object;
  _offset: number;
  _write(data: string | Uint8Array): void;
  ref(data?: unknown): { finalize(): void; end(chunk?: unknown): void; offset?: number };
}

/** What finalizing a new reference holding `data` writes (and the offset it records), through `finalize`. */
function written(doc: Doc, data: unknown, pdfKit: boolean): { text: string; offset: number | undefined; end: number } {
  const d = doc as unknown as Internals;
  const ref = d.ref(data);
  const out: string[] = [];
  const own = Object.getOwnPropertyDescriptor(d, '_write'); // collectFileWrites' (PDFKit's is on the prototype)
  d._write = (chunk): void => {
    out.push(typeof chunk === 'string' ? `${chunk}\n` : Buffer.from(chunk).toString('latin1'));
    d._offset += typeof chunk === 'string' ? chunk.length + 1 : chunk.length;
  };
  try {
    if (pdfKit) pdfKitFinalizeOf(ref)!.call(ref);
    else ref.finalize();
  } finally {
    if (own) Object.defineProperty(d, '_write', own);
  }
  return { text: out.join(''), offset: ref.offset, end: d._offset };
}

const values: Record<string, unknown> = {
  names: { Type: 'StructElem', S: 'P', Role: 'Part#1' },
  numbers: { A: 0, B: -0, C: 1.5, D: -2.25, E: 1 / 3, F: 123456789.1234567, G: 1e-7, H: -1e20, I: 612 },
  'booleans and null': { On: true, Off: false, Nothing: null },
  'undefined skipped in dictionaries, null in arrays': { A: undefined, K: [1, undefined, 2], B: 'X' },
  'empty dictionary and array': { D: {}, A: [] },
  nested: { K: [{ Type: 'MCR', MCID: 3 }, [1, [2, [3]]], { P: { Q: { R: 'S' } } }] },
  'text strings': {
    Plain: new String('Hello (world) \\ back\nslash\ttab\r\b\f'),
    Unicode: new String('Caf\u00e9 \u0645\u0631\u062d\u0628\u0627 (x) \u2028 \u0128\u0129'),
    Empty: new String(''),
    Parenthesis: new String('\u0100\u0028'), // UTF-16BE bytes 0x01 0x00 0x00 0x28: the 0x28 is escaped
  },
  'a reference': { Parent: 'REF' },
};

describe('objects written without PDFObject.convert', () => {
  it('finds the PDFKit internals it relies on, and is installed by createPdfDocument', () => {
    const doc = createPdfDocument(info, false, true);
    const root = (doc as unknown as Internals)._root;
    expect(supportsObjectValues(doc, root)).toBe(true);
    expect(pdfKitFinalizeOf(root)).toBeTypeOf('function');
    expect(supportsObjectValues({}, root)).toBe(false);
  });

  it('writes each object as PDFKit does, and records the same offsets', () => {
    const doc = createPdfDocument(info, false, true);
    const root = (doc as unknown as Internals)._root;
    for (const [name, data] of Object.entries(values)) {
      const value = name === 'a reference' ? { Parent: root } : data;
      expect(valueText(value, Object.getPrototypeOf(root) as object), name).toBeDefined();
      const theirs = written(doc, value, true);
      const ours = written(doc, value, false);
      expect(ours.text, name).toBe(theirs.text.replace(/^\d+/, (n) => String(Number(n) + 1)));
      expect(ours.end - (ours.offset ?? 0), name).toBe(theirs.end - (theirs.offset ?? 0));
    }
  });

  it('leaves values it does not write (dates, byte strings, numbers PDFKit refuses) to PDFKit', () => {
    const doc = createPdfDocument(info, false, true);
    const proto = Object.getPrototypeOf((doc as unknown as Internals)._root) as object;
    expect(valueText({ D: new Date(0) }, proto)).toBeUndefined();
    expect(valueText({ ID: [new Uint8Array([1, 2])] }, proto)).toBeUndefined();
    expect(valueText({ N: 1e21 }, proto)).toBeUndefined();
    expect(valueText({ N: Number.NaN }, proto)).toBeUndefined();
    const theirs = written(doc, { D: new Date(0), T: new String('x') }, true);
    const ours = written(doc, { D: new Date(0), T: new String('x') }, false);
    expect(ours.text).toBe(theirs.text.replace(/^\d+/, (n) => String(Number(n) + 1)));
    expect(() => written(doc, { N: 1e21 }, false)).toThrow(/unsupported number/);
  });

  it('a whole tagged document is byte for byte the one PDFKit writes', async () => {
    const build = async (ours: boolean): Promise<Buffer> => {
      const doc = createPdfDocument({ ...info, title: 'Pi\u00e8ces (\u00e9crites)' }, false, true);
      const root = (doc as unknown as Internals)._root;
      const proto = Object.getPrototypeOf(root) as { finalize: () => void };
      const finalize = proto.finalize;
      if (!ours) proto.finalize = pdfKitFinalizeOf(root)!;
      try {
        doc.registerFont('sans-regular', sharedFontBook().font('sans-regular') as unknown as string);
        for (let p = 0; p < 2; p++) {
          doc.addPage({ size: [300, 400], margin: 0 });
          const section = doc.struct('Sect', { title: `Section ${p + 1}`, lang: 'fr-FR', alt: 'Caf\u00e9 (x)' });
          doc.addStructure(section);
          const para = doc.struct('P', {}, () => {
            doc
              .font('sans-regular')
              .fontSize(12)
              .text(`Page ${p + 1}: caf\u00e9`, 20, 40, { lineBreak: false });
          });
          section.add(para);
          para.end();
          section.end();
          doc.link(20, 100, 80, 20, 'https://example.org/\u00e9');
          doc.outline.addItem(`Section ${p + 1} \u00e9`);
        }
        return await documentBytes(doc);
      } finally {
        proto.finalize = finalize;
      }
    };
    const ours = await build(true);
    const theirs = await build(false);
    expect(ours.equals(theirs)).toBe(true);
  });
});
