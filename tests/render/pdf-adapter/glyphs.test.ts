/** Guard: fontkit's `getGlyph(id, codePoints)` glyph cache, patched by `pdf-adapter/glyphs.ts`. */
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { bundledFontsDir } from '../../../src/layout/fonts/font-book.js';
import { keepCodePoints } from '../../../src/render/pdf-adapter/index.js';

type Glyphs = { getGlyph(id: number, codePoints?: number[]): { id: number; codePoints: number[] } };

function open(): fontkit.Font & Glyphs {
  return fontkit.openSync(path.join(bundledFontsDir(), 'NotoSans-Regular.ttf')) as unknown as fontkit.Font & Glyphs;
}

describe('pdf-adapter fontkit glyphs', () => {
  it('fontkit still caches the first code points of a glyph (the reason for the patch)', () => {
    const font = open();
    const id = font.glyphForCodePoint(0x41).id;
    const fresh = open();
    expect(fresh.getGlyph(id).codePoints).toEqual([]);
    expect(fresh.getGlyph(id, [0x41]).codePoints).toEqual([]); // unpatched: stays empty
  });

  it('fills in the code points a later call knows', () => {
    const font = open();
    keepCodePoints(font);
    const id = font.glyphForCodePoint(0x41).id;
    const fresh = open();
    keepCodePoints(fresh);
    expect(fresh.getGlyph(id).codePoints).toEqual([]);
    expect(fresh.getGlyph(id, [0x41]).codePoints).toEqual([0x41]);
  });
});
