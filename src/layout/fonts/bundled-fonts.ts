/**
 * The bundled font files (`fonts/`), grouped by the scripts they draw. The
 * order of {@link SCRIPT_FONTS} is the fallback order after the primary face.
 */
import type { FontKey } from '../../types/paged.js';

/** One bundled font file. */
export interface FontSpec {
  readonly key: FontKey;
  readonly file: string;
  /** For collections (.ttc): the PostScript name of the face to use. */
  readonly postscriptName?: string;
}

/** Fonts of one script: a regular face and a bold one (optional: a script may ship regular only). */
export interface ScriptFontSpec {
  readonly script: string;
  readonly regular: FontSpec;
  readonly bold?: FontSpec;
}

/** Latin, Greek, Cyrillic and Vietnamese (the theme's primary faces), mono and symbols. */
export const LATIN_FONTS: readonly FontSpec[] = [
  { key: 'sans-regular', file: 'NotoSans-Regular.ttf' },
  { key: 'sans-bold', file: 'NotoSans-Bold.ttf' },
  { key: 'sans-italic', file: 'NotoSans-Italic.ttf' },
  { key: 'sans-bolditalic', file: 'NotoSans-BoldItalic.ttf' },
  { key: 'mono', file: 'NotoSansMono-Regular.ttf' },
  { key: 'symbols2', file: 'NotoSansSymbols2-Regular.ttf' },
  { key: 'symbols', file: 'NotoSansSymbols-Regular.ttf' },
];

function pair(script: string, base: string): ScriptFontSpec {
  return { script, regular: { key: script, file: `${base}-Regular.ttf` }, bold: { key: `${script}-bold`, file: `${base}-Bold.ttf` } };
}

/** Non-CJK script fonts, in fallback order. */
export const SCRIPT_FONTS: readonly ScriptFontSpec[] = [
  pair('arabic', 'NotoNaskhArabic'),
  pair('hebrew', 'NotoSansHebrew'),
  pair('devanagari', 'NotoSansDevanagari'),
  pair('bengali', 'NotoSansBengali'),
  pair('gurmukhi', 'NotoSansGurmukhi'),
  pair('gujarati', 'NotoSansGujarati'),
  pair('oriya', 'NotoSansOriya'),
  pair('tamil', 'NotoSansTamil'),
  pair('telugu', 'NotoSansTelugu'),
  pair('kannada', 'NotoSansKannada'),
  pair('malayalam', 'NotoSansMalayalam'),
  pair('sinhala', 'NotoSansSinhala'),
  pair('thai', 'NotoSansThai'),
  pair('lao', 'NotoSansLao'),
  pair('khmer', 'NotoSansKhmer'),
  pair('myanmar', 'NotoSansMyanmar'),
  pair('ethiopic', 'NotoSansEthiopic'),
  pair('armenian', 'NotoSansArmenian'),
  pair('georgian', 'NotoSansGeorgian'),
  pair('thaana', 'NotoSansThaana'),
];

/** Regional glyph forms of the CJK collection. */
export type CjkRegion = 'sc' | 'tc' | 'hk' | 'jp' | 'kr';

/** The CJK faces (one collection file per weight; the face chosen by region). */
export function cjkFonts(region: CjkRegion): ScriptFontSpec {
  return {
    script: `cjk-${region}`,
    regular: { key: `cjk-${region}`, file: 'NotoSansCJK-Regular.ttc', postscriptName: `NotoSansCJK${region}-Regular` },
    bold: { key: `cjk-${region}-bold`, file: 'NotoSansCJK-Bold.ttc', postscriptName: `NotoSansCJK${region}-Bold` },
  };
}

/** The CJK collection files (one per weight, every region's faces in each). */
export const CJK_COLLECTION_FILES: readonly string[] = [...new Set([cjkFonts('sc').regular.file, cjkFonts('sc').bold!.file])];

/** Scripts (ISO 15924) written with the CJK collections' glyphs. */
const CJK_SCRIPTS: ReadonlySet<string> = new Set(['Hani', 'Hans', 'Hant', 'Hang', 'Kore', 'Jpan', 'Kana', 'Hira']);

/** Whether `script` (an ISO 15924 code, as `batch/lanes.ts` gives a document's) is written with the CJK fonts. */
export function isCjkScript(script: string): boolean {
  return CJK_SCRIPTS.has(script);
}

/** Every CJK region bundled. */
export const CJK_REGIONS: readonly CjkRegion[] = ['sc', 'tc', 'hk', 'jp', 'kr'];

/**
 * The CJK glyph forms a language tag calls for: `zh-Hans`/`zh-CN` → sc,
 * `zh-Hant`/`zh-TW` → tc, `zh-HK` → hk, `ja` → jp, `ko` → kr; anything else → sc.
 */
export function cjkRegionFor(lang: string | undefined): CjkRegion {
  if (!lang) return 'sc';
  let region = regionCache.get(lang);
  if (!region) {
    region = computeRegion(lang);
    regionCache.set(lang, region);
  }
  return region;
}

const regionCache = new Map<string, CjkRegion>();

function computeRegion(lang: string): CjkRegion {
  let loc: Intl.Locale;
  try {
    loc = new Intl.Locale(lang);
  } catch {
    return 'sc';
  }
  if (loc.language === 'ja') return 'jp';
  if (loc.language === 'ko') return 'kr';
  if (loc.language !== 'zh' && loc.language !== 'yue') return 'sc';
  if (loc.region === 'HK' || loc.region === 'MO') return 'hk';
  const max = loc.maximize();
  return max.script === 'Hant' ? 'tc' : 'sc';
}
