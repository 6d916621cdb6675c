/**
 * Positioned diagnostics. Content problems are reported here, never thrown as
 * bare errors or printed from a stage, so that a batch can collect every
 * problem of every document.
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
}

/** Formats as `path:line:column: error message [rule-id]`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.message} [${d.ruleId}]`;
}

/** Orders diagnostics by file, line and column (stable for equal places). */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : 0));
}

/** A place for a whole file (used when no finer position is known). */
export function fileStart(file: string): SourcePlace {
  return { file, line: 1, column: 1 };
}

/**
 * Thrown to abort a document after an error was recorded. Carries the
 * diagnostic so a caller that did not pass a bag still sees it.
 */
export class ContentError extends Error {
  /** The diagnostic that stopped the build. */
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic) {
    super(formatDiagnostic(diagnostic));
    this.name = 'ContentError';
    this.diagnostic = diagnostic;
  }
}

/** Collects diagnostics for one document (or one batch item). */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  /** Records an error and returns it. */
  error(place: SourcePlace, message: string, ruleId: string): Diagnostic {
    const d: Diagnostic = { ...place, severity: 'error', message, ruleId };
    this.list.push(d);
    return d;
  }

  /** Records a warning. */
  warning(place: SourcePlace, message: string, ruleId: string): Diagnostic {
    const d: Diagnostic = { ...place, severity: 'warning', message, ruleId };
    this.list.push(d);
    return d;
  }

  /** Records an error and throws a {@link ContentError} to stop the document. */
  fail(place: SourcePlace, message: string, ruleId: string): never {
    throw new ContentError(this.error(place, message, ruleId));
  }

  /** True when at least one error was recorded. */
  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }

  /** Throws when an error has been recorded (after a stage that collects several). */
  throwIfErrors(): void {
    const first = this.list.find((d) => d.severity === 'error');
    if (first) throw new ContentError(first);
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
