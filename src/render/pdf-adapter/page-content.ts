/**
 * Page content streams kept as one string and compressed in one call — PDFKit 0.20 internals
 * (`page.content`, a `PDFReference` with `buffer`, `data`, `compress`, `write` and `finalize`),
 * guarded by `tests/render/pdf-adapter/page-content.test.ts`.
 *
 * PDFKit turns every content operator into its own `Uint8Array` (`fromBinaryString(chunk + '\n')`,
 * a JavaScript loop per byte), keeps the list, joins it when the page ends and deflates it. A page
 * of the seed handout gets about a thousand such writes. Here the page's content reference appends
 * each operator to one string instead, with the same newline PDFKit adds, and its `finalize`
 * encodes that string once (`latin1`, the low byte of each character, as `fromBinaryString`) and
 * deflates it once with {@link PAGE_CONTENT_DEFLATE} (a faster level than PDFKit's), then lets PDFKit's
 * own `finalize` write the object: same dictionary (`/Length`, then `/Filter /FlateDecode`, in PDFKit's
 * order), the same data once inflated.
 */
import { deflateSync } from 'node:zlib';

/**
 * zlib settings of the page content streams (fixed, so the output is deterministic). Level 4, not PDFKit's 6 (zlib's
 * default): on the seed handout's five pages (79 KB of operators) it took about half the time (0.79 ms per document
 * against 1.57, measured side by side) for 1,678 more bytes (17,329 against 15,651; the PDF 32,571 bytes against 30,893).
 * Level 2 saved 0.2 ms more for 1.7 KB more, level 1 0.3 ms more for 3 KB more; level 5 a quarter of the time for 352 bytes.
 */
export const PAGE_CONTENT_DEFLATE = { level: 4 } as const;

/** The private parts of PDFKit's `PDFReference` used here. */
interface ContentRef {
  buffer: Uint8Array[] | Uint8Array;
  compress: boolean;
  readonly data: { Length?: number; Filter?: string };
  write(chunk: string | Uint8Array): void;
  finalize(): void;
}

/** The operators collected so far, per page content reference made to collect them by {@link bufferPageContent}. */
const appenders = new WeakMap<object, (lines: string) => void>();

/**
 * Adds `lines` (operators, each ending in a newline) to the page's content, as `doc.addContent` would add them without
 * their last newline (PDFKit adds it): into the one string of a page made to collect them by {@link bufferPageContent}
 * without copying them first. Returns false, adding nothing, for any other page.
 */
export function appendPageContent(page: unknown, lines: string): boolean {
  const content = (page as { content?: unknown } | null | undefined)?.content;
  const append = typeof content === 'object' && content !== null ? appenders.get(content) : undefined;
  if (!append) return false;
  append(lines);
  return true;
}

/** Whether `page` (PDFKit's current page) has the content reference internals {@link bufferPageContent} relies on. */
export function supportsPageContentBuffer(page: unknown): boolean {
  const ref = (page as { content?: Partial<ContentRef> } | null | undefined)?.content;
  return (
    !!ref &&
    Array.isArray(ref.buffer) &&
    ref.buffer.every((c) => c instanceof Uint8Array) &&
    typeof ref.compress === 'boolean' &&
    typeof ref.data === 'object' &&
    ref.data !== null &&
    typeof ref.write === 'function' &&
    typeof ref.finalize === 'function'
  );
}

/**
 * Makes the page's content stream collect its operators as one string and compress them in one
 * call when the page ends (see the module comment). What it has received so far is kept. A no-op
 * when PDFKit's internals are not what this module expects (PDFKit then writes it as before).
 */
export function bufferPageContent(page: unknown): void {
  if (!supportsPageContentBuffer(page)) return;
  const ref = (page as { content: ContentRef }).content;
  const chunks = ref.buffer as Uint8Array[];
  let text = '';
  for (const c of chunks) text += Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('latin1');
  ref.buffer = [];
  const compress = ref.compress;
  const finalize = ref.finalize.bind(ref);
  ref.write = (chunk: string | Uint8Array): void => {
    // PDFKit's write: `/Length` first set to 0 (replaced when the stream ends), then `/Filter` when compressing
    if (ref.data.Length == null) ref.data.Length = 0;
    if (compress) ref.data.Filter = 'FlateDecode';
    text += typeof chunk === 'string' ? chunk + '\n' : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
  };
  appenders.set(ref, (lines: string): void => {
    if (ref.data.Length == null) ref.data.Length = 0; // as `write`
    if (compress) ref.data.Filter = 'FlateDecode';
    text += lines;
  });
  ref.finalize = (): void => {
    if (text.length > 0) {
      const raw = Buffer.from(text, 'latin1');
      text = '';
      ref.buffer = [compress ? deflateSync(raw, PAGE_CONTENT_DEFLATE) : raw];
      ref.compress = false; // already compressed: PDFKit's finalize writes the bytes as they are and sets /Length
    }
    finalize();
  };
}

/**
 * Ends PDFKit reference `ref` (a stream that has received nothing yet) with `data`, whose FlateDecode compression
 * `deflated` is at hand: what `ref.end(data)` writes when PDFKit compresses (the same dictionary, in its order, and
 * `deflated` as the stream), without compressing again. Returns false, doing nothing, when the reference is not one
 * PDFKit would compress or its internals are not what this module expects.
 */
export function endDeflated(ref: unknown, data: Uint8Array, deflated: Uint8Array): boolean {
  if (!supportsPageContentBuffer({ content: ref })) return false;
  const r = ref as ContentRef;
  if (!r.compress || (r.buffer as Uint8Array[]).length > 0 || r.data.Length != null) return false;
  // PDFKit's write: /Length (replaced at the end) and /Filter; uncompressedLength is not read anywhere
  r.data.Length = data.length;
  r.data.Filter = 'FlateDecode';
  r.buffer = [deflated];
  r.compress = false; // already compressed: PDFKit's finalize writes the bytes as they are and sets /Length
  r.finalize();
  return true;
}
