/**
 * The SHA-256 of every bundled font file, worked out when the package is built (`scripts/stamp-assets.mjs` writes
 * `dist/font-digests.json`), so that a build worker does not hash a font it opens: the stores that keep results by
 * font (`render/pdf-adapter/font-bytes-digest.ts`) are named by it, and hashing the 19 MB CJK collection took about
 * 40 ms of a worker's first Chinese, Japanese or Korean document.
 *
 * A stamped digest is used only for a bundled font whose file, opened to be read, has the size and modification time
 * it was stamped with, before and after the read (the trust `asset-stamps.ts` gives the package's other folders);
 * otherwise the font is hashed by its bytes as before. The stamp names files only, never a folder of this machine.
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import path from 'node:path';

/** Name of the stamp file, in the package's `dist/` beside the fonts folder. */
export const FONT_STAMP_FILE = 'font-digests.json';

/** One font file's stamp: size in bytes, modification time (ms), SHA-256 (hex) of its bytes. */
export type FontStamp = readonly [size: number, mtimeMs: number, sha256: string];

/** The stamp file's content. */
export interface FontStamps {
  readonly version: 1;
  readonly fonts: { readonly [file: string]: FontStamp };
  /**
   * The code points each single font (not a collection) has a glyph for, as sorted, flattened `[first, last]` pairs
   * (see {@link stampedCoverage}).
   */
  readonly coverage?: { readonly [file: string]: readonly number[] };
}

const FONT_FILE = /\.(ttf|otf|ttc)$/i;

/** Where the stamp of the fonts folder `fontsDir` is (`<package>/dist/font-digests.json`). */
export function fontStampPath(fontsDir: string): string {
  return path.join(path.dirname(fontsDir), 'dist', FONT_STAMP_FILE);
}

/**
 * Hashes every font file of `fontsDir` and writes their stamps to `file` (the package's build), with each font's
 * coverage when `coverageOf` gives one (`font-coverage.ts`, which needs fontkit: not loaded with this module).
 */
export function writeFontStamps(
  fontsDir: string,
  file: string = fontStampPath(fontsDir),
  coverageOf?: (file: string) => number[] | undefined,
): FontStamps {
  const fonts: Record<string, FontStamp> = {};
  const coverage: Record<string, number[]> = {};
  for (const name of readdirSync(fontsDir).sort()) {
    if (!FONT_FILE.test(name)) continue;
    const full = path.join(fontsDir, name);
    const st = statSync(full);
    if (!st.isFile()) continue;
    fonts[name] = [st.size, st.mtimeMs, createHash('sha256').update(readFileSync(full)).digest('hex')];
    const covered = coverageOf?.(full);
    if (covered) coverage[name] = covered;
  }
  const stamps: FontStamps = { version: 1, fonts, ...(coverageOf ? { coverage } : {}) };
  writeFileSync(file, JSON.stringify(stamps) + '\n');
  return stamps;
}

/** The stamps read so far, by stamp file (undefined: absent or not a stamp file). */
const read = new Map<string, FontStamps | undefined>();

function stampFileOf(file: string): FontStamps | undefined {
  if (read.has(file)) return read.get(file);
  let stamps: FontStamps | undefined;
  try {
    // the package's own stamp file (written by its build), not user input
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<FontStamps>;
    if (data.version === 1 && typeof data.fonts === 'object' && data.fonts !== null) stamps = data as FontStamps;
  } catch {
    stamps = undefined;
  }
  read.set(file, stamps);
  return stamps;
}

function stampsOf(file: string): FontStamps['fonts'] | undefined {
  return stampFileOf(file)?.fonts;
}

function isStamp(s: unknown): s is FontStamp {
  return Array.isArray(s) && s.length === 3 && typeof s[0] === 'number' && typeof s[1] === 'number' && typeof s[2] === 'string';
}

function matches(st: Stats, stamp: FontStamp): boolean {
  return st.isFile() && st.size === stamp[0] && st.mtimeMs === stamp[1];
}

/** A file's size and modification time (ms). */
type FileState = readonly [size: number, mtimeMs: number];

/** The digest `stamp` gives a file read as `bytes`, which was `before` and `after` the read. */
function digestFor(stamp: unknown, before: FileState, bytes: Uint8Array, after: FileState): string | undefined {
  const same = (st: FileState, s: FontStamp): boolean => st[0] === s[0] && st[1] === s[1];
  return isStamp(stamp) && same(before, stamp) && bytes.length === stamp[0] && same(after, stamp) ? stamp[2] : undefined;
}

/**
 * A bundled font file read by one thread for another (the CLI thread for a build worker): its name in the fonts
 * folder, its bytes, and the file's size and modification time before and after the read.
 */
export interface FontBytesMessage {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly before: FileState;
  readonly after: FileState;
}

/**
 * Reads the bundled font `name` of `fontsDir` on Node's I/O threads (this thread's event loop free meanwhile), for
 * {@link receiveFontBytesOn} of another thread; rejects when it cannot be read (a regular file).
 */
export async function readFontBytes(fontsDir: string, name: string): Promise<FontBytesMessage> {
  const handle = await open(path.join(fontsDir, name), 'r');
  try {
    const before = await handle.stat();
    if (!before.isFile()) throw new Error(`${name} is not a file`);
    const bytes = await handle.readFile();
    const after = await handle.stat();
    return { name, bytes, before: [before.size, before.mtimeMs], after: [after.size, after.mtimeMs] };
  } finally {
    await handle.close();
  }
}

/** Where this thread takes font bytes another thread read for it ({@link receiveFontBytesOn}). */
let fontPort: MessagePort | undefined;
/** Font bytes taken from {@link fontPort} and not used yet, by path, with the documents they are kept for. */
const received = new Map<string, { readonly font: BundledFontBytes; documents: number }>();

/**
 * Makes {@link readBundledFont} take a font's bytes from `port` when another thread has posted them there
 * ({@link FontBytesMessage}, from {@link readFontBytes}) instead of reading the file: a build worker's first Chinese,
 * Japanese or Korean document needs the two 19 MB CJK collections (about 60 ms each to read here), which the CLI
 * thread, idle while the worker builds, reads meanwhile. The port is read synchronously (`receiveMessageOnPort`),
 * only when a font is opened: bytes not there yet are not waited for (the file is read as before).
 */
export function receiveFontBytesOn(port: MessagePort): void {
  fontPort = port;
  port.unref();
}

function isFileState(x: unknown): x is FileState {
  return Array.isArray(x) && x.length === 2 && typeof x[0] === 'number' && typeof x[1] === 'number';
}

/** Takes the font bytes posted on {@link fontPort} so far. */
function drainFontPort(fontsDir: string): void {
  if (!fontPort) return;
  for (let m = receiveMessageOnPort(fontPort); m; m = receiveMessageOnPort(fontPort)) {
    const msg = m.message as Partial<FontBytesMessage> | null;
    if (!msg || typeof msg.name !== 'string' || !(msg.bytes instanceof Uint8Array)) continue;
    if (!isFileState(msg.before) || !isFileState(msg.after) || path.basename(msg.name) !== msg.name) continue;
    const bytes = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
    const sha256 = digestFor(stampsOf(fontStampPath(fontsDir))?.[msg.name], msg.before, bytes, msg.after);
    received.set(path.join(fontsDir, msg.name), { font: { bytes, sha256 }, documents: 2 });
  }
}

/**
 * Called by a build worker after each document: font bytes received and not used by this document or the next are
 * dropped, not kept in memory (they were read for a document that did not need them, or arrived too late for it).
 */
export function ageReceivedFonts(fontsDir: string): void {
  drainFontPort(fontsDir);
  for (const [file, r] of received) if (--r.documents <= 0) received.delete(file);
}

/** A bundled font file read: its bytes, and their stamped SHA-256 when the file is the one stamped. */
export interface BundledFontBytes {
  readonly bytes: Buffer;
  readonly sha256: string | undefined;
}

/**
 * Reads the bundled font `name` of `fontsDir`: its bytes, and their SHA-256 from the stamp when the file is the one
 * stamped (size and modification time, before and after the read), else undefined. Takes the bytes another thread
 * read for this one when they are there ({@link receiveFontBytesOn}).
 */
export function readBundledFont(fontsDir: string, name: string): BundledFontBytes {
  drainFontPort(fontsDir);
  const file = path.join(fontsDir, name);
  const got = received.get(file);
  if (got) {
    received.delete(file);
    return got.font;
  }
  const fd = openSync(file, 'r');
  try {
    const before = fstatSync(fd);
    const bytes = readFileSync(fd);
    const stamp = stampsOf(fontStampPath(fontsDir))?.[name];
    const sha256 =
      isStamp(stamp) && matches(before, stamp) && bytes.length === stamp[0] && matches(fstatSync(fd), stamp) ? stamp[2] : undefined;
    return { bytes, sha256 };
  } finally {
    closeSync(fd);
  }
}

/**
 * The stamped coverage of the bundled font `name` of `fontsDir` (sorted, flattened `[first, last]` pairs of the code
 * points it has a glyph for, as fontkit's `hasGlyphForCodePoint` answers), when the file is still the one stamped
 * (size and modification time); else undefined. Lets a font book pass over a fallback font that cannot draw a
 * character without opening it: a Korean document opened some 40 script fonts before the CJK one.
 */
export function stampedCoverage(fontsDir: string, name: string): readonly number[] | undefined {
  const stamps = stampFileOf(fontStampPath(fontsDir));
  const stamp = stamps?.fonts[name];
  const ranges = stamps?.coverage?.[name];
  if (!isStamp(stamp) || !Array.isArray(ranges) || ranges.length % 2 !== 0) return undefined;
  let st: Stats;
  try {
    st = statSync(path.join(fontsDir, name));
  } catch {
    return undefined;
  }
  return matches(st, stamp) ? ranges : undefined;
}

/** Whether `codePoint` is in `ranges` (sorted, flattened `[first, last]` pairs). */
export function inCoverage(ranges: readonly number[], codePoint: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (codePoint < ranges[2 * mid]!) hi = mid - 1;
    else if (codePoint > ranges[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Forgets the stamps read (tests). */
export function resetFontStamps(): void {
  read.clear();
}
