/**
 * Readability formulas, each as its author defined it, on the prose of {@link extractProse}.
 *
 * | language | formula | kind |
 * | --- | --- | --- |
 * | en | Flesch–Kincaid grade = 0.39·(words/sentences) + 11.8·(syllables/words) − 15.59 | US grade |
 * | en | SMOG grade = 1.0430·√(polysyllables·30/sentences) + 3.1291 (polysyllable: 3+ syllables) | US grade |
 * | es | INFLESZ (Szigriszt-Pazos perspicuity) = 206.835 − 62.3·(syllables/words) − words/sentences | ease 0–100 |
 * | es | Fernández-Huerta (Law's corrected form) = 206.84 − 60·(syllables/words) − 1.02·(words/sentences) | ease 0–100 |
 * | fr | Kandel–Moles = 207 − 1.015·(words/sentences) − 73.6·(syllables/words) | ease 0–100 |
 * | de | Wiener Sachtextformel (1) = 0.1935·MS + 0.1672·SL + 0.1297·IW − 0.0327·ES − 0.875 | school grade |
 *
 * (MS: % words of 3+ syllables, SL: words per sentence, IW: % words over 6 letters, ES: % one-syllable words.)
 * Any other language has no validated formula here: it is reported as needing human review.
 */
import type { ProseSentence } from './prose.js';
import { countSyllables } from './syllables.js';

/** A formula's id. */
export type FormulaId = 'flesch-kincaid-grade' | 'smog' | 'inflesz' | 'fernandez-huerta' | 'kandel-moles' | 'wiener-sachtextformel';

/** One score. `grade`: higher is harder; `ease`: lower is harder. */
export interface FormulaScore {
  readonly formula: FormulaId;
  readonly name: string;
  readonly kind: 'grade' | 'ease';
  /** Rounded to one decimal. */
  readonly value: number;
  /** The formula's own scale band (e.g. INFLESZ "somewhat difficult"). */
  readonly band?: string;
}

/** Counts the formulas use. */
export interface TextCounts {
  readonly sentences: number;
  readonly words: number;
  readonly syllables: number;
  /** Words of 3 or more syllables. */
  readonly polysyllables: number;
  readonly monosyllables: number;
  /** Words of more than 6 letters. */
  readonly longWords: number;
}

/** The languages with formulas (primary subtags). */
export const SCORED_LANGUAGES: readonly string[] = ['en', 'es', 'fr', 'de'];

/** The primary language subtag, lower case (`pt-BR` → `pt`). */
export function primaryLang(lang: string): string {
  return lang.split('-')[0]!.toLowerCase();
}

/** Counts of `sentences` in `lang`; undefined when the language has no syllable counter. */
export function countText(sentences: readonly ProseSentence[], lang: string): TextCounts | undefined {
  const p = primaryLang(lang);
  if (!SCORED_LANGUAGES.includes(p)) return undefined;
  let words = 0;
  let syllables = 0;
  let polysyllables = 0;
  let monosyllables = 0;
  let longWords = 0;
  for (const s of sentences) {
    for (const w of s.words) {
      const n = countSyllables(w.text, p) ?? 1;
      words++;
      syllables += n;
      if (n >= 3) polysyllables++;
      if (n === 1) monosyllables++;
      if ([...w.text.replace(/[^\p{L}]/gu, '')].length > 6) longWords++;
    }
  }
  return { sentences: sentences.length, words, syllables, polysyllables, monosyllables, longWords };
}

const round = (x: number): number => Math.round(x * 10) / 10;

function band(value: number, bands: readonly (readonly [number, string])[]): string {
  return bands.find(([min]) => value >= min)?.[1] ?? bands[bands.length - 1]![1];
}

const INFLESZ_BANDS = [
  [80, 'very easy'],
  [65, 'fairly easy'],
  [55, 'normal'],
  [40, 'somewhat difficult'],
  [-Infinity, 'very difficult'],
] as const;
const FLESCH_BANDS = [
  [90, 'very easy'],
  [80, 'easy'],
  [70, 'fairly easy'],
  [60, 'standard'],
  [50, 'fairly difficult'],
  [30, 'difficult'],
  [-Infinity, 'very difficult'],
] as const;

/** The scores of `counts` in `lang` (empty for a language without formulas or text without words). */
export function scoreCounts(c: TextCounts, lang: string): FormulaScore[] {
  if (c.words === 0 || c.sentences === 0) return [];
  const wps = c.words / c.sentences;
  const spw = c.syllables / c.words;
  switch (primaryLang(lang)) {
    case 'en':
      return [
        { formula: 'flesch-kincaid-grade', name: 'Flesch–Kincaid grade', kind: 'grade', value: round(0.39 * wps + 11.8 * spw - 15.59) },
        {
          formula: 'smog',
          name: 'SMOG grade',
          kind: 'grade',
          value: round(1.043 * Math.sqrt((c.polysyllables * 30) / c.sentences) + 3.1291),
        },
      ];
    case 'es': {
      const inflesz = 206.835 - 62.3 * spw - wps;
      const fh = 206.84 - 60 * spw - 1.02 * wps;
      return [
        { formula: 'inflesz', name: 'INFLESZ', kind: 'ease', value: round(inflesz), band: band(inflesz, INFLESZ_BANDS) },
        { formula: 'fernandez-huerta', name: 'Fernández-Huerta', kind: 'ease', value: round(fh), band: band(fh, FLESCH_BANDS) },
      ];
    }
    case 'fr': {
      const km = 207 - 1.015 * wps - 73.6 * spw;
      return [{ formula: 'kandel-moles', name: 'Kandel–Moles', kind: 'ease', value: round(km), band: band(km, FLESCH_BANDS) }];
    }
    case 'de': {
      const pct = (n: number): number => (100 * n) / c.words;
      const w = 0.1935 * pct(c.polysyllables) + 0.1672 * wps + 0.1297 * pct(c.longWords) - 0.0327 * pct(c.monosyllables) - 0.875;
      return [{ formula: 'wiener-sachtextformel', name: 'Wiener Sachtextformel', kind: 'grade', value: round(w) }];
    }
    default:
      return [];
  }
}

/** How hard one sentence is, larger is harder: its grade, or 100 − its ease; its word count without a formula. */
export function sentenceDifficulty(s: ProseSentence, lang: string): number {
  const c = countText([s], lang);
  const first = c ? scoreCounts(c, lang)[0] : undefined;
  if (!first) return s.words.length;
  return first.kind === 'grade' ? first.value : 100 - first.value;
}
