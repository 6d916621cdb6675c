/**
 * Plain-language rules: long sentences, medical jargon without a plain definition nearby, and
 * (English) passive voice, simpler alternatives and insensitive wording from the retext plugins,
 * run on the same positioned nlcst trees as the readability counts.
 */
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import retextPassive from 'retext-passive';
import retextSimplify from 'retext-simplify';
import retextEquality from 'retext-equality';
import type { CheckConfig } from './config.js';
import type { Prose } from './prose.js';
import { LEXICONS } from './lexicon.js';
import { primaryLang } from './readability.js';
import type { RuleSink } from './sink.js';
import type { CheckRuleId } from './rules.js';

const RETEXT_RULES: Readonly<Record<string, CheckRuleId>> = {
  'retext-passive': 'passive-voice',
  'retext-simplify': 'simpler-words',
  'retext-equality': 'inclusive-language',
};

/** Sentences over `maxSentenceWords`, each at its start. */
export function longSentences(file: string, prose: Prose, config: CheckConfig, sink: RuleSink): void {
  for (const s of prose.sentences) {
    if (s.words.length > config.maxSentenceWords) {
      sink.report(
        'long-sentence',
        { file, ...s.start },
        `sentence of ${s.words.length} words (limit ${config.maxSentenceWords}, \`maxSentenceWords\`): split it into shorter sentences`,
      );
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The jargon list for `lang`: the starter list plus `check.jargon`, less `check.ignoreJargon`. */
export function jargonFor(lang: string, config: CheckConfig): Map<string, string> {
  const p = primaryLang(lang);
  const out = new Map<string, string>(
    Object.entries({ ...LEXICONS[p]?.jargon, ...config.jargon[p] }).map(([k, v]) => [k.toLowerCase(), v]),
  );
  for (const t of config.ignoreJargon) out.delete(t.toLowerCase());
  return out;
}

/**
 * Jargon: the first use of each listed term is reported unless its sentence, or the next one in
 * the same paragraph, defines it (a definition cue such as "which means", "(", "is a", "called").
 */
export function jargon(file: string, lang: string, prose: Prose, config: CheckConfig, sink: RuleSink): void {
  if (!sink.on('jargon')) return;
  const lex = LEXICONS[primaryLang(lang)];
  const terms = jargonFor(lang, config);
  if (terms.size === 0) return;
  const cue = lex?.definitionCue ?? /\(/;
  const done = new Set<string>();
  prose.sentences.forEach((s, i) => {
    for (const [term, plain] of terms) {
      if (done.has(term)) continue;
      const m = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?:s|es|e|en|n)?(?![\\p{L}\\p{N}])`, 'iu').exec(s.text);
      if (!m) continue;
      done.add(term);
      const next = prose.sentences[i + 1];
      const defined = cue.test(s.text) || (next !== undefined && next.paragraph === s.paragraph && cue.test(next.text.slice(0, 40)));
      if (defined) continue;
      const word = s.words.find((w) => w.text.toLowerCase().startsWith(term.split(' ')[0]!)) ?? s.words[0]!;
      const advice = plain ? `say \`${plain}\` instead, or explain it` : 'explain it in plain words';
      sink.report(
        'jargon',
        { file, line: word.start.line, column: word.start.column },
        `\`${m[0]}\` is medical jargon with no plain explanation nearby: ${advice}`,
      );
    }
  });
}

/** Passive voice, simpler alternatives and insensitive wording (English only: the retext lists are English). */
export async function retextRules(file: string, lang: string, prose: Prose, sink: RuleSink): Promise<void> {
  if (primaryLang(lang) !== 'en') return;
  const plugins: PluggableList = [];
  if (sink.on('passive-voice')) plugins.push(retextPassive);
  if (sink.on('simpler-words')) plugins.push(retextSimplify);
  // `mental` (as in mental health) is the plain medical word in patient materials, not an insult
  if (sink.on('inclusive-language')) plugins.push([retextEquality, { ignore: ['mental'] }]);
  if (plugins.length === 0) return;
  const vfile = new VFile({ path: file });
  await unified().use(plugins).run(prose.tree, vfile);
  for (const m of vfile.messages) {
    const rule = m.source ? RETEXT_RULES[m.source] : undefined;
    if (!rule || m.line === undefined || m.column === undefined) continue;
    const reason = m.reason.replace(/\.$/, '');
    sink.report(
      rule,
      { file, line: m.line, column: m.column },
      rule === 'passive-voice' ? `${reason}: say who does what (active voice)` : reason,
    );
  }
}
