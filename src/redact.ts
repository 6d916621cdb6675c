/**
 * PHI hygiene: personalised fill-in values must never reach a diagnostic.
 * Diagnostics are built without them; this is the belt to that braces,
 * applied to every diagnostic that leaves a build.
 */
import type { Diagnostic } from './diagnostics.js';

/** Values shorter than this are not redacted (a single letter or digit would garble every message). */
const MIN_REDACTED_LENGTH = 2;

/**
 * Replaces every occurrence of a fill-in value in the diagnostics' messages
 * (hints and file names) with `‹fill.<name>›`.
 */
export function redactFill(diagnostics: readonly Diagnostic[], fill: Readonly<Record<string, string>>): Diagnostic[] {
  const values = Object.entries(fill)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim().length >= MIN_REDACTED_LENGTH)
    .sort((a, b) => b[1].length - a[1].length);
  if (values.length === 0) return [...diagnostics];
  const scrub = (s: string): string => {
    let out = s;
    for (const [name, value] of values) out = out.split(value).join(`‹fill.${name}›`);
    return out;
  };
  return diagnostics.map((d) => ({
    ...d,
    file: scrub(d.file),
    message: scrub(d.message),
    ...(d.hint === undefined ? {} : { hint: scrub(d.hint) }),
  }));
}
