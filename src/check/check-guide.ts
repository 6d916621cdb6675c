/**
 * Content checks of one guide: readability per language and per section, plain language,
 * actionability and hygiene. Works on the parse stage's mdast (so positions are the guide's own)
 * and never throws on content.
 */
import type { Root } from 'mdast';
import type { Diagnostic, SourcePlace } from '../diagnostics.js';
import type { Brand } from '../types/brand.js';
import type { GuideMeta } from '../types/document.js';
import type { CheckConfig } from './config.js';
import { extractProse, type ProseSentence } from './prose.js';
import { countText, primaryLang, scoreCounts, sentenceDifficulty, type FormulaScore, type TextCounts } from './readability.js';
import { RuleSink } from './sink.js';
import { jargon, longSentences, retextRules } from './plain-language.js';
import { actionability } from './actionability.js';
import { brokenLinks, reviewDue, translationStructure } from './hygiene.js';

/** A sentence named in a report. */
export interface SentenceRef {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly words: number;
  /** Its grade (or 100 − ease) by the language's first formula; its word count without one. */
  readonly difficulty: number;
  /** The sentence, shortened to 160 characters. */
  readonly text: string;
}

/** Readability of one section. */
export interface SectionReport {
  readonly title: string;
  readonly line: number;
  readonly column: number;
  readonly sentences: number;
  readonly words: number;
  readonly scores: readonly FormulaScore[];
  readonly hardest?: SentenceRef;
}

/** Readability of one guide. */
export interface ReadabilityReport {
  /** `scored`: formulas for the language; `needs-human-review`: no validated formula. */
  readonly status: 'scored' | 'needs-human-review';
  readonly scores: readonly FormulaScore[];
  readonly counts: TextCounts | { readonly sentences: number; readonly words: number };
  readonly sections: readonly SectionReport[];
  readonly hardestSentences: readonly SentenceRef[];
  readonly longestSentences: readonly SentenceRef[];
}

/** What {@link checkGuide} needs. */
export interface GuideCheckInput {
  readonly file: string;
  readonly source: string;
  readonly root: Root;
  readonly meta: GuideMeta;
  readonly config: CheckConfig;
  /** For the review date. */
  readonly today: Date;
  readonly brand?: Brand;
  /** For a translation: its source-language guide, to compare structure. */
  readonly sourceGuide?: { readonly file: string; readonly root: Root };
}

/** Result of {@link checkGuide}. */
export interface GuideCheckResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly readability: ReadabilityReport;
}

function ref(s: ProseSentence, lang: string): SentenceRef {
  return {
    line: s.start.line,
    column: s.start.column,
    endLine: s.end.line,
    endColumn: s.end.column,
    words: s.words.length,
    difficulty: sentenceDifficulty(s, lang),
    text: s.text.length > 160 ? `${s.text.slice(0, 159)}…` : s.text,
  };
}

function top(sentences: readonly ProseSentence[], n: number, key: (s: ProseSentence) => number): ProseSentence[] {
  return [...sentences].sort((a, b) => key(b) - key(a) || a.start.offset - b.start.offset).slice(0, n);
}

function formatScores(scores: readonly FormulaScore[]): string {
  return scores.map((s) => `${s.name} ${s.value.toFixed(1)}${s.band ? ` (${s.band})` : ''}`).join(', ');
}

/** Runs every content rule on one guide. */
export async function checkGuide(input: GuideCheckInput): Promise<GuideCheckResult> {
  const { file, source, root, meta, config } = input;
  const sink = new RuleSink(config.levels);
  const prose = extractProse(root, source, meta.lang, meta.title);
  const lang = meta.lang;
  const firstBody = root.children.find((c) => c.type !== 'yaml')?.position?.start;
  const bodyStart: SourcePlace = { file, line: firstBody?.line ?? 1, column: firstBody?.column ?? 1 };

  // readability
  const counts = countText(prose.sentences, lang);
  const scores = counts ? scoreCounts(counts, lang) : [];
  const difficulty = new Map(prose.sentences.map((s) => [s, sentenceDifficulty(s, lang)]));
  const hardest = top(prose.sentences, config.hardestSentences, (s) => difficulty.get(s)!);
  const longest = top(prose.sentences, config.hardestSentences, (s) => s.words.length);
  const sections: SectionReport[] = prose.sections.flatMap((sec, i) => {
    const own = prose.sentences.filter((s) => s.section === i);
    if (own.length === 0) return [];
    const c = countText(own, lang);
    const h = top(own, 1, (s) => difficulty.get(s)!)[0];
    return [
      {
        title: sec.title,
        line: sec.start.line,
        column: sec.start.column,
        sentences: own.length,
        words: own.reduce((n, s) => n + s.words.length, 0),
        scores: c ? scoreCounts(c, lang) : [],
        ...(h ? { hardest: ref(h, lang) } : {}),
      },
    ];
  });
  const readability: ReadabilityReport = {
    status: counts ? 'scored' : 'needs-human-review',
    scores,
    counts: counts ?? { sentences: prose.sentences.length, words: prose.sentences.reduce((n, s) => n + s.words.length, 0) },
    sections,
    hardestSentences: hardest.map((s) => ref(s, lang)),
    longestSentences: longest.map((s) => ref(s, lang)),
  };
  const where = hardest.length ? `; hardest sentences at ${hardest.map((s) => `line ${s.start.line}`).join(', ')}` : '';
  if (!counts) {
    sink.report(
      'reading-level-unsupported',
      bodyStart,
      `no validated readability formula for \`${lang}\`: needs human review (have a native speaker check the reading level)`,
    );
  } else if (scores.length > 0) {
    const p = primaryLang(lang);
    const tooHard = scores.filter((s) =>
      s.kind === 'grade'
        ? s.value > config.maxGrade
        : (s.formula === 'inflesz' && s.value < config.minEase.es) || (s.formula === 'kandel-moles' && s.value < config.minEase.fr),
    );
    if (tooHard.length > 0) {
      const aim =
        tooHard[0]!.kind === 'grade'
          ? `grade ${config.maxGrade} or lower (\`maxGrade\`)`
          : `${p === 'es' ? config.minEase.es : config.minEase.fr} or higher (\`minEase.${p}\`)`;
      sink.report('reading-level', bodyStart, `reads at ${formatScores(tooHard)}; aim for ${aim}${where}`);
    }
  }

  longSentences(file, prose, config, sink);
  jargon(file, lang, prose, config, sink);
  await retextRules(file, lang, prose, sink);
  actionability({ file, lang, source, root, prose, bodyStart, ...(input.brand ? { brand: input.brand } : {}) }, sink);
  reviewDue(file, source, meta, input.today, config, sink);
  brokenLinks(file, root, sink);
  if (input.sourceGuide) translationStructure(file, root, input.sourceGuide.file, input.sourceGuide.root, sink);
  return { diagnostics: sink.list, readability };
}
