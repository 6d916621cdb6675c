/**
 * Encoded font subsets kept across processes, beside the word stores (`layout/word-store.ts`: the compile cache's
 * folder and safety checks): the second process to embed the same subset of a font (a cold `handout build` of a guide
 * built before, for this or another clinic, or after an edit that brought no new glyph) reads it instead of having
 * fontkit encode it (every glyph decoded again, tables written through `restructure`) and zlib compress it: about
 * 30 ms of a cold build's document.
 *
 * What fontkit's `Subset.encode` returns depends only on the font and the ordered list of glyph ids (the same premise
 * as `shared-subsets.ts`, which keeps subsets within a process); the file also holds what encoding leaves behind (the
 * components of composite glyphs appended to the list, and the id mapping) and the bytes compressed as PDFKit would.
 * Encoding also makes fontkit's glyph object of every id it includes (with no code points, where there was none yet),
 * and a later document of the same process reads the code points of those objects back: a stored subset repeats those
 * lookups ({@link replayGlyphLookups}), so the process ends up as encoding would have left it.
 *
 * A file is named by a digest of the code (the workers' bundle), the font's bytes and name, and the glyph list; it is
 * used only when its header matches that list, every length matches and the bytes hash to the digest in its header.
 * Bounded: subsets of at most {@link MAX_STORED_SUBSET_BYTES}, at most {@link MAX_STORED_SUBSETS} files, those not
 * written for a week removed. Off while the word stores are, and used only while the process is new
 * (`shared-subsets.ts`: until it has encoded a few subsets itself).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readPrivateFile, writeStoreFile } from '../../batch/compile-cache.js';
import { storesRecording, wordStoreSettings } from '../../layout/word-store.js';
import { fontBytesDigest } from './font-bytes-digest.js';

const MAGIC = 'handoutkit font subset 1\n';
/** Largest subset kept (encoded and compressed together), and (twice it) the largest file read. */
export const MAX_STORED_SUBSET_BYTES = 1024 * 1024;
/** Most subsets kept in the folder (then none is added until stale ones are removed after a week). */
export const MAX_STORED_SUBSETS = 256;

/** A subset as encoding left it: its bytes, the bytes compressed (zlib, PDFKit's level), the glyph list and mapping. */
export interface StoredSubset {
  readonly bytes: Buffer;
  readonly deflated: Buffer;
  readonly glyphs: readonly number[];
  readonly mapping: Readonly<Record<number, number>>;
}

/** The fontkit internals used here: the font's bytes and name, and its glyph lookup. */
interface FontInternals {
  readonly stream?: { readonly buffer?: Uint8Array };
  readonly postscriptName?: string;
  getGlyph(id: number): unknown;
}

interface Header {
  readonly list: string;
  readonly glyphs: readonly number[];
  readonly mapping: readonly number[];
  readonly bytes: number;
  readonly deflated: number;
  readonly sha256: string;
}

function usable(font: object): font is FontInternals {
  const f = font as Partial<FontInternals>;
  return typeof f.getGlyph === 'function' && f.stream?.buffer instanceof Uint8Array;
}

/** The store file of `font`'s subset of `list` (glyph ids joined by commas), or undefined when the stores are off. */
function fileFor(font: object, list: string): string | undefined {
  const settings = wordStoreSettings();
  if (!settings || !usable(font)) return undefined;
  const digest = fontBytesDigest(font.stream!.buffer!);
  const name = createHash('sha256')
    .update(`${MAGIC}${settings.key}\0${digest}\0${font.postscriptName ?? ''}\0${list}`)
    .digest('hex')
    .slice(0, 32);
  return path.join(settings.dir, `subset-${name}.bin`);
}

const isId = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0xffff;
const isSize = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0;

/** The subset kept for `font` and `list`, if there is a usable one. */
export function storedSubset(font: object, list: string): StoredSubset | undefined {
  const file = fileFor(font, list);
  const bytes = file ? readPrivateFile(file, 2 * MAX_STORED_SUBSET_BYTES) : undefined;
  if (!bytes || bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined;
  try {
    const end = bytes.indexOf(0x0a, MAGIC.length);
    if (end < 0) return undefined;
    const h = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as Partial<Header>;
    if (h.list !== list || !isSize(h.bytes) || !isSize(h.deflated) || typeof h.sha256 !== 'string') return undefined;
    if (!Array.isArray(h.glyphs) || !h.glyphs.every(isId) || !Array.isArray(h.mapping) || h.mapping.length % 2 !== 0) return undefined;
    if (!h.mapping.every(isId) || end + 1 + h.bytes + h.deflated !== bytes.length) return undefined;
    const body = bytes.subarray(end + 1);
    if (createHash('sha256').update(body).digest('hex') !== h.sha256) return undefined;
    const mapping: Record<number, number> = {};
    for (let i = 0; i < h.mapping.length; i += 2) mapping[h.mapping[i]!] = h.mapping[i + 1]!;
    // their own memory (a finished document must not keep the file's buffer alive through them)
    return {
      bytes: Buffer.from(body.subarray(0, h.bytes)),
      deflated: Buffer.from(body.subarray(h.bytes)),
      glyphs: h.glyphs,
      mapping,
    };
  } catch {
    return undefined;
  }
}

/** Keeps `subset` of `font` for `list` (atomically, mode 0600); never throws. */
export function storeSubset(font: object, list: string, subset: StoredSubset): void {
  if (!storesRecording()) return; // (a document with fill-in values: its glyph lists stay out of the cache folder)
  const file = fileFor(font, list);
  if (!file || subset.bytes.length + subset.deflated.length > MAX_STORED_SUBSET_BYTES) return;
  if (subset.bytes.length === 0 || subset.deflated.length === 0) return;
  const mapping: number[] = [];
  for (const [from, to] of Object.entries(subset.mapping)) mapping.push(Number(from), to);
  const header: Header = {
    list,
    glyphs: subset.glyphs,
    mapping,
    bytes: subset.bytes.length,
    deflated: subset.deflated.length,
    sha256: createHash('sha256').update(subset.bytes).update(subset.deflated).digest('hex'),
  };
  if (!header.glyphs.every(isId) || !mapping.every(isId)) return;
  writeStoreFile(file, 'subset-', '.bin', MAX_STORED_SUBSETS, () =>
    Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8'), subset.bytes, subset.deflated]),
  );
}

/**
 * Looks up fontkit's glyph object of every id of `glyphs` as encoding the subset does first for each (`getGlyph(id)`,
 * no code points: it makes the object only where there was none), so that a stored subset leaves the font as
 * encoding would.
 */
export function replayGlyphLookups(font: object, glyphs: readonly number[]): void {
  if (!usable(font)) return;
  for (const id of glyphs) font.getGlyph(id);
}
