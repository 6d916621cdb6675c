/**
 * Shaped words kept across processes (`src/render/pdf-adapter/shape-store.ts`): a stored word gives exactly what fontkit's
 * layout gives, glyph objects and their code points included, in a new font object (a new process); a word whose
 * glyphs the process already made with other code points is shaped again; a corrupt file or a changed font is never
 * used. Every test uses its own folder.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { afterEach, describe, expect, it } from 'vitest';
import { keepCodePoints } from '../../../src/render/pdf-adapter/glyphs.js';
import { bundledFontsDir } from '../../../src/layout/fonts/fonts-dir.js';
import { resetShapeStores, shapedAdvance, shapedRun, shapeStoreCounts } from '../../../src/render/pdf-adapter/shape-store.js';
import { disableWordStores, enableWordStores, persistWordStores } from '../../../src/layout/word-store.js';
import { tempDir } from '../../helpers/cli.js';

/** A new font object (as a new process opens it), with the FontBook's glyph patch. */
function open(file: string, bytes?: Buffer): Font {
  const f = (bytes ? fontkit.create(bytes) : fontkit.openSync(path.join(bundledFontsDir(), file))) as Font;
  keepCodePoints(f);
  return f;
}

const LATIN = 'NotoSans-Regular.ttf';
/** Words with ligatures (fi, ffi), a ligature character, soft hyphen, combining mark, zero-width space, kerning. */
const WORDS = ['Hello ', 'office ', 'fine', 'AVATAR ', 'co\u00ADoperate', 'e\u0301t\u00E9 ', 'x\u200By', 'well-being ', 'Wa', 'fi'];
const ARABIC = ['مرحبا ', 'بالعالم'];
const DEVANAGARI = ['नमस्ते ', 'क्षत्रिय'];

interface Shaped {
  ids: number[];
  codePoints: number[][];
  positions: number[][];
  advance: number;
}

/** What PDFKit's `layoutRun` gives for `text` (fontkit's layout, positions scaled), read out. */
function reference(font: Font, text: string): Shaped {
  const run = font.layout(text);
  const scale = 1000 / font.unitsPerEm;
  return {
    ids: run.glyphs.map((g) => g.id),
    codePoints: run.glyphs.map((g) => [...g.codePoints]),
    positions: run.positions.map((p, i) => [
      p.xAdvance * scale,
      p.yAdvance * scale,
      p.xOffset * scale,
      p.yOffset * scale,
      run.glyphs[i]!.advanceWidth * scale,
    ]),
    advance: run.advanceWidth,
  };
}

/** The same through the store (the Measurer's width, then PDFKit's run). */
function stored(font: Font, text: string): Shaped {
  const advance = shapedAdvance(font, text);
  const run = shapedRun(font, text, 1000 / font.unitsPerEm)!;
  return {
    ids: run.glyphs.map((g) => (g as unknown as { id: number }).id),
    codePoints: run.glyphs.map((g) => [...g.codePoints]),
    positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth]),
    advance,
  };
}

function cacheDir(): string {
  const dir = path.join(tempDir('shape-store-'), 'cache');
  enableWordStores({ dir, key: 'test' });
  return dir;
}

/** Shapes `words` in a new font object through the store; the results and the store's hits and misses. */
function pass(file: string, words: readonly string[], before?: (f: Font) => void): { out: Shaped[]; hits: number; misses: number } {
  resetShapeStores();
  const font = open(file);
  before?.(font);
  const out = words.map((w) => stored(font, w));
  return { out, ...shapeStoreCounts() };
}

function expected(file: string, words: readonly string[], before?: (f: Font) => void): Shaped[] {
  const font = open(file);
  before?.(font);
  return words.map((w) => reference(font, w));
}

afterEach(() => {
  disableWordStores();
  resetShapeStores();
});

describe('shape store', () => {
  it('is off unless the word stores are on: shapedRun gives nothing, shapedAdvance is fontkit’s', () => {
    const font = open(LATIN);
    expect(shapedRun(font, 'Hello', 1)).toBeUndefined();
    expect(shapedAdvance(font, 'office')).toBe(open(LATIN).layout('office').advanceWidth);
  });

  it.each([
    ['Latin', LATIN, WORDS],
    ['Arabic', 'NotoNaskhArabic-Regular.ttf', ARABIC],
    ['Devanagari', 'NotoSansDevanagari-Regular.ttf', DEVANAGARI],
  ])('%s: shaped words are stored and give what fontkit gives in a new font object', (_name, file, words) => {
    cacheDir();
    const want = expected(file, words);
    const first = pass(file, words);
    expect(first.out).toEqual(want);
    expect(first.misses).toBe(words.length); // the run after the width is the same word: from the store
    expect(persistWordStores()).toBe(1);
    const second = pass(file, words);
    expect(second.out).toEqual(want);
    // the Measurer's width and PDFKit's run of each word both come from the store
    expect(second).toMatchObject({ hits: 2 * words.length, misses: 0 });
  });

  it('shapes a word again when the process made one of its glyphs from other code points (ﬁ before fi)', () => {
    cacheDir();
    pass(LATIN, ['fine']);
    persistWordStores();
    const ligatureFirst = (f: Font): void => void f.layout('\uFB01x'); // glyph "fi" made for U+FB01
    const r = pass(LATIN, ['fine', 'Hello '], ligatureFirst);
    expect(r.out).toEqual(expected(LATIN, ['fine', 'Hello '], ligatureFirst));
    expect(r.out[0]!.codePoints).toContainEqual([0xfb01]); // fontkit's own answer here, not the stored one
    expect(r.misses).toBeGreaterThanOrEqual(1);
  });

  it('shapes a word again when the process made its hyphen glyph from a soft hyphen (fontkit then hides it)', () => {
    cacheDir();
    pass(LATIN, ['well-being ']);
    persistWordStores();
    // in a font that maps U+00AD to the hyphen's glyph, a soft hyphen shaped first makes that glyph with [U+00AD]
    const hyphen = open(LATIN).glyphForCodePoint(0x2d).id; // (looked up in another font object: this makes the glyph)
    const softFirst = (f: Font): void => void f.getGlyph(hyphen, [0xad]);
    const r = pass(LATIN, ['well-being '], softFirst);
    const want = expected(LATIN, ['well-being '], softFirst);
    expect(r.out).toEqual(want);
    expect(want[0]!.positions[4]![0]).toBe(0); // fontkit hid the hyphen: the stored run would show it
    expect(r.misses).toBe(1);
  });

  it('ignores a corrupt store file and writes it again', () => {
    const dir = cacheDir();
    pass(LATIN, WORDS);
    persistWordStores();
    const [name] = readdirSync(dir).filter((f) => f.startsWith('words-'));
    const file = path.join(dir, name!);
    const good = readFileSync(file, 'utf8');
    // values of the right shape but wrong (glyph ids beyond the font), a truncated file, a file that is not a store
    writeFileSync(file, good.replace(/\[\[(\d+),/g, '[[$1999999,'));
    const tampered = pass(LATIN, WORDS);
    expect(tampered.out).toEqual(expected(LATIN, WORDS));
    expect(tampered.misses).toBe(WORDS.length);
    expect(persistWordStores()).toBe(1);
    // cut in the middle of a word's line: the words before it are used, the cut one and those after are shaped again
    writeFileSync(file, good.slice(0, Math.floor(good.length / 2)));
    const truncated = pass(LATIN, WORDS);
    expect(truncated.out).toEqual(expected(LATIN, WORDS));
    expect(truncated.misses).toBeGreaterThan(0);
    expect(truncated.misses).toBeLessThan(WORDS.length);
    expect(persistWordStores()).toBe(1);
    writeFileSync(file, `not a store file\n${good}`);
    const corrupt = pass(LATIN, WORDS);
    expect(corrupt.out).toEqual(expected(LATIN, WORDS));
    expect(corrupt.misses).toBe(WORDS.length);
    expect(persistWordStores()).toBe(1);
    expect(pass(LATIN, WORDS).misses).toBe(0);
  });

  it('does not use the words of a font whose bytes changed', () => {
    const dir = cacheDir();
    pass(LATIN, WORDS);
    persistWordStores();
    const bytes = readFileSync(path.join(bundledFontsDir(), LATIN));
    // the same font with another advance width for "o" (hmtx): a store keyed by anything less would give old widths
    const changed = Buffer.from(bytes);
    const font = open(LATIN, changed);
    const hmtx = (font as unknown as { directory: { tables: Record<string, { offset: number }> } }).directory.tables.hmtx!.offset;
    const o = font.glyphForCodePoint(0x6f).id;
    changed.writeUInt16BE(changed.readUInt16BE(hmtx + 4 * o) + 100, hmtx + 4 * o);
    resetShapeStores();
    const edited = open(LATIN, changed);
    const out = WORDS.map((w) => stored(edited, w));
    const fresh = open(LATIN, changed);
    expect(out).toEqual(WORDS.map((w) => reference(fresh, w)));
    expect(shapeStoreCounts().misses).toBe(WORDS.length);
    expect(readdirSync(dir).filter((f) => f.startsWith('words-'))).toHaveLength(1);
    expect(persistWordStores()).toBe(1);
    expect(readdirSync(dir).filter((f) => f.startsWith('words-'))).toHaveLength(2);
  });
});
