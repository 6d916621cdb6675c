import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { HYPHENATION_LANGUAGES, hyphenationPatternsFor, hyphenationPoints } from '../../src/layout/hyphenate.js';

/** Renders the points as hyphens, e.g. "hy-phen-ation". */
function show(word: string, lang: string): string {
  let out = '';
  let last = 0;
  for (const i of hyphenationPoints(word, lang)) {
    out += `${word.slice(last, i)}-`;
    last = i;
  }
  return out + word.slice(last);
}

describe('hyphenationPoints', () => {
  it.each([
    ['en', 'hyphenation', 'hy-phen-ation'],
    ['en-US', 'information', 'in-for-ma-tion'],
    ['es', 'medicamento', 'me-di-ca-men-to'],
    ['fr', 'information', 'in-for-ma-tion'],
    ['de', 'Silbentrennung', 'Sil-ben-tren-nung'],
    ['pt-BR', 'medicamento', 'me-di-ca-mento'],
    ['it', 'trattamento', 'trat-ta-men-to'],
    ['ru', 'электричество', 'элек-три-че-ство'],
    ['pl', 'znieczulenie', 'znie-czu-le-nie'],
    ['nl', 'ziekenhuis', 'zie-ken-huis'],
  ])('%s: %s → %s', (lang, word, expected) => {
    expect(show(word, lang)).toBe(expected);
  });

  it('returns code unit offsets inside the word', () => {
    expect(hyphenationPoints('hyphenation', 'en')).toEqual([2, 6]);
  });

  it('keeps the language minimum before and after a hyphen', () => {
    // English keeps 3 letters after a hyphen: no "informati-on"-style split at the end.
    for (const word of ['information', 'anaesthesia', 'medication', 'appointment']) {
      for (const p of hyphenationPoints(word, 'en')) {
        expect(p).toBeGreaterThanOrEqual(2);
        expect(word.length - p).toBeGreaterThanOrEqual(3);
      }
    }
    // Spanish allows 2 letters after a hyphen ("me-di-ca-men-to").
    expect(hyphenationPoints('medicamento', 'es')).toContain(9);
    // Portuguese keeps 3 ("me-di-ca-mento", not "-to").
    expect(hyphenationPoints('medicamento', 'pt')).not.toContain(9);
  });

  it('handles punctuation around and inside words', () => {
    expect(show('session,', 'en')).toBe('ses-sion,');
    expect(show('l’anesthésie', 'fr')).toBe('l’anes-thé-sie');
    // Each part of a hyphenated compound keeps its own minimums.
    for (const p of hyphenationPoints('dosage-related', 'en')) expect(p).toBeGreaterThan(8);
  });

  it('maps regional tags sensibly', () => {
    expect(hyphenationPatternsFor('en-GB')).toBe('en-gb');
    expect(hyphenationPatternsFor('en_AU')).toBe('en-gb');
    expect(hyphenationPatternsFor('en-US')).toBe('en-us');
    expect(hyphenationPatternsFor('EN')).toBe('en-us');
    expect(hyphenationPatternsFor('de-CH')).toBe('de-1996');
    expect(hyphenationPatternsFor('de-AT')).toBe('de-1996');
    expect(hyphenationPatternsFor('de-CH-1901')).toBe('de-ch-1901');
    expect(hyphenationPatternsFor('pt-PT')).toBe('pt');
    expect(hyphenationPatternsFor('es-419')).toBe('es');
    expect(hyphenationPatternsFor('xx')).toBeUndefined();
    expect(hyphenationPatternsFor('')).toBeUndefined();
    expect(hyphenationPatternsFor('constructor')).toBeUndefined();
    expect(show('Behandlung', 'de-CH')).toBe('Be-hand-lung');
    expect(show('anaesthesia', 'en-GB')).toBe('an-aes-thesia');
  });

  it('returns [] for unsupported languages', () => {
    expect(hyphenationPoints('hyphenation', 'xx')).toEqual([]);
    expect(hyphenationPoints('hyphenation', 'ja')).toEqual([]);
    expect(hyphenationPoints('hyphenation', '')).toEqual([]);
  });

  it('returns [] for short words, digits, URLs, e-mail addresses and acronyms', () => {
    expect(hyphenationPoints('data', 'en')).toEqual([]);
    expect(hyphenationPoints('covid19vaccine', 'en')).toEqual([]);
    expect(hyphenationPoints('https://example.com/information', 'en')).toEqual([]);
    expect(hyphenationPoints('www.information.org', 'en')).toEqual([]);
    expect(hyphenationPoints('information@clinic.org', 'en')).toEqual([]);
    expect(hyphenationPoints('UNESCO', 'en')).toEqual([]);
    expect(hyphenationPoints('ÜBERWEISUNG', 'de')).toEqual([]);
    // Not acronyms: capitalised words are hyphenated.
    expect(hyphenationPoints('Information', 'en')).toEqual([2, 5, 7]);
  });

  it('treats soft hyphens as authoritative, in any language', () => {
    const word = 'hy\u00ADphen\u00ADation';
    expect(hyphenationPoints(word, 'en')).toEqual([2, 7]);
    expect(hyphenationPoints('ke\u00ADtamine', 'en')).toEqual([2]);
    expect(hyphenationPoints('über\u00ADall', 'xx')).toEqual([4]);
    // Only interior soft hyphens count.
    expect(hyphenationPoints('\u00ADword\u00AD', 'en')).toEqual([]);
  });

  it('supports every listed language', () => {
    for (const core of ['en', 'es', 'fr', 'de', 'pt', 'it', 'ru', 'pl', 'nl']) expect(HYPHENATION_LANGUAGES).toContain(core);
    for (const lang of HYPHENATION_LANGUAGES) {
      expect(hyphenationPatternsFor(lang)).toBeDefined();
      expect(Array.isArray(hyphenationPoints('abcdefghij', lang))).toBe(true);
    }
  });

  it('returns a fresh array each time (cache is not exposed)', () => {
    const first = hyphenationPoints('information', 'en');
    first.push(99);
    expect(hyphenationPoints('information', 'en')).toEqual([2, 5, 7]);
  });

  it('is fast on repeated words', () => {
    const words = 'the patient should remain comfortable during the treatment session afterwards'.split(' ');
    for (let i = 0; i < 20_000; i++) hyphenationPoints(words[i % words.length] as string, 'en');
    expect(hyphenationPoints('comfortable', 'en').length).toBeGreaterThan(0);
  });
});

describe('hyphenation points kept across processes (word stores on)', () => {
  const words = ['hyphenation', 'information', 'comfortable', 'treatment', 'ketamine'];

  /** Fresh modules (a new process) with the word stores on in `dir`: the points of `words`, and the files written. */
  async function pass(dir: string, lang = 'en'): Promise<{ points: number[][]; written: number }> {
    vi.resetModules();
    const stores = await import('../../src/layout/word-store.js');
    const { hyphenationPoints: points } = await import('../../src/layout/hyphenate.js');
    stores.enableWordStores({ dir, key: 'test' });
    const out = words.map((w) => points(w, lang));
    const written = stores.persistWordStores();
    stores.disableWordStores();
    return { points: out, written };
  }

  it('gives the computed points, reads them back, and recomputes stored points that do not fit the word', async () => {
    const dir = path.join(tempDir('hyphen-store-'), 'cache');
    const want = words.map((w) => hyphenationPoints(w, 'en'));
    const first = await pass(dir);
    expect(first).toEqual({ points: want, written: 1 });
    expect(await pass(dir)).toEqual({ points: want, written: 0 });
    const [name] = readdirSync(dir).filter((f) => f.startsWith('words-'));
    const file = path.join(dir, name!);
    const lines = readFileSync(file, 'utf8').split('\n');
    // what is read is used (a stored answer, here changed on purpose) unless it cannot be one for the word
    const changed = lines.map((l) =>
      l.startsWith('"information"\t') ? '"information"\t[2]' : l.startsWith('"treatment"\t') ? '"treatment"\t[4,40]' : l,
    );
    expect(changed).not.toEqual(lines);
    writeFileSync(file, changed.join('\n'), { mode: 0o600 });
    const tampered = await pass(dir);
    expect(tampered.points[1]).toEqual([2]);
    expect(tampered.points[3]).toEqual(want[3]);
    // other patterns (British English), another store
    await pass(dir, 'en-GB');
    expect(readdirSync(dir).filter((f) => f.startsWith('words-'))).toHaveLength(2);
  });
});
