/**
 * A bundled font's coverage for its stamp (`font-stamps.ts`): the code points it has a glyph for, worked out with
 * fontkit when the package is built (`scripts/stamp-assets.mjs`).
 */
import * as fontkit from 'fontkit';

/**
 * The code points the single font in `file` has a glyph for (`hasGlyphForCodePoint`), as sorted, flattened
 * `[first, last]` pairs; undefined for a collection or a font whose character map fontkit cannot list.
 */
export function fontCoverage(file: string): number[] | undefined {
  let font: fontkit.Font;
  let codePoints: number[];
  try {
    const opened = fontkit.openSync(file);
    if (!('layout' in opened)) return undefined;
    font = opened;
    // the character map's code points (all it maps, a glyph or none): a superset of those with a glyph
    codePoints = [...new Set(font.characterSet)].sort((a, b) => a - b);
  } catch {
    return undefined;
  }
  const ranges: number[] = [];
  for (const cp of codePoints) {
    if (!font.hasGlyphForCodePoint(cp)) continue;
    if (ranges.length > 0 && ranges[ranges.length - 1] === cp - 1) ranges[ranges.length - 1] = cp;
    else ranges.push(cp, cp);
  }
  return ranges;
}
