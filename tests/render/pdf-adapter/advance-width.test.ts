/** Guard: a glyph's advance read from `hmtx` as fontkit reads it, without fontkit's other metrics (`advance-width.ts`). */
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { bundledFontsDir } from '../../../src/layout/fonts/fonts-dir.js';
import { advanceWidthOf } from '../../../src/render/pdf-adapter/advance-width.js';

type Glyph = { readonly id: number; readonly advanceWidth: number; readonly _metrics?: unknown };
type Font = { readonly numGlyphs: number; getGlyph(id: number): Glyph };

function open(file: string, face?: string): Font {
  return fontkit.openSync(path.join(bundledFontsDir(), file), face) as unknown as Font;
}

describe('advanceWidthOf', () => {
  it.each([
    ['NotoSans-Regular.ttf', undefined],
    ['NotoSansThai-Bold.ttf', undefined],
    ['NotoSansCJK-Regular.ttc', 'NotoSansCJKkr-Regular'],
  ])('%s: the advance fontkit gives, for glyphs past the last full metric too, without its other metrics', (file, face) => {
    const lazy = open(file, face);
    const eager = open(file, face);
    const ids = Array.from({ length: 400 }, (_, i) => Math.floor((i * (lazy.numGlyphs - 1)) / 399));
    for (const id of ids) {
      const glyph = lazy.getGlyph(id);
      expect(advanceWidthOf(glyph)).toBe(eager.getGlyph(id).advanceWidth);
      expect(glyph._metrics).toBeFalsy(); // nothing else worked out (no bounding box decoded)
    }
  });

  it('answers from the metrics fontkit has already worked out, and from the getter for anything else', () => {
    const font = open('NotoSans-Regular.ttf');
    const glyph = font.getGlyph(36);
    const width = glyph.advanceWidth; // fills in the metrics
    expect(advanceWidthOf(glyph)).toBe(width);
    expect(advanceWidthOf({ advanceWidth: 512 })).toBe(512);
  });
});
