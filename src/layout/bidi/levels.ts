/**
 * The Unicode Bidirectional Algorithm (UAX #9, via `bidi-js`): embedding
 * levels per paragraph, and the visual reordering of a line's runs (rule L2).
 */
import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

/**
 * Whether `text` contains a right-to-left character (Hebrew, Arabic, Syriac, Thaana, N'Ko, …: U+0590–08FF,
 * FB1D–FDFF, FE70–FEFF, 10800–10FFF, 1E800–1EFFF). Tested per code unit (a regular expression over these ranges was
 * tested on every paragraph and line); the two supplementary ranges are a high surrogate D802–D803 or D83A–D83B
 * followed by a low one.
 */
export function hasRtl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x0590) continue;
    if (c <= 0x08ff || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) return true;
    if (c === 0xd802 || c === 0xd803 || c === 0xd83a || c === 0xd83b) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) return true;
    }
  }
  return false;
}

/**
 * Embedding levels of every UTF-16 code unit of a paragraph, with the given
 * base direction. All zero (no work) for left-to-right text with no RTL characters.
 */
export function paragraphLevels(text: string, direction: 'ltr' | 'rtl'): Uint8Array {
  if (direction === 'ltr' && !hasRtl(text)) return new Uint8Array(text.length);
  return bidi.getEmbeddingLevels(text, direction).levels;
}

/**
 * Visual order of runs on a line (rule L2): from the highest level down to the
 * lowest odd level, reverse every maximal sequence of runs at that level or higher.
 * Returns run indexes, leftmost first.
 */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, i) => i);
  if (!levels.some((l) => l % 2 === 1)) return order; // no right-to-left run: nothing is reversed
  const max = Math.max(...levels);
  const minOdd = Math.min(...levels.filter((l) => l % 2 === 1), Infinity);
  if (!Number.isFinite(minOdd)) return order;
  for (let level = max; level >= minOdd; level--) {
    let i = 0;
    while (i < order.length) {
      if (levels[order[i]!]! >= level) {
        let j = i;
        while (j + 1 < order.length && levels[order[j + 1]!]! >= level) j++;
        const reversed = order.slice(i, j + 1).reverse();
        order.splice(i, reversed.length, ...reversed);
        i = j + 1;
      } else i++;
    }
  }
  return order;
}

/** Replaces characters with their bidi mirror (`(` → `)`), for text at an odd level. */
export function mirrorText(text: string): string {
  let out = '';
  for (const ch of text) out += bidi.getMirroredCharacter(ch) ?? ch;
  return out;
}
