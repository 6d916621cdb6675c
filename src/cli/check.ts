/**
 * `handout check`: runs every given guide through the whole pipeline in
 * memory, prints every diagnostic and the translation status of each guide
 * folder (missing and stale translations), and writes no file.
 */
import { bundledGuideFiles, displayPath } from './paths.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildHandout, sampleClinicPath } from '../build.js';
import { loadClinic } from '../brand/load-clinic.js';
import { fileStart, Diagnostics, formatDiagnostic, sortDiagnostics, type Diagnostic, type SourcePlace } from '../diagnostics.js';
import { SOURCE_LANG, reportTranslation, translationReport, type TranslationPolicy, type TranslationState } from '../i18n/translation-status.js';
import { nodeWorld } from '../world.js';
import type { CliIo } from './main.js';

/** Options of {@link check} (as parsed by commander). */
export interface CheckOptions {
  /** The clinic profile; default the bundled sample clinic. */
  readonly clinic?: string;
  /** `error`: missing and stale translations are errors; otherwise warnings. */
  readonly translations?: TranslationPolicy;
}

/** Counts printed in the summary line. */
export interface CheckSummary {
  readonly guides: number;
  readonly errors: number;
  readonly warnings: number;
  readonly current: number;
  readonly stale: number;
  readonly missing: number;
}

const TRANSLATION_RULES = new Set(['translation-missing', 'translation-stale']);



/** The place of the `translatedFrom` key in a guide's front matter, else the file's start. */
export function translatedFromPlace(file: string): SourcePlace {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  } catch {
    return fileStart(file);
  }
  if (lines[0]?.trim() === '---') {
    for (let i = 1; i < lines.length && lines[i]!.trim() !== '---'; i++) {
      const m = /^(\s*)translatedFrom\s*:/.exec(lines[i]!);
      if (m) return { file, line: i + 1, column: m[1]!.length + 1 };
    }
  }
  return fileStart(file);
}

/** The clinic's served languages (`locales`), or none when unset or the profile does not load. */
async function clinicLocales(clinic: string): Promise<readonly string[]> {
  const brand = await loadClinic(clinic, new Diagnostics(), nodeWorld); // its problems are reported by each build
  return brand?.locales ?? [];
}

/**
 * Missing and stale translations of one guide folder, positioned: a missing
 * one at the source guide's start, a stale one at its `translatedFrom` line.
 */
export function translationDiagnostics(states: readonly TranslationState[], policy: TranslationPolicy | 'warn'): Diagnostic[] {
  const sourceFile = states.find((s) => s.state === 'source')?.file;
  const out: Diagnostic[] = [];
  for (const s of states) {
    const diags = new Diagnostics();
    reportTranslation(s, policy, diags);
    const place = s.state === 'missing' && sourceFile ? fileStart(sourceFile) : s.state === 'stale' ? translatedFromPlace(s.file) : undefined;
    for (const d of diags.list) out.push(place ? { ...d, ...place } : d);
  }
  return out;
}

function diagKey(d: Diagnostic): string {
  return `${d.file}\0${d.line}\0${d.column}\0${d.severity}\0${d.ruleId}\0${d.message}`;
}

/** Diagnostics grouped by file (files in order of first appearance), each file's sorted by line and column. */
function groupedByFile(list: readonly Diagnostic[]): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of list) {
    const group = byFile.get(d.file);
    if (group) group.push(d);
    else byFile.set(d.file, [d]);
  }
  return [...byFile.values()].flatMap((group) => sortDiagnostics(group));
}

/** Formats the summary line (without a newline). */
export function formatSummary(s: CheckSummary): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `checked ${plural(s.guides, 'guide')}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}; translations: ${s.current} up to date, ${s.stale} stale, ${s.missing} missing`;
}

/**
 * Checks `guides` (default: every bundled guide) and prints diagnostics to
 * stderr and a summary line to stdout. Writes no file. Returns the exit code:
 * 0 without errors, 1 with errors.
 */
export async function check(guides: readonly string[], opts: CheckOptions, io: CliIo): Promise<number> {
  const inputs = guides.length === 0 ? bundledGuideFiles() : guides.map((g) => path.resolve(io.cwd, g));
  const clinic = opts.clinic ? path.resolve(io.cwd, opts.clinic) : sampleClinicPath();
  const policy: TranslationPolicy | 'warn' = opts.translations === 'error' ? 'error' : 'warn';
  const seen = new Set<string>();
  const all: Diagnostic[] = [];
  const add = (d: Diagnostic): void => {
    const shown = { ...d, file: displayPath(d.file, io.cwd) };
    const key = diagKey(shown);
    if (seen.has(key)) return; // clinic problems come back with every guide
    seen.add(key);
    all.push(shown);
  };
  let failed = 0;
  for (const guide of inputs) {
    const shown = displayPath(guide, io.cwd);
    // Translation status is reported per folder below, so the build's own translation notes are dropped.
    const result = await buildHandout({ guide: shown === guide ? guide : path.resolve(io.cwd, shown), clinic });
    if (!result.pdf) failed++;
    for (const d of result.diagnostics) if (!TRANSLATION_RULES.has(d.ruleId)) add(d);
  }

  const locales = await clinicLocales(clinic);
  const folders = [...new Set(inputs.map((g) => path.dirname(g)))].filter(
    (dir) => path.basename(path.dirname(dir)) === 'guides' && existsSync(path.join(dir, `${SOURCE_LANG}.md`)),
  );
  let current = 0;
  let stale = 0;
  let missing = 0;
  for (const dir of folders.sort()) {
    const states = translationReport(dir, locales);
    for (const s of states) {
      if (s.state === 'current') current++;
      else if (s.state === 'stale') stale++;
      else if (s.state === 'missing') missing++;
    }
    for (const d of translationDiagnostics(states, policy)) add(d);
  }

  for (const d of groupedByFile(all)) io.stderr(formatDiagnostic(d) + '\n');
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  io.stdout(formatSummary({ guides: inputs.length, errors, warnings, current, stale, missing }) + '\n');
  return errors > 0 || failed > 0 ? 1 : 0;
}
