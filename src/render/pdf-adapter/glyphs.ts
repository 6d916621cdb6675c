/**
 * A patch of fontkit's `getGlyph` (fontkit 2: `font.getGlyph(id, codePoints)`, caching one Glyph
 * per id). Guarded by `tests/render/pdf-adapter/glyphs.test.ts`.
 */
import type { Font } from 'fontkit';

type GetGlyph = (id: number, codePoints?: number[]) => { codePoints: number[] } | null;

/**
 * fontkit caches one Glyph per id with the code points it was first created
 * with; a glyph first created by a PDF subset (no code points) would then
 * reach the next document's ToUnicode map as nothing. Shared fonts therefore
 * fill in the code points a later shaping call knows.
 * @throws Error when fontkit no longer has `getGlyph`.
 */
export function keepCodePoints(font: Font): void {
  const target = font as unknown as { getGlyph?: GetGlyph };
  if (typeof target.getGlyph !== 'function') throw new Error('handoutkit: fontkit getGlyph changed');
  const original = target.getGlyph.bind(font);
  target.getGlyph = (id, codePoints = []) => {
    const glyph = original(id, codePoints);
    if (glyph && glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
}
