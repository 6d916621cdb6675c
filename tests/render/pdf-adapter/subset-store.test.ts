/**
 * Font subsets kept across processes (`src/render/pdf-adapter/subset-store.ts`): a kept subset is given back only for
 * the same font and glyph list and only intact, and using one leaves fontkit's font as encoding it would have. That
 * whole documents keep their bytes with the store filling and read is `tests/perf/word-stores-identity.test.ts`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { afterEach, describe, expect, it } from 'vitest';
import { disableWordStores, enableWordStores } from '../../../src/layout/word-store.js';
import { replayGlyphLookups, storeSubset, storedSubset, type StoredSubset } from '../../../src/render/pdf-adapter/subset-store.js';
import { tempDir } from '../../helpers/cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fontFile = path.join(root, 'fonts/NotoSans-Regular.ttf');

interface FontInternals {
  _glyphs: Record<number, { codePoints: number[] } | undefined>;
  createSubset(): { glyphs: number[]; mapping: Record<number, number>; includeGlyph(id: number): number; encode(): Uint8Array };
  glyphForCodePoint(cp: number): { id: number };
}

/** A new fontkit font object of Noto Sans (its own glyph cache), as a new process opens it. */
const freshFont = (): FontInternals => fontkit.openSync(fontFile) as unknown as FontInternals;

const sample: StoredSubset = {
  bytes: Buffer.from('the encoded subset'),
  deflated: Buffer.from('the same, compressed'),
  glyphs: [0, 43, 36, 3],
  mapping: { 0: 0, 43: 1, 36: 2, 3: 3 },
};

/** The ids of the font's glyph objects, with the code points each has. */
const glyphState = (font: FontInternals): string[] =>
  Object.entries(font._glyphs).map(([id, g]) => `${id}:${g ? g.codePoints.join('+') : '-'}`);

afterEach(() => disableWordStores());

describe('subset store', () => {
  it('keeps and gives back nothing while the word stores are off', () => {
    const dir = tempDir('subset-store-off-');
    const font = freshFont();
    storeSubset(font, '0,43,36', sample);
    expect(storedSubset(font, '0,43,36')).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('gives back a kept subset for the same font and glyph list only', () => {
    const dir = tempDir('subset-store-');
    enableWordStores({ dir, key: 'subset-test' });
    const font = freshFont();
    storeSubset(font, '0,43,36', sample);
    const files = readdirSync(dir).filter((f) => f.startsWith('subset-'));
    expect(files).toHaveLength(1);
    const got = storedSubset(freshFont(), '0,43,36'); // another font object of the same file, as another process has
    expect(got && Buffer.compare(got.bytes, sample.bytes)).toBe(0);
    expect(got && Buffer.compare(got.deflated, sample.deflated)).toBe(0);
    expect(got?.glyphs).toEqual(sample.glyphs);
    expect(got?.mapping).toEqual(sample.mapping);
    expect(storedSubset(font, '0,36,43')).toBeUndefined(); // another order is another subset
    expect(storedSubset(fontkit.openSync(path.join(root, 'fonts/NotoSans-Bold.ttf')), '0,43,36')).toBeUndefined();
    enableWordStores({ dir, key: 'other-code' });
    expect(storedSubset(font, '0,43,36')).toBeUndefined();
  });

  it('ignores a file changed, cut short, or holding another list', () => {
    const dir = tempDir('subset-store-bad-');
    enableWordStores({ dir, key: 'subset-test' });
    const font = freshFont();
    storeSubset(font, '0,43,36', sample);
    const file = path.join(
      dir,
      readdirSync(dir).find((f) => f.startsWith('subset-'))!,
    );
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 3) ^ 1, flipped.length - 3);
    writeFileSync(file, flipped, { mode: 0o600 });
    expect(storedSubset(font, '0,43,36')).toBeUndefined();
    writeFileSync(file, good.subarray(0, good.length - 1), { mode: 0o600 });
    expect(storedSubset(font, '0,43,36')).toBeUndefined();
    writeFileSync(file, Buffer.from(good.toString('latin1').replace('"list":"0,43,36"', '"list":"0,43,37"'), 'latin1'), {
      mode: 0o600,
    });
    expect(storedSubset(font, '0,43,36')).toBeUndefined();
    writeFileSync(file, good, { mode: 0o600 });
    expect(storedSubset(font, '0,43,36')?.glyphs).toEqual(sample.glyphs);
  });

  it('leaves the font as encoding the subset would (the glyph objects of composite components)', () => {
    // "À" is a composite glyph in Noto Sans: encoding adds its components to the subset and makes their glyph objects
    const shape = (font: FontInternals): number[] => [...'HÀ'].map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id);
    const encoded = freshFont();
    const subset = encoded.createSubset();
    for (const id of shape(encoded)) subset.includeGlyph(id);
    subset.encode();
    expect(subset.glyphs.length).toBeGreaterThan(3); // .notdef, H, À and its components

    const replayed = freshFont();
    shape(replayed);
    const before = glyphState(replayed);
    replayGlyphLookups(replayed, subset.glyphs);
    expect(glyphState(replayed)).toEqual(glyphState(encoded));
    expect(before).not.toEqual(glyphState(encoded)); // (so the lookups are what makes them agree)
  });
});
