/** Shared helpers of the robustness tests: build a guide from a string, check diagnostics' places. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { buildHandout, type BuildInput, type BuildResult } from '../../src/build.js';
import type { Diagnostic } from '../../src/diagnostics.js';

/** A minimal valid front matter block (6 lines). */
export const FRONT_MATTER = '---\nid: fuzz\ntitle: Fuzz\nlang: en\nversion: 1\n---\n\n';

/** A fresh temporary folder. */
export function tempDir(prefix = 'handout-robust-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `source` as a guide file in `dir` and builds it. */
export async function buildSource(
  source: string,
  dir: string,
  name = 'guide.md',
  extra: Partial<BuildInput> = {},
): Promise<BuildResult & { file: string }> {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  const result = await buildHandout({ guide: file, ...extra });
  return { ...result, file };
}

/**
 * Rules whose column is known to be approximate (reported, not hidden): layout
 * computes places on whitespace-normalised text, so after a soft line break
 * the column of a `missing-glyph` can run past the end of the line it names.
 * Their line is still checked.
 */
export const IMPRECISE_COLUMNS: ReadonlySet<string> = new Set(['missing-glyph']);

/** Number of lines of `source` (a place on the line after a final newline is allowed). */
function lineCount(source: string): number {
  return source.split(/\r\n|\r|\n/).length; // CommonMark line endings: LF, CR LF, or a lone CR
}

/**
 * Every diagnostic about the guide is positioned inside it (valid 1-based
 * line and column); diagnostics about other files (clinic, templates) have
 * a positive line and column.
 */
export function expectPositioned(diags: readonly Diagnostic[], file: string, source: string): void {
  const lines = source.split(/\r\n|\r|\n/);
  const total = lineCount(source);
  for (const d of diags) {
    expect(Number.isInteger(d.line) && d.line >= 1, `line of ${JSON.stringify(d)}`).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, `column of ${JSON.stringify(d)}`).toBe(true);
    expect(d.message.length, 'message').toBeGreaterThan(0);
    expect(d.ruleId, 'rule id').toMatch(/^[a-z][a-z0-9-]*$/);
    if (d.file !== file) continue;
    expect(d.line, `line inside the guide: ${JSON.stringify(d)}`).toBeLessThanOrEqual(total);
    if (IMPRECISE_COLUMNS.has(d.ruleId)) continue;
    const len = lines[d.line - 1]?.length ?? 0;
    expect(d.column, `column inside line ${d.line}: ${JSON.stringify(d)}`).toBeLessThanOrEqual(len + 1);
  }
}

/** Errors only (warnings are allowed). */
export function errorsOf(diags: readonly Diagnostic[]): Diagnostic[] {
  return diags.filter((d) => d.severity === 'error');
}
