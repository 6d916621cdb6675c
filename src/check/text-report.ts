/** The readability part of `handout check`'s text output (stdout), one block per guide. */
import type { ReadabilityReport, SentenceRef } from './check-guide.js';
import type { FormulaScore } from './readability.js';

function scores(list: readonly FormulaScore[]): string {
  return list.map((s) => `${s.name} ${s.value.toFixed(1)}${s.band ? ` (${s.band})` : ''}`).join(', ');
}

function quote(s: SentenceRef, max = 60): string {
  return `“${s.text.length > max ? `${s.text.slice(0, max - 1)}…` : s.text}”`;
}

/** Lines (without newlines) describing one guide's readability. */
export function formatReadability(file: string, lang: string, r: ReadabilityReport): string[] {
  const out: string[] = [];
  if (r.status === 'needs-human-review') {
    out.push(
      `${file} [${lang}]: reading level needs human review (no validated formula for this language); ${r.counts.sentences} ` +
        `sentences, ${r.counts.words} words`,
    );
  } else {
    out.push(`${file} [${lang}]: ${scores(r.scores) || 'no prose to score'}; ${r.counts.sentences} sentences, ${r.counts.words} words`);
  }
  if (r.hardestSentences.length)
    out.push(`  hardest sentences: ${r.hardestSentences.map((s) => `${s.line}:${s.column} ${quote(s)}`).join('; ')}`);
  if (r.longestSentences.length)
    out.push(`  longest sentences: ${r.longestSentences.map((s) => `${s.line}:${s.column} (${s.words} words)`).join(', ')}`);
  for (const sec of r.sections) {
    const hard = sec.hardest ? `; hardest ${sec.hardest.line}:${sec.hardest.column}` : '';
    out.push(`  § ${sec.title} (line ${sec.line}): ${scores(sec.scores) || `${sec.words} words`}${hard}`);
  }
  return out;
}
