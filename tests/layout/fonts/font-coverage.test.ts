/** A bundled font's coverage as stamped at build: exactly the code points fontkit says it has a glyph for. */
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontCoverage } from '../../../src/layout/fonts/font-coverage.js';
import { bundledFontsDir } from '../../../src/layout/fonts/fonts-dir.js';
import { inCoverage } from '../../../src/layout/fonts/font-stamps.js';

describe('font coverage', () => {
  it.each(['NotoSansThai-Regular.ttf', 'NotoSansArmenian-Bold.ttf', 'NotoSansSymbols2-Regular.ttf', 'NotoSans-Regular.ttf'])(
    '%s: the stamped ranges answer as hasGlyphForCodePoint does, for every code point of planes 0 and 1',
    (name) => {
      const file = path.join(bundledFontsDir(), name);
      const ranges = fontCoverage(file)!;
      expect(ranges.length).toBeGreaterThan(0);
      expect(ranges.length % 2).toBe(0);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]!).toBeGreaterThanOrEqual(ranges[i - 1]!);
      const font = fontkit.openSync(file) as fontkit.Font;
      const wrong: number[] = [];
      for (let cp = 0; cp < 0x20000; cp++) if (inCoverage(ranges, cp) !== font.hasGlyphForCodePoint(cp)) wrong.push(cp);
      expect(wrong).toEqual([]);
    },
  );

  it('gives none for a collection (its faces differ) or a file that is not a font', () => {
    expect(fontCoverage(path.join(bundledFontsDir(), 'NotoSansCJK-Regular.ttc'))).toBeUndefined();
    expect(fontCoverage(path.join(bundledFontsDir(), 'OFL.txt'))).toBeUndefined();
  });

  it('finds a code point in sorted ranges', () => {
    const ranges = [0x20, 0x7e, 0xa0, 0xa0, 0x100, 0x17f];
    for (const cp of [0x20, 0x41, 0x7e, 0xa0, 0x100, 0x17f]) expect(inCoverage(ranges, cp)).toBe(true);
    for (const cp of [0, 0x1f, 0x7f, 0x9f, 0xa1, 0xff, 0x180]) expect(inCoverage(ranges, cp)).toBe(false);
    expect(inCoverage([], 0x41)).toBe(false);
  });
});
