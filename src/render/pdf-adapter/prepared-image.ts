/**
 * Images prepared once per process and embedded into each document from the
 * ready PDF objects — PDFKit internals (`openImage`, `_imageCount`, an image's
 * `embed(document)` protocol), guarded by `tests/render/pdf-adapter/prepared-image.test.ts`.
 *
 * PDFKit decodes a PNG again for every document: it inflates the pixels,
 * splits off the alpha channel and deflates both (about 15 ms for a 300×300
 * logo, on every handout of a batch). Here PDFKit's own embedding runs once per
 * image, against a recorder standing in for the document; it logs every PDF
 * object the image creates, every key it sets and every stream it ends, and
 * whether that happened during `embed` or later (PNG decoding finishes in a
 * zlib callback, after the page content is done). Each document then replays
 * the log through its own `ref()`: the same objects, with the same keys in the
 * same order and the same stream bytes, created at the same point (the later
 * part on the next turn of the event loop, after the document has ended its
 * pages) — so the output is byte-identical to PDFKit embedding it itself.
 *
 * Prepared images are kept per image buffer (weakly), so an image no longer
 * cached by the loader is dropped with it.
 */
import type { Doc } from './document.js';

/** What PDFKit's `doc.image` needs of an image object (its `PNGImage`/`JPEG` shape). */
export interface EmbeddableImage {
  readonly width: number;
  readonly height: number;
  readonly label: string;
  /** Set by `embed`; PDFKit calls `embed` when it is null. */
  obj: unknown;
  readonly orientation?: number;
  embed(doc: unknown): void;
}

/** A reference as the recorder hands it out. */
interface RecordedRef {
  readonly index: number;
  readonly data: Record<string, unknown>;
  end(chunk?: unknown): void;
}

type Op =
  | { readonly kind: 'ref'; readonly data: Readonly<Record<string, unknown>> }
  | { readonly kind: 'set'; readonly ref: number; readonly key: string; readonly value: unknown }
  | { readonly kind: 'end'; readonly ref: number; readonly chunk: unknown };

/** An image's embedding, recorded once. */
export interface PreparedImage {
  readonly width: number;
  readonly height: number;
  readonly orientation?: number;
  /** Operations run inside `embed`. */
  readonly now: readonly Op[];
  /** Operations PDFKit ran later (after its zlib callback). */
  readonly later: readonly Op[];
}

/** The parts of PDFKit's document this module uses. */
interface DocInternals {
  _imageCount: number;
  openImage(src: Buffer): EmbeddableImage;
  ref(data?: Record<string, unknown>): { data: Record<string, unknown>; end(chunk?: unknown): void };
}

/** How long a preparation may take before PDFKit's own path is used instead. */
const PREPARE_TIMEOUT_MS = 30_000;

const prepared = new WeakMap<Buffer, Promise<PreparedImage | undefined>>();

/** Whether this PDFKit has the internals replaying relies on. */
export function supportsPreparedImages(doc: Doc): boolean {
  const d = doc as unknown as Partial<DocInternals>;
  return typeof d.openImage === 'function' && typeof d.ref === 'function' && typeof d._imageCount === 'number';
}

/** Runs PDFKit's embedding of `data` against a recorder. Undefined when it does not finish cleanly. */
function record(doc: Doc, data: Buffer): Promise<PreparedImage | undefined> {
  // `openImage` only parses the file and numbers it; the count is put back so the document is untouched.
  const d = doc as unknown as DocInternals;
  const count = d._imageCount;
  let image: EmbeddableImage;
  try {
    image = d.openImage(data);
  } catch {
    return Promise.resolve(undefined);
  } finally {
    d._imageCount = count;
  }
  return new Promise((resolve) => {
    const now: Op[] = [];
    const later: Op[] = [];
    let log = now;
    const refs: RecordedRef[] = [];
    let open = 0;
    let done = false;
    const finish = (result: PreparedImage | undefined): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => finish(undefined), PREPARE_TIMEOUT_MS);
    timer.unref?.();
    const recorder = {
      ref(initial: Record<string, unknown> = {}): RecordedRef {
        const index = refs.length;
        log.push({ kind: 'ref', data: { ...initial } });
        const data = new Proxy(initial, {
          set(target, key, value: unknown) {
            if (typeof key === 'string') log.push({ kind: 'set', ref: index, key, value });
            target[key as string] = value;
            return true;
          },
        });
        open++;
        const ref: RecordedRef = {
          index,
          data,
          end(chunk?: unknown) {
            log.push({ kind: 'end', ref: index, chunk });
            if (--open === 0 && log === later) finish({ width: image.width, height: image.height, ...orientationOf(image), now, later });
          },
        };
        refs.push(ref);
        return ref;
      },
    };
    try {
      image.embed(recorder);
    } catch {
      finish(undefined);
      return;
    }
    if (open === 0) finish({ width: image.width, height: image.height, ...orientationOf(image), now, later });
    else log = later;
  });
}

function orientationOf(image: EmbeddableImage): { orientation?: number } {
  return typeof image.orientation === 'number' ? { orientation: image.orientation } : {};
}

/** Finished preparations by buffer (null: PDFKit embeds that one itself). */
const ready = new WeakMap<Buffer, PreparedImage | null>();

/**
 * Prepares every image buffer once per process (call before drawing, with a
 * document of the current PDFKit). Buffers that cannot be prepared are left to PDFKit.
 */
export async function prepareImages(doc: Doc, images: Iterable<Buffer>): Promise<void> {
  if (!supportsPreparedImages(doc)) return;
  const pending: Promise<unknown>[] = [];
  for (const data of images) {
    let p = prepared.get(data);
    if (!p) {
      p = record(doc, data).then((v) => {
        ready.set(data, v ?? null);
        return v;
      });
      prepared.set(data, p);
    }
    pending.push(p);
  }
  await Promise.all(pending);
}

/** Maps recorder references (inside values, arrays included) to the document's own. */
function mapValue(value: unknown, refs: readonly object[], recorded: ReadonlyMap<unknown, number>): unknown {
  const i = recorded.get(value);
  if (i !== undefined) return refs[i];
  if (Array.isArray(value)) return value.map((v) => mapValue(v, refs, recorded));
  return value;
}

/** A document's copy of a prepared image: PDFKit embeds it by replaying the recorded operations. */
class ReplayedImage implements EmbeddableImage {
  obj: unknown = null;
  readonly width: number;
  readonly height: number;
  readonly orientation?: number;

  constructor(
    private readonly prep: PreparedImage,
    private readonly recordedRefs: ReadonlyMap<unknown, number>,
    readonly label: string,
  ) {
    this.width = prep.width;
    this.height = prep.height;
    if (prep.orientation !== undefined) this.orientation = prep.orientation;
  }

  embed(document: unknown): void {
    if (this.obj) return;
    const d = document as DocInternals;
    const refs: { data: Record<string, unknown>; end(chunk?: unknown): void }[] = [];
    const run = (op: Op): void => {
      if (op.kind === 'ref') {
        const data: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(op.data)) data[k] = mapValue(v, refs, this.recordedRefs);
        refs.push(d.ref(data));
      } else if (op.kind === 'set') refs[op.ref]!.data[op.key] = mapValue(op.value, refs, this.recordedRefs);
      else if (op.chunk === undefined) refs[op.ref]!.end();
      else refs[op.ref]!.end(op.chunk);
    };
    this.prep.now.forEach(run);
    this.obj = refs[0];
    if (this.prep.later.length > 0) setImmediate(() => this.prep.later.forEach(run));
  }
}

/** Whether `image` (from {@link openImage}) replays a prepared embedding (tests). */
export function isReplayed(image: EmbeddableImage): boolean {
  return image instanceof ReplayedImage;
}

/** Recorder references of a prepared image, by object (values in `set` operations may be them). */
const recordedRefsOf = new WeakMap<PreparedImage, Map<unknown, number>>();

function recordedRefs(prep: PreparedImage): Map<unknown, number> {
  let m = recordedRefsOf.get(prep);
  if (!m) {
    const found = new Map<unknown, number>();
    for (const op of [...prep.now, ...prep.later]) {
      if (op.kind === 'set') collectRefs(op.value, found);
      else if (op.kind === 'ref') Object.values(op.data).forEach((v) => collectRefs(v, found));
    }
    recordedRefsOf.set(prep, found);
    m = found;
  }
  return m;
}

function collectRefs(value: unknown, into: Map<unknown, number>): void {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, into));
  else if (value !== null && typeof value === 'object' && 'index' in value && typeof (value as RecordedRef).end === 'function')
    into.set(value, (value as RecordedRef).index);
}

/**
 * The image object to hand to `doc.image` for `data` in this document: a
 * replay of the prepared embedding when {@link prepareImages} has finished
 * for it (numbered like PDFKit's `openImage`: `I1`, `I2`, …), else undefined.
 */
export function openPreparedImage(doc: Doc, data: Buffer): EmbeddableImage | undefined {
  const prep = supportsPreparedImages(doc) ? ready.get(data) : undefined;
  if (!prep) return undefined;
  return new ReplayedImage(prep, recordedRefs(prep), `I${++(doc as unknown as DocInternals)._imageCount}`);
}
