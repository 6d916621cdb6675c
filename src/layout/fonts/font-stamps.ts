/**
 * The SHA-256 and the coverage of every bundled font file, worked out when the package is built
 * (`scripts/stamp-assets.mjs` writes `dist/font-digests.json`). The digest: a build worker does not hash a font it
 * opens (`font-read.ts`), though the stores that keep results by font (`render/pdf-adapter/font-bytes-digest.ts`) are
 * named by it, and hashing the 19 MB CJK collection took about 40 ms of a worker's first Chinese, Japanese or Korean
 * document. The coverage: the font book passes over a fallback font that cannot draw a character without opening it.
 *
 * A stamp is used only for a bundled font whose file has the size and modification time it was stamped with (for the
 * digest, before and after the read of the bytes it stands for: the trust `asset-stamps.ts` gives the package's other
 * folders); otherwise the font is hashed by its bytes, or opened to be asked, as before. The stamp names files only,
 * never a folder of this machine.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, type Stats } from 'node:fs';
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

function isStamp(s: unknown): s is FontStamp {
  return Array.isArray(s) && s.length === 3 && typeof s[0] === 'number' && typeof s[1] === 'number' && typeof s[2] === 'string';
}

/** A regular file's size and modification time (ms). */
export type FileState = readonly [size: number, mtimeMs: number];

/** `st` as a {@link FileState}, or undefined when it is not a regular file's. */
export function fileState(st: Stats): FileState | undefined {
  return st.isFile() ? [st.size, st.mtimeMs] : undefined;
}

function matches(st: FileState | undefined, stamp: FontStamp): boolean {
  return st !== undefined && st[0] === stamp[0] && st[1] === stamp[1];
}

/**
 * The stamped SHA-256 of the bundled font `name` of `fontsDir` read as `bytes`, when the file was the one stamped
 * (size and modification time) `before` and `after` the read; else undefined (its bytes are then hashed).
 */
export function stampedDigest(
  fontsDir: string,
  name: string,
  before: FileState | undefined,
  bytes: Uint8Array,
  after: FileState | undefined,
): string | undefined {
  const stamp = stampFileOf(fontStampPath(fontsDir))?.fonts[name];
  return isStamp(stamp) && matches(before, stamp) && bytes.length === stamp[0] && matches(after, stamp) ? stamp[2] : undefined;
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
  return matches(fileState(st), stamp) ? ranges : undefined;
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
