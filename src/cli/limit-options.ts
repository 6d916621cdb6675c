/**
 * Parsing of the CLI's limit and `--fill` options. Errors never quote a
 * fill-in value (it is personal health information), only the field name.
 */
import type { Limits } from '../limits.js';
import { FILL_NAME } from '../resolve/variables.js';
import { didYouMean } from '../diagnostics.js';

/** Limit options as Commander hands them over (strings). */
export interface LimitOptions {
  maxFileSize?: string;
  maxPages?: string;
  maxImagePixels?: string;
  maxNesting?: string;
  timeBudget?: string;
}

const FLAGS: readonly [keyof LimitOptions, string, keyof Limits, number][] = [
  ['maxFileSize', '--max-file-size', 'maxFileBytes', 1],
  ['maxPages', '--max-pages', 'maxPages', 1],
  ['maxImagePixels', '--max-image-pixels', 'maxImagePixels', 1],
  ['maxNesting', '--max-nesting', 'maxNestingDepth', 1],
  ['timeBudget', '--time-budget', 'timeBudgetMs', 1000],
];

/** Converts limit options to {@link Limits}; `fail` makes the usage error to throw. */
export function parseLimitOptions(opts: LimitOptions, fail: (message: string) => Error): Partial<Limits> {
  const out: { -readonly [K in keyof Limits]?: number } = {};
  for (const [key, flag, limit, scale] of FLAGS) {
    const raw = opts[key];
    if (raw === undefined) continue;
    const n = Number(raw);
    const v = Math.round(n * scale);
    const whole = scale === 1 ? Number.isSafeInteger(n) : Number.isFinite(n);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(raw) || !whole || !(v > 0)) {
      throw fail(`${flag} must be a positive ${scale === 1 ? 'whole number' : 'number of seconds'}; got \`${raw}\``);
    }
    out[limit] = v;
  }
  return out;
}

/** Converts `--fill name=value` options to a record; `fail` makes the usage error to throw. */
export function parseFillOptions(raw: readonly string[], fail: (message: string) => Error): Record<string, string> | undefined {
  if (raw.length === 0) return undefined;
  const fill: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const entry of raw) {
    const eq = entry.indexOf('=');
    const name = eq < 0 ? '' : entry.slice(0, eq);
    if (eq < 0)
      throw fail(
        '--fill expects `name=value` (e.g. `--fill patientName="Ana Ruiz"`); an entry has no `=` (its text is not shown, as ' +
          'it may be personal information)',
      );
    if (!FILL_NAME.test(name))
      throw fail(
        'a --fill field name is not valid (it is not shown, as it may be personal information); names start with a letter and ' +
          'use letters, digits, `-` and `_`, as in `--fill patientName="Ana Ruiz"`',
      );
    if (Object.prototype.hasOwnProperty.call(fill, name)) throw fail(`--fill \`${name}\` is given twice; give each field once`);
    const value = entry.slice(eq + 1);
    if (value.trim() === '') {
      throw fail(
        `--fill \`${name}\` has an empty value, which would print a blank field; give a value, or build without any --fill to ` +
          `print every field as a blank line to write on`,
      );
    }
    fill[name] = value;
  }
  return { ...fill };
}

/**
 * With several guides sharing `--fill` values: a name no guide uses is a usage error with a "did you mean"
 * (each guide then ignores the names it does not use). `read` returns a guide's text, or undefined.
 */
export function checkFillNamesUsed(
  fill: Readonly<Record<string, string>>,
  guides: readonly string[],
  read: (file: string) => string | undefined,
  fail: (message: string) => Error,
): void {
  const used = new Set<string>();
  for (const g of guides) for (const m of (read(g) ?? '').matchAll(/\{\{\s*fill\.([A-Za-z][A-Za-z0-9_-]*)\s*\}\}/g)) used.add(m[1]!);
  const names = [...used].sort();
  for (const name of Object.keys(fill)) {
    if (used.has(name)) continue;
    const uses = names.length > 0 ? `they use ${names.map((n) => `\`${n}\``).join(', ')}` : 'they have no `{{fill.…}}` fields';
    throw fail(`--fill \`${name}\` is not a field of any guide in this build (${uses})${didYouMean(name, names)}`);
  }
}
