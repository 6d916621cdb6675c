/**
 * Language-aware hyphenation points for single words, from the TeX patterns of
 * the `hyphen` package. Patterns are loaded lazily (one language's file is up
 * to ~750 kB) and results are cached per word and language; when the word stores are on (the build workers), also
 * across processes (`word-store.ts`, keyed by the pattern files' bytes), so a cold build loads no patterns for words
 * it has met before.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { WordStore, wordStoresEnabled } from './word-store.js';

/** The synchronous hyphenator of one `hyphen/<lang>` module. */
type HyphenateSync = (text: string, options?: { readonly hyphenChar?: string; readonly minWordLength?: number }) => string;

/** A pattern set of the `hyphen` package with the minimum fragment lengths to use with it. */
interface PatternSet {
  /** Module name under `hyphen/`. */
  readonly module: string;
  /** Minimum letters before a hyphen (TeX \lefthyphenmin). */
  readonly left: number;
  /** Minimum letters after a hyphen (TeX \righthyphenmin). */
  readonly right: number;
}

const SOFT_HYPHEN = '\u00AD';
/** Words (counted in letters) shorter than this are never hyphenated. */
const MIN_WORD_LETTERS = 5;
/** Letter runs longer than this are not words (e.g. a pasted hash); never hyphenated (pattern matching is superlinear in length). */
const MAX_WORD_LETTERS = 100;
/** Upper bound of cached words before the cache is cleared. */
const CACHE_LIMIT = 50_000;

/** Primary language → pattern set (minimums after TeX's hyph-utf8 / babel defaults). */
const BY_PRIMARY: Readonly<Record<string, PatternSet>> = {
  en: { module: 'en-us', left: 2, right: 3 },
  es: { module: 'es', left: 2, right: 2 },
  fr: { module: 'fr', left: 2, right: 3 },
  de: { module: 'de-1996', left: 2, right: 2 },
  pt: { module: 'pt', left: 2, right: 3 },
  it: { module: 'it', left: 2, right: 2 },
  ru: { module: 'ru', left: 2, right: 2 },
  pl: { module: 'pl', left: 2, right: 2 },
  nl: { module: 'nl', left: 2, right: 2 },
  ca: { module: 'ca', left: 2, right: 2 },
  cs: { module: 'cs', left: 2, right: 3 },
  da: { module: 'da', left: 2, right: 2 },
  fi: { module: 'fi', left: 2, right: 2 },
  hu: { module: 'hu', left: 2, right: 2 },
  nb: { module: 'nb', left: 2, right: 2 },
  nn: { module: 'nn', left: 2, right: 2 },
  no: { module: 'no', left: 2, right: 2 },
  ro: { module: 'ro', left: 2, right: 2 },
  sk: { module: 'sk', left: 2, right: 3 },
  sl: { module: 'sl', left: 2, right: 2 },
  sv: { module: 'sv', left: 2, right: 2 },
  tr: { module: 'tr', left: 2, right: 2 },
  uk: { module: 'uk', left: 2, right: 2 },
};

/** English regions that follow British hyphenation. */
const BRITISH_REGIONS = new Set(['gb', 'uk', 'au', 'nz', 'ie', 'za', 'in']);

/** Languages we have patterns for, as BCP-47 primary tags (at least en, es, fr, de, pt, it, ru, pl, nl). */
export const HYPHENATION_LANGUAGES: readonly string[] = Object.freeze(Object.keys(BY_PRIMARY));

/** Pattern sets by BCP-47 tag as written (looked up once per word, so the tag is not re-parsed each time). */
const setsByTag = new Map<string, PatternSet | undefined>();

function patternSetFor(lang: string): PatternSet | undefined {
  if (setsByTag.has(lang)) return setsByTag.get(lang);
  const set = computePatternSet(lang);
  if (setsByTag.size >= 256) setsByTag.clear();
  setsByTag.set(lang, set);
  return set;
}

function computePatternSet(lang: string): PatternSet | undefined {
  const parts = lang.trim().toLowerCase().replace(/_/g, '-').split('-');
  const primary = parts[0] ?? '';
  const base = Object.prototype.hasOwnProperty.call(BY_PRIMARY, primary) ? BY_PRIMARY[primary] : undefined;
  if (!base) return undefined;
  const subtags = parts.slice(1);
  if (primary === 'en' && subtags.some((t) => BRITISH_REGIONS.has(t))) return { ...base, module: 'en-gb' };
  if (primary === 'de' && subtags.includes('1901')) return { ...base, module: subtags.includes('ch') ? 'de-ch-1901' : 'de-1901' };
  return base;
}

/**
 * The `hyphen` pattern set used for a BCP-47 tag (e.g. `en-GB` → `en-gb`, `de-CH` → `de-1996`,
 * `pt-BR` → `pt`), or undefined when the language is not supported.
 */
export function hyphenationPatternsFor(lang: string): string | undefined {
  return patternSetFor(lang)?.module;
}

const requireCjs = createRequire(import.meta.url);
const loaded = new Map<string, HyphenateSync | null>();
/** Points by pattern module, then word (no key string built per lookup); cleared when it holds {@link CACHE_LIMIT} words. */
const cache = new Map<string, Map<string, readonly number[]>>();
let cachedWords = 0;

function hyphenator(module: string): HyphenateSync | null {
  let fn = loaded.get(module);
  if (fn === undefined) {
    try {
      const mod = requireCjs(`hyphen/${module}`) as { hyphenateSync?: unknown };
      fn = typeof mod.hyphenateSync === 'function' ? (mod.hyphenateSync as HyphenateSync) : null;
    } catch {
      fn = null;
    }
    loaded.set(module, fn);
  }
  return fn;
}

/** The stores of points by pattern set (undefined: the pattern files could not be read; no store). */
const stores = new Map<string, WordStore<readonly number[]> | undefined>();

const isPoints = (x: unknown): x is readonly number[] => Array.isArray(x) && x.every((p) => Number.isInteger(p) && p > 0);

/** The store for `set`, named by the bytes of the `hyphen` code and patterns it uses, or undefined. */
function storeFor(set: PatternSet): WordStore<readonly number[]> | undefined {
  const id = `${set.module}:${set.left}:${set.right}`;
  let store = stores.get(id);
  if (!stores.has(id) || store?.stale) {
    try {
      const entry = requireCjs.resolve(`hyphen/${set.module}`);
      const root = path.dirname(path.dirname(entry));
      const files = [
        entry,
        path.join(root, 'export-contract.js'),
        path.join(root, 'hyphen.js'),
        path.join(root, 'patterns', `${set.module}.js`),
      ];
      store = new WordStore(['hyphens', set.module, `${set.left},${set.right}`, ...files.map((f) => readFileSync(f))], isPoints);
    } catch {
      store = undefined;
    }
    stores.set(id, store);
  }
  return store;
}

/** Points from the store when it has them for `word` (and they fit it), else computed and stored. */
function storedPoints(word: string, set: PatternSet): readonly number[] {
  const store = storeFor(set);
  const kept = store?.get(word);
  if (kept && kept.every((p, i) => p < word.length && (i === 0 || p > kept[i - 1]!))) return kept;
  const points = computePoints(word, set);
  store?.set(word, points);
  return points;
}

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const DIGIT = /\p{Nd}/u;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/|^(?:mailto|tel):|^www\.|[@/\\]/i;
/** Letter runs (letters and combining marks); anything else separates word parts. */
const LETTER_RUN = /[\p{L}\p{M}]+/gu;

function isAllCaps(word: string): boolean {
  let letters = 0;
  for (const ch of word) {
    if (!LETTER.test(ch)) continue;
    letters++;
    if (ch === ch.toLowerCase() || ch !== ch.toUpperCase()) return false;
  }
  return letters >= 2;
}

function letterCount(word: string): number {
  let n = 0;
  for (const ch of word) if (LETTER.test(ch)) n++;
  return n;
}

function computePoints(word: string, set: PatternSet): number[] {
  if (DIGIT.test(word) || URL_LIKE.test(word) || isAllCaps(word) || letterCount(word) < MIN_WORD_LETTERS) return [];
  const hyphenate = hyphenator(set.module);
  if (!hyphenate) return [];
  const points: number[] = [];
  for (const m of word.matchAll(LETTER_RUN)) {
    const run = m[0];
    const runStart = m.index;
    if (run.length < MIN_WORD_LETTERS || run.length > MAX_WORD_LETTERS) continue;
    const marked = hyphenate(run, { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD_LETTERS });
    let offset = 0;
    for (let i = 0; i < marked.length; i++) {
      if (marked[i] !== SOFT_HYPHEN) {
        offset++;
        continue;
      }
      if (offset < set.left || run.length - offset < set.right) continue;
      const at = runStart + offset;
      const next = word.charCodeAt(at);
      // Never split a surrogate pair or detach a combining mark.
      if (next >= 0xdc00 && next <= 0xdfff) continue;
      if (MARK.test(word[at] ?? '')) continue;
      points.push(at);
    }
  }
  return points;
}

/**
 * Offsets (code unit indices inside `word`) where a hyphen may be inserted: the line then
 * ends with `word.slice(0, i) + '-'` and the next starts with `word.slice(i)`.
 * Returns [] for unsupported languages, short words (< 5 letters), words with digits, URLs
 * and e-mail addresses, and ALL-CAPS acronyms; keeps the language's minimum number of
 * letters before and after each hyphen (counted within each letter run, so `dosage-related`
 * is hyphenated per part).
 *
 * Soft hyphens (U+00AD) already in the word are authoritative: if there are any, the result
 * is exactly the indices of those characters (except at the very start or end), in any
 * language. The caller removes soft hyphens before drawing.
 *
 * @param word one word as it appears in the text (may include punctuation)
 * @param lang BCP-47 tag, e.g. `en-US`, `pt-BR`, `de-CH`
 */
export function hyphenationPoints(word: string, lang: string): number[] {
  return hyphenationPointsShared(word, lang).slice();
}

const NONE: readonly number[] = Object.freeze([]);

/** {@link hyphenationPoints} without the copy: the returned array is shared (frozen), so never change it. */
export function hyphenationPointsShared(word: string, lang: string): readonly number[] {
  if (word.includes(SOFT_HYPHEN)) {
    const points: number[] = [];
    for (let i = 1; i < word.length - 1; i++) if (word[i] === SOFT_HYPHEN) points.push(i);
    return points;
  }
  const set = patternSetFor(lang);
  if (!set) return NONE;
  let byWord = cache.get(set.module);
  let points = byWord?.get(word);
  if (points === undefined) {
    points = Object.freeze(wordStoresEnabled() ? [...storedPoints(word, set)] : computePoints(word, set));
    if (cachedWords >= CACHE_LIMIT) {
      cache.clear();
      cachedWords = 0;
      byWord = undefined;
    }
    if (!byWord) {
      byWord = new Map();
      cache.set(set.module, byWord);
    }
    byWord.set(word, points);
    cachedWords++;
  }
  return points;
}
