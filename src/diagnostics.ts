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

/** A copy of `d` naming `file` instead, with only a diagnostic's own fields (for reports sent or stored elsewhere). */
export function diagnosticIn(d: Diagnostic, file: string): Diagnostic {
  return {
    file,
    line: d.line,
    column: d.column,
    severity: d.severity,
    message: d.message,
    ruleId: d.ruleId,
    ...(d.hint === undefined ? {} : { hint: d.hint }),
  };
}

/** C0 and C1 controls, DEL, and the bidi embedding/override/isolate controls (which reorder a terminal line). */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `s` safe to print on a terminal: control characters (escape sequences, carriage returns, bidi overrides)
 * are written as `\u001b`-style escapes, so text from a guide or a stored manifest can never drive the terminal.
 */
export function escapeControls(s: string): string {
  return s.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Formats as `path:line:column: error message [rule-id]` (control characters escaped), with `  hint: …` on the next line when there is one.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const head = escapeControls(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.message} [${d.ruleId}]`);
  return d.hint === undefined ? head : `${head}\n  hint: ${escapeControls(d.hint)}`;
}

/** Orders diagnostics by file, line and column (stable for equal places). */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : 0));
}

/** A place for a whole file (used when no finer position is known). */
export function fileStart(file: string): SourcePlace {
  return { file, line: 1, column: 1 };
}

/** Diagnostics kept per file, rule and severity; the rest are counted in one summary line at the place of the first left out. */
export const MAX_REPEATED_DIAGNOSTICS = 50;

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Collects diagnostics for one document (or one batch item). Repeated ones
 * are capped: after {@link MAX_REPEATED_DIAGNOSTICS} of the same rule and
 * severity in the same file, one summary (`… and 1,999,950 more`) stands for
 * the rest, so a guide with millions of problems stores and prints a bounded list.
 */
export class Diagnostics {
  private readonly items: Diagnostic[] = [];
  private readonly repeats = new Map<string, { count: number; summaryAt?: number }>();
  /** Summaries whose count changed since the list was last read. */
  private readonly stale = new Set<string>();
  private errors = 0;

  /** Every diagnostic kept, in the order recorded (repeats past the cap folded into their summary). */
  get list(): Diagnostic[] {
    for (const key of this.stale) {
      const seen = this.repeats.get(key)!;
      const d = this.items[seen.summaryAt!]!;
      const more = seen.count - MAX_REPEATED_DIAGNOSTICS;
      this.items[seen.summaryAt!] = {
        ...d,
        message:
          `and ${thousands(more)} more like the ${d.severity} above in this file (only the first ` +
          `${MAX_REPEATED_DIAGNOSTICS} are shown)`,
      };
    }
    this.stale.clear();
    return this.items;
  }

  /** Records an error (with an optional fix `hint`, printed on its own line) and returns it. */
  error(place: SourcePlace, message: string, ruleId: string, hint?: string): Diagnostic {
    return this.record({
      file: place.file,
      line: place.line,
      column: place.column,
      severity: 'error',
      message,
      ruleId,
      ...(hint === undefined ? {} : { hint }),
    });
  }

  /** Records a warning (with an optional fix `hint`, printed on its own line). */
  warning(place: SourcePlace, message: string, ruleId: string, hint?: string): Diagnostic {
    return this.record({
      file: place.file,
      line: place.line,
      column: place.column,
      severity: 'warning',
      message,
      ruleId,
      ...(hint === undefined ? {} : { hint }),
    });
  }

  private record(d: Diagnostic): Diagnostic {
    if (d.severity === 'error') this.errors++;
    const key = `${d.severity}\0${d.file}\0${d.ruleId}`;
    let seen = this.repeats.get(key);
    if (!seen) this.repeats.set(key, (seen = { count: 0 }));
    if (++seen.count <= MAX_REPEATED_DIAGNOSTICS) {
      this.items.push(d);
      return d;
    }
    if (seen.summaryAt === undefined) {
      seen.summaryAt = this.items.length;
      this.items.push({ file: d.file, line: d.line, column: d.column, severity: d.severity, message: '', ruleId: d.ruleId });
    }
    this.stale.add(key);
    return d;
  }

  /** True when at least one error was recorded. */
  get hasErrors(): boolean {
    return this.errors > 0 || this.items.some((d) => d.severity === 'error'); // also errors pushed onto the list directly
  }

  /** Number of errors recorded, including those left out of {@link list} by the cap. */
  get errorCount(): number {
    return this.errors;
  }
}

/** Closest candidate by edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  const last = (s: string): string => s.slice(s.lastIndexOf('.') + 1).toLowerCase();
  for (const c of candidates) {
    // dotted names (`clinic.contact.phone`) also match on their last segment
    const dist = Math.min(
      editDistance(word.toLowerCase(), c.toLowerCase()),
      word.includes('.') ? editDistance(last(word), last(c)) : Infinity,
    );
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

const englishPlurals = new Intl.PluralRules('en');

/** `n` with the English noun in the form CLDR's plural rules pick (`1 page`, `2 pages`). */
export function countOf(n: number, one: string, other: string): string {
  return `${n} ${englishPlurals.select(n) === 'one' ? one : other}`;
}

/** A "did you mean" hint for a diagnostic's `hint` field (printed on its own line), or undefined when nothing is close. */
export function suggestion(word: string, candidates: readonly string[]): string | undefined {
  const c = closest(word, candidates);
  return c ? `did you mean \`${c}\`?` : undefined;
}

/**
 * A "did you mean" suffix (`; did you mean …?`), or an empty string: only for one-line messages that are not
 * diagnostics (usage errors, HTTP error details). A diagnostic puts it in its `hint` ({@link suggestion}).
 */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const s = suggestion(word, candidates);
  return s ? `; ${s}` : '';
}
