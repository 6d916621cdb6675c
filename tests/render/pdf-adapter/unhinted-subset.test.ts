/**
 * Unhinted font subsets (`src/render/pdf-adapter/unhinted-subset.ts`): fontkit's TrueType subset
 * (`createSubset`/`includeGlyph`/`encode`) rewritten without `fpgm`/`prep`/`cvt ` and glyph
 * instructions. Fails if fontkit's subset stops being what the rewrite expects, or if the rewrite
 * changes an outline, a metric or a glyph id.
 */
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { isTrueType, unhintedSubset } from '../../../src/render/pdf-adapter/unhinted-subset.js';

interface Subsetter {
  includeGlyph(id: number): number;
  encode(): Uint8Array;
}
interface DecodedGlyph {
  _decode(): { instructions?: number[]; numberOfContours: number } | null;
}

/** fontkit's subset of `text`'s glyphs in the font `key`. */
function subsetOf(key: string, text: string): Uint8Array {
  const font = sharedFontBook().font(key);
  const subset = (font as unknown as { createSubset(): Subsetter }).createSubset();
  for (const g of font.layout(text).glyphs) subset.includeGlyph(g.id);
  return subset.encode();
}

function open(bytes: Uint8Array): fontkit.Font {
  return fontkit.create(Buffer.from(bytes)) as fontkit.Font;
}

function tables(font: fontkit.Font): string[] {
  return Object.keys((font as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables);
}

function fileChecksum(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sum = 0;
  for (let i = 0; i + 4 <= bytes.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

describe('unhinted font subsets', () => {
  // "À" and "é" are composite glyphs in Noto Sans; Arabic brings marks and many simple glyphs
  for (const [key, text] of [
    ['sans-regular', 'Hello, unhinted subsets — À é ﬁ 0123'],
    ['sans-bold', 'Bold À'],
    ['arabic', 'مَرْحَبًا بكم'],
  ] as const) {
    it(`keeps every outline, metric and glyph id (${key})`, () => {
      const hinted = subsetOf(key, text);
      const before = open(hinted);
      expect(isTrueType(hinted)).toBe(true);
      expect(tables(before)).toEqual(expect.arrayContaining(['fpgm', 'prep', 'cvt ']));

      const bytes = unhintedSubset(hinted);
      expect(bytes.length).toBeLessThan(hinted.length);
      expect(fileChecksum(bytes)).toBe(0xb1b0afba);
      const after = open(bytes);
      expect(tables(after)).not.toEqual(expect.arrayContaining(['fpgm']));
      for (const t of ['fpgm', 'prep', 'cvt ']) expect(tables(after)).not.toContain(t);
      expect(after.numGlyphs).toBe(before.numGlyphs);
      let composites = 0;
      for (let id = 0; id < before.numGlyphs; id++) {
        const a = before.getGlyph(id);
        const b = after.getGlyph(id);
        expect(b.path.toSVG(), `glyph ${id}`).toBe(a.path.toSVG());
        expect(b.advanceWidth).toBe(a.advanceWidth);
        const decoded = (b as unknown as DecodedGlyph)._decode();
        if (decoded && decoded.numberOfContours < 0) composites++;
        if (decoded && decoded.numberOfContours >= 0) expect(decoded.instructions ?? []).toHaveLength(0);
      }
      if (key !== 'arabic') expect(composites).toBeGreaterThan(0);
    });
  }

  it('leaves CFF data alone and refuses what is not TrueType', () => {
    expect(isTrueType(new Uint8Array([1, 0, 4, 2, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe(false);
    expect(() => unhintedSubset(new Uint8Array(12))).toThrow(/TrueType/);
  });
});
