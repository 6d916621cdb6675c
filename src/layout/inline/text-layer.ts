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

/**
 * Whether every character of `text` is of a script whose runs never reorder glyphs against characters (Latin, Greek,
 * Cyrillic, Armenian, CJK, kana, Hangul): U+0000–058F, 1E00–1FFF, 2000–2BFF, 3000–9FFF, AC00–D7AF, F900–FAFF,
 * FF00–FFEF. Tested per code unit (a surrogate is in none of the ranges, so text beyond the BMP is not simple);
 * a regular expression over these ranges was about 1% of a warm build.
 */
export function isSimpleText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x058f) continue;
    if (c < 0x1e00) return false;
    if (c <= 0x2bff || (c >= 0x3000 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)) continue;
    if (c >= 0xff00 && c <= 0xffef) continue;
    return false;
  }
  return true;
}

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
  return isSimpleText(text) || glyphText(font, text) === text;
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
