/**
 * The text layer: what a PDF reader gets back from drawn glyphs. PDFKit maps
 * each glyph to the code points fontkit shaped it from (ToUnicode); where the
 * glyph order differs from the character order (Indic pre-base vowels, reph,
 * Khmer/Myanmar reordering), the run is split at syllables and only the
 * syllables that would read back wrong carry an `/ActualText`.
 */
import type { Font } from 'fontkit';

/** A part of a run drawn with one `text()` call. */
export interface TextLayerSegment {
  /** Text handed to PDFKit (which shapes it). */
  readonly text: string;
  /** Logical text a reader should get back, when the glyphs map to something else. */
  readonly actualText?: string;
}

/** Characters whose runs never reorder glyphs against characters (Latin, Greek, Cyrillic, Armenian, CJK, kana, Hangul). */
const SIMPLE = /^[\u0000-\u058F\u1E00-\u1FFF\u2000-\u2BFF\u3000-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]*$/u;

/** Viramas and the Khmer/Myanmar subscript signs: a syllable continues after them. */
const JOINER = /[\u094D\u09CD\u0A4D\u0ACD\u0B4D\u0BCD\u0C4D\u0CCD\u0D4D\u0DCA\u1039\u103A\u17D2\u1A60\u200C\u200D]$/u;

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** What the glyphs of `text` read back as, in drawing order (left to right). */
export function glyphText(font: Font, text: string): string {
  let out = '';
  for (const g of font.layout(text).glyphs) out += String.fromCodePoint(...g.codePoints);
  return out;
}

/** Whether drawing `text` reads back as `text` (always for simple scripts). */
export function readsBack(font: Font, text: string): boolean {
  return SIMPLE.test(text) || glyphText(font, text) === text;
}

/** Orthographic syllables: grapheme clusters joined across viramas, coengs and ZWJ/ZWNJ. */
export function syllables(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    const last = out[out.length - 1];
    if (last !== undefined && (JOINER.test(last) || /^[\u200C\u200D]/u.test(segment))) out[out.length - 1] = last + segment;
    else out.push(segment);
  }
  return out;
}

/**
 * Splits a left-to-right run into segments so that every segment reads back
 * as its logical text: clean syllables are merged, a syllable whose glyphs
 * map to other text gets `actualText`.
 */
export function textLayerSegments(font: Font, text: string): TextLayerSegment[] {
  if (readsBack(font, text)) return [{ text }];
  const out: { text: string; actualText?: string }[] = [];
  for (const syl of syllables(text)) {
    const clean = readsBack(font, syl);
    const last = out[out.length - 1];
    if (clean && last && last.actualText === undefined) last.text += syl;
    else out.push(clean ? { text: syl } : { text: syl, actualText: syl });
  }
  return out;
}
