/**
 * The Unicode Bidirectional Algorithm (UAX #9, via `bidi-js`): embedding
 * levels per paragraph, and the visual reordering of a line's runs (rule L2).
 */
import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

/** Right-to-left strong characters (Hebrew, Arabic, Syriac, Thaana, N'Ko, …). */
const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Whether `text` contains a right-to-left character. */
export function hasRtl(text: string): boolean {
  return RTL_CHAR.test(text);
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
  if (levels.length === 0) return order;
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
