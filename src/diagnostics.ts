/**
 * Positioned diagnostics. Content problems are reported here, never thrown as
 * bare errors or printed from a stage, so that a batch can collect every
 * problem of every document.
 *
 * The protocol: a stage records its problems and, when it cannot go on,
 * returns `undefined` after recording an error; the pipeline stops at the
 * first stage that returned nothing or left an error. Nothing is thrown for
 * content problems. A place without a finer position is {@link fileStart}.
 */

/** How bad a diagnostic is (`note`: advice from `handout check`, never blocks anything). */
export type Severity = 'error' | 'warning' | 'note';

/** A place in a source file (1-based line and column). */
export interface SourcePlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One positioned message with a stable rule id. */
export interface Diagnostic extends SourcePlace {
  readonly severity: Severity;
  readonly message: string;
  readonly ruleId: string;
  /** How to fix it, when that is not part of the message: printed on its own line. */
  readonly hint?: string;
}

/** Formats as `path:line:column: error message [rule-id]`, with `  hint: …` on the next line when there is one. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.message} [${d.ruleId}]`;
  return d.hint === undefined ? head : `${head}\n  hint: ${d.hint}`;
}

/** Orders diagnostics by file, line and column (stable for equal places). */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : 0));
}

/** A place for a whole file (used when no finer position is known). */
export function fileStart(file: string): SourcePlace {
  return { file, line: 1, column: 1 };
}

/** Collects diagnostics for one document (or one batch item). */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  /** Records an error (with an optional fix `hint`, printed on its own line) and returns it. */
  error(place: SourcePlace, message: string, ruleId: string, hint?: string): Diagnostic {
    const d: Diagnostic = { ...place, severity: 'error', message, ruleId, ...(hint === undefined ? {} : { hint }) };
    this.list.push(d);
    return d;
  }

  /** Records a warning (with an optional fix `hint`, printed on its own line). */
  warning(place: SourcePlace, message: string, ruleId: string, hint?: string): Diagnostic {
    const d: Diagnostic = { ...place, severity: 'warning', message, ruleId, ...(hint === undefined ? {} : { hint }) };
    this.list.push(d);
    return d;
  }

  /** True when at least one error was recorded. */
  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }
}

/** Closest candidate by edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  const last = (s: string): string => s.slice(s.lastIndexOf('.') + 1).toLowerCase();
  for (const c of candidates) {
    // dotted names (`clinic.contact.phone`) also match on their last segment
    const dist = Math.min(editDistance(word.toLowerCase(), c.toLowerCase()), word.includes('.') ? editDistance(last(word), last(c)) : Infinity);
    if (dist < bestDist) {
      bestDist = dist;
      best = c;
    }
  }
  return best !== undefined && bestDist <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Formats a "did you mean" suffix, or an empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c ? `; did you mean \`${c}\`?` : '';
}
