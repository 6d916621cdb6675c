/**
 * PDFKit's file collected without its stream — PDFKit 0.20 internals (`PDFDocument._write`, `_offset`), guarded by
 * `tests/render/pdf-adapter/file-writes.test.ts`.
 *
 * PDFKit writes its file piece by piece through `_write`: every line of every object (`N 0 obj`, the dictionary,
 * `stream`, `endobj`, …) becomes its own `Uint8Array` (`fromBinaryString(data + '\n')`, a loop per byte) pushed into
 * the document's Readable stream, and each pushed piece becomes a `Buffer` and a `'data'` event. We read the file only
 * once it is whole, so `_write` here keeps the pieces in a list instead (text as text), counting `_offset` as PDFKit
 * does, and {@link pdfKitFile} joins them once: each run of text pieces encoded in one call (`latin1`, the low byte
 * of each character, as `fromBinaryString`). What PDFKit pushed before (its header, written by its constructor) still
 * comes through the stream, first.
 */
import type { Doc } from './document.js';

/** The private parts of PDFKit's document used here. */
interface WriterInternals {
  _offset: number;
  _write(data: string | Uint8Array): void;
}

/** The pieces written so far, per document collected by {@link collectFileWrites}. */
const pieces = new WeakMap<object, (string | Uint8Array)[]>();

/** Whether `doc` has the internals {@link collectFileWrites} relies on. */
export function supportsFileWrites(doc: unknown): boolean {
  const d = doc as Partial<WriterInternals> | null | undefined;
  return !!d && typeof d._write === 'function' && typeof d._offset === 'number';
}

/** Keeps what PDFKit writes from now on in a list instead of its stream (see the module comment); a no-op when unsupported. */
export function collectFileWrites(doc: Doc): void {
  if (!supportsFileWrites(doc) || pieces.has(doc)) return;
  const d = doc as unknown as WriterInternals;
  const list: (string | Uint8Array)[] = [];
  pieces.set(doc, list);
  d._write = (data: string | Uint8Array): void => {
    if (data instanceof Uint8Array) {
      list.push(data);
      d._offset += data.length;
    } else {
      const line = `${data}\n`;
      list.push(line);
      d._offset += line.length; // one byte per character, as fromBinaryString writes it
    }
  };
}

/** Ends `doc` and resolves with PDFKit's whole file: what its stream gave, then what {@link collectFileWrites} kept. */
export function pdfKitFile(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => {
      let text = '';
      for (const p of pieces.get(doc) ?? []) {
        if (typeof p === 'string') {
          text += p;
          continue;
        }
        if (text.length > 0) chunks.push(Buffer.from(text, 'latin1'));
        text = '';
        chunks.push(p);
      }
      if (text.length > 0) chunks.push(Buffer.from(text, 'latin1'));
      pieces.delete(doc);
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
    doc.end();
  });
}
