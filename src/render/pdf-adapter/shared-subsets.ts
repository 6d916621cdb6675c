/**
 * Font subsets encoded once per glyph set and shared across documents —
 * PDFKit/fontkit internals (`doc._font.subset`, fontkit's `Subset.encode`,
 * `glyphs`, `mapping`), guarded by `tests/render/pdf-adapter/shared-subsets.test.ts`.
 *
 * Every document embeds a subset of each font it uses, and fontkit encodes it
 * by decoding every included glyph again (`restructure` table parsing): a few
 * milliseconds per font and document. The encoded bytes depend only on the
 * fontkit font and the ordered list of glyph ids, so they are kept per font
 * and glyph list; a later document with the same list (the same guide for
 * another clinic, a rebuild) reuses them. fontkit's encoder appends the
 * components of composite glyphs to the subset while it works; a hit puts the
 * subset into the state the encoder left it in, so nothing downstream can tell.
 *
 * The font file stream PDFKit writes from those bytes (`EmbeddedFont.embed`: the first reference
 * it creates, ended with the subset's bytes) is compressed once too: PDFKit would deflate the same
 * bytes in every document. The compressed bytes are kept with the subset and handed to that
 * reference ready-made ({@link endDeflated}), so the stream is the one PDFKit writes.
 *
 * Bounded ({@link MAX_SUBSETS}); safe for concurrent documents (a memo of a
 * deterministic function, filled synchronously). Each worker thread has its own. With the word
 * stores on (the build workers), a subset this process has not encoded yet is looked up among those
 * earlier processes kept (`subset-store.ts`) before fontkit encodes it, and kept there after.
 */
import { deflateSync } from 'node:zlib';
import type { Doc } from './document.js';
import { endDeflated } from './page-content.js';
import { replayGlyphLookups, storeSubset, storedSubset } from './subset-store.js';
import { isTrueType, unhintedSubset } from './unhinted-subset.js';

/** The parts of fontkit's subset this module uses. */
interface SubsetInternals {
  glyphs: number[];
  mapping: Record<number, number>;
  encode(): Uint8Array;
}

/** The parts of PDFKit's `EmbeddedFont` this module uses. */
interface EmbeddedFontInternals {
  readonly font?: object;
  readonly subset?: Partial<SubsetInternals>;
  embed?(): unknown;
}

/** The part of PDFKit's document `embed` creates its references with. */
interface RefMaker {
  ref: (data?: object) => unknown;
}

interface Encoded {
  readonly bytes: Uint8Array;
  readonly glyphs: readonly number[];
  readonly mapping: Readonly<Record<number, number>>;
}

/** Encoded subsets kept across all fonts before the cache is emptied. */
export const MAX_SUBSETS = 2_000;
/**
 * Bytes kept across all fonts before the cache is emptied: the encoded subsets, plus
 * {@link SUBSET_BYTES_PER_GLYPH} for each glyph's entries in the kept glyph list and mapping. Bounded by size, not
 * only count: in a batch nearly every document brings a new glyph set (another clinic name, another guide number), so
 * the cache filled up to {@link MAX_SUBSETS} (about 4 MB of heap and 10 MB of buffers per worker) over thousands of
 * documents, and a worker's memory grew over that many before it levelled off.
 */
export const MAX_SUBSET_BYTES = 4 * 1024 * 1024;
/** Heap bytes an entry keeps per glyph, besides its encoded bytes (measured: about 2.2 KB for a 45-glyph subset). */
const SUBSET_BYTES_PER_GLYPH = 48;

let byFont = new WeakMap<object, Map<string, Encoded>>();
/** Each cached subset's bytes deflated as PDFKit deflates them (zlib's default level), by the bytes served. */
let deflated = new WeakMap<Uint8Array, Buffer>();
let total = 0;
let kept = 0; // bytes, as MAX_SUBSET_BYTES counts them
let hits = 0;
let stores = 0; // subsets read from the store (subset-store.ts)
let encodedHere = 0; // subsets this process encoded itself

/**
 * The store of earlier processes' subsets (`subset-store.ts`) is read and written only until this process has encoded
 * this many subsets itself: what it saves is a new process's first documents (fontkit's subsetting runs cold there);
 * a warm batch worker, whose new glyph sets (another clinic's name) the store would rarely hold, touches no files for
 * them.
 */
export const STORE_WHILE_ENCODED_BELOW = 8;
const patched = new WeakSet<object>();

/** Empties the cache (tests, long-running processes). */
export function clearSharedSubsets(): void {
  byFont = new WeakMap();
  deflated = new WeakMap();
  total = 0;
  kept = 0;
  hits = 0;
  stores = 0;
  encodedHere = 0;
}

/**
 * Subsets cached, the bytes they count against {@link MAX_SUBSET_BYTES}, how many encodings were served from the cache,
 * and how many were read from the store of earlier processes (tests).
 */
export function sharedSubsetStats(): { readonly size: number; readonly bytes: number; readonly hits: number; readonly stored: number } {
  return { size: total, bytes: kept, hits, stored: stores };
}

/** Whether `font` (PDFKit's embedded font object) has the internals this module relies on. */
export function supportsSharedSubsets(font: unknown): boolean {
  const f = font as EmbeddedFontInternals | null | undefined;
  const s = f?.subset;
  return (
    !!f &&
    typeof f.font === 'object' &&
    f.font !== null &&
    !!s &&
    typeof s.encode === 'function' &&
    Array.isArray(s.glyphs) &&
    typeof s.mapping === 'object' &&
    s.mapping !== null
  );
}

/**
 * Makes the document's current font (`doc.font(...)` just called) encode its
 * subset through the process-wide cache. Cheap when already done for that
 * font object; a no-op if the internals are not what this module expects.
 */
export function shareSubsets(doc: Doc, deflateOnce = true): void {
  const ef = (doc as unknown as { _font?: EmbeddedFontInternals })._font;
  if (!ef || patched.has(ef)) return;
  patched.add(ef);
  if (!supportsSharedSubsets(ef)) return;
  const font = ef.font!;
  const subset = ef.subset as SubsetInternals;
  const encode = subset.encode.bind(subset);
  subset.encode = (): Uint8Array => {
    const key = subset.glyphs.join(',');
    const hit = byFont.get(font)?.get(key);
    if (hit) {
      hits++;
      subset.glyphs = [...hit.glyphs];
      subset.mapping = { ...hit.mapping };
      return hit.bytes;
    }
    // kept by an earlier process (subset-store.ts, when the word stores are on), else encoded and kept for the next;
    // only while this process is new (see STORE_WHILE_ENCODED_BELOW)
    const useStore = encodedHere < STORE_WHILE_ENCODED_BELOW;
    const stored = useStore ? storedSubset(font, key) : undefined;
    if (stored) {
      stores++;
      replayGlyphLookups(font, stored.glyphs);
      subset.glyphs = [...stored.glyphs];
      subset.mapping = { ...stored.mapping };
    }
    const bytes = stored ? stored.bytes : encodedBytes(encode());
    const z = stored ? stored.deflated : deflateSync(bytes);
    if (!stored) encodedHere++;
    if (!stored && useStore)
      storeSubset(font, key, {
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        deflated: z,
        glyphs: subset.glyphs,
        mapping: subset.mapping,
      });
    const size = bytes.byteLength + z.byteLength + SUBSET_BYTES_PER_GLYPH * subset.glyphs.length;
    if (total >= MAX_SUBSETS || kept + size > MAX_SUBSET_BYTES) clearSharedSubsets();
    let subsets = byFont.get(font);
    if (!subsets) {
      subsets = new Map();
      byFont.set(font, subsets);
    }
    subsets.set(key, { bytes, glyphs: [...subset.glyphs], mapping: { ...subset.mapping } });
    deflated.set(bytes, z);
    total++;
    kept += size;
    return bytes;
  };
  if (deflateOnce && typeof ef.embed === 'function') deflateFontFileOnce(doc, ef as EmbeddedFontInternals & { embed(): unknown });
}

/** A subset's bytes as embedded: a TrueType subset without its hinting (unhinted-subset.ts). */
function encodedBytes(encoded: Uint8Array): Uint8Array {
  return isTrueType(encoded) ? unhintedSubset(encoded) : encoded;
}

/**
 * Hands the font file reference `embed` creates first the subset's bytes compressed ahead (when they were served by
 * the cache); the other references it creates are left alone.
 */
function deflateFontFileOnce(doc: Doc, ef: EmbeddedFontInternals & { embed(): unknown }): void {
  const embed = ef.embed.bind(ef);
  ef.embed = (): unknown => {
    const d = doc as unknown as RefMaker;
    const own = Object.prototype.hasOwnProperty.call(d, 'ref') ? d.ref : undefined; // (PDFKit's is on the prototype)
    const ref = d.ref.bind(d);
    let first = true;
    d.ref = (data?: object): unknown => {
      const r = ref(data);
      if (first) {
        first = false;
        const target = r as { end?: (chunk?: unknown) => unknown };
        const end = target.end;
        if (typeof end === 'function') {
          target.end = (chunk?: unknown): unknown => {
            const z = chunk instanceof Uint8Array ? deflated.get(chunk) : undefined;
            return z && endDeflated(r, chunk as Uint8Array, z) ? undefined : end.call(r, chunk);
          };
        }
      }
      return r;
    };
    try {
      return embed();
    } finally {
      if (own) d.ref = own;
      else delete (d as Partial<RefMaker>).ref;
    }
  };
}
