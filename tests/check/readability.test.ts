/**
 * Readability on the seed guide, checked against an independent calculation written differently:
 * our own regex tokenizer over the guide's paragraphs (front matter and headings dropped — the
 * seed has no lists, tables, code, URLs or variables), the `syllable` package for English words,
 * and the published Flesch–Kincaid and SMOG formulas.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syllable } from 'syllable';
import { parse } from '../../src/parse/parse.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { checkGuide } from '../../src/check/check-guide.js';
import { DEFAULT_CHECK_CONFIG } from '../../src/check/config.js';
import { scoreCounts } from '../../src/check/readability.js';
import { englishNumberWords, frenchSyllables, germanSyllables, spanishSyllables } from '../../src/check/syllables.js';

// the seed guide as it was when these figures were checked by hand (the sample in content/ has grown a checklist since)
const SEED = 'tests/fixtures/check/seed-en.md';
const NUMBER_WORDS: Record<string, string> = { '10': 'ten', '15': 'fifteen', '40': 'forty' };

/** The seed's prose as [line, sentence][] by our own rules: paragraphs split at . ! ? followed by a space. */
function independentSentences(source: string): { line: number; text: string }[] {
  const lines = source.split('\n');
  const end = lines.indexOf('---', 1);
  const out: { line: number; text: string }[] = [];
  for (let i = end + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '' || l.startsWith('#')) continue;
    for (const s of l.split(/(?<=[.!?])\s+/)) if (s.trim()) out.push({ line: i + 1, text: s.trim() });
  }
  return out;
}

function words(sentence: string): string[] {
  return sentence.match(/[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g) ?? [];
}

function syllables(word: string): number {
  return syllable(NUMBER_WORDS[word] ?? word) || 1;
}

describe('readability of the seed guide', async () => {
  const source = readFileSync(SEED, 'utf8');
  const parsed = parse(SEED, source, new Diagnostics())!;
  const result = await checkGuide({
    file: SEED,
    source,
    root: parsed.root,
    meta: parsed.meta,
    config: DEFAULT_CHECK_CONFIG,
    today: new Date('2026-11-28'),
  });
  const r = result.readability;
  const mine = independentSentences(source);
  const allWords = mine.flatMap((s) => words(s.text));
  const sy = allWords.map(syllables);
  const S = mine.length;
  const W = allWords.length;
  const fk = 0.39 * (W / S) + 11.8 * (sy.reduce((a, b) => a + b, 0) / W) - 15.59;
  const smog = 1.043 * Math.sqrt((sy.filter((n) => n >= 3).length * 30) / S) + 3.1291;

  it('reports Flesch–Kincaid grade and SMOG within 0.5 of the independent calculation', () => {
    const score = (id: string): number => r.scores.find((s) => s.formula === id)!.value;
    expect(r.status).toBe('scored');
    expect(Math.abs(score('flesch-kincaid-grade') - fk)).toBeLessThan(0.5);
    expect(Math.abs(score('smog') - smog)).toBeLessThan(0.5);
    expect(r.counts.sentences).toBe(S);
    expect(Math.abs(r.counts.words - W)).toBeLessThanOrEqual(3);
    expect(fk).toBeGreaterThan(8); // the seed is known to read well above grade 8
  });

  it('lists the longest sentences at their lines', () => {
    const byLength = [...mine].sort((a, b) => words(b.text).length - words(a.text).length);
    const expected = byLength.slice(0, 3).map((s) => s.line);
    expect(r.longestSentences.map((s) => s.line)).toEqual(expected);
    for (const s of r.longestSentences) {
      const line = source.split('\n')[s.line - 1]!;
      expect(line.slice(s.column - 1)).toContain(s.text.slice(0, 30));
    }
  });

  it('scores every section and names its hardest sentence inside it', () => {
    expect(r.sections.length).toBe(12);
    for (const [i, sec] of r.sections.entries()) {
      expect(sec.scores.map((s) => s.formula)).toEqual(['flesch-kincaid-grade', 'smog']);
      const next = r.sections[i + 1]?.line ?? Infinity;
      expect(sec.hardest!.line).toBeGreaterThan(sec.line);
      expect(sec.hardest!.line).toBeLessThan(next);
    }
  });

  it('reports the PEMAT-style finding (steps written as prose) at the right line', () => {
    const steps = result.diagnostics.filter((d) => d.ruleId === 'steps-as-prose');
    expect(steps.map((d) => d.line)).toEqual([97]);
    expect(result.diagnostics.find((d) => d.ruleId === 'reading-level')?.severity).toBe('warning');
  });
});

describe('formulas', () => {
  const counts = { sentences: 10, words: 150, syllables: 225, polysyllables: 20, monosyllables: 90, longWords: 30 };
  const value = (lang: string, id: string): number => scoreCounts(counts, lang).find((s) => s.formula === id)!.value;
  it('computes each published formula', () => {
    expect(value('en', 'flesch-kincaid-grade')).toBeCloseTo(0.39 * 15 + 11.8 * 1.5 - 15.59, 1);
    expect(value('en-US', 'smog')).toBeCloseTo(1.043 * Math.sqrt(60) + 3.1291, 1);
    expect(value('es', 'inflesz')).toBeCloseTo(206.835 - 62.3 * 1.5 - 15, 1);
    expect(value('es', 'fernandez-huerta')).toBeCloseTo(206.84 - 90 - 15.3, 1);
    expect(value('fr', 'kandel-moles')).toBeCloseTo(207 - 1.015 * 15 - 73.6 * 1.5, 1);
    expect(value('de', 'wiener-sachtextformel')).toBeCloseTo(
      (0.1935 * (100 * 20)) / 150 + 0.1672 * 15 + 0.1297 * 20 - 0.0327 * 60 - 0.875,
      1,
    );
    expect(scoreCounts(counts, 'ar')).toEqual([]);
  });
});

describe('syllable heuristics', () => {
  it('counts Spanish syllables with diphthongs and hiatus', () => {
    expect(['ketamina', 'terapéutico', 'día', 'guía', 'que', 'hoy', 'aerosol', 'sesión'].map(spanishSyllables)).toEqual([
      4, 5, 2, 2, 1, 1, 4, 2,
    ]);
  });
  it('counts French syllables with a mute final e', () => {
    expect(['séance', 'kétamine', 'une', 'traitement', 'pages'].map(frenchSyllables)).toEqual([2, 3, 1, 3, 1]);
  });
  it('counts German syllables with diphthongs as one', () => {
    expect(['Behandlung', 'Sitzung', 'vorbereiten', 'Ketamin'].map(germanSyllables)).toEqual([3, 2, 4, 3]);
  });
  it('spells English numbers as read aloud', () => {
    expect(englishNumberWords(1918)).toBe('one thousand nine hundred eighteen');
    expect(englishNumberWords(15)).toBe('fifteen');
  });
});
