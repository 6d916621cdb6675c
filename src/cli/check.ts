/**
 * `handout check`: runs every given guide through the whole pipeline in
 * memory, prints every diagnostic and the translation status of each guide
 * folder (missing and stale translations), and writes no file.
 */
import { bundledGuideFiles, displayPath } from './paths.js';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildHandout, sampleClinicPath } from '../build.js';
import { loadClinic } from '../brand/load-clinic.js';
import { fileStart, Diagnostics, formatDiagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import {
  SOURCE_LANG,
  langOfFile,
  reportTranslation,
  translationReport,
  translatedFromPlace,
  type TranslationPolicy,
  type TranslationState,
} from '../i18n/translation-status.js';
import { nodeWorld, readFileText } from '../world.js';
import type { CliIo } from './main.js';

export { translatedFromPlace };
import { CONFIG_FILE, loadCheckConfig } from '../check/config.js';
import { checkClinic, checkGuideFile } from '../check/run.js';
import type { ReadabilityReport } from '../check/check-guide.js';
import { checkJsonSchema, type CheckJsonGuide } from '../check/json-report.js';
import { formatReadability } from '../check/text-report.js';

/** Options of {@link check} (as parsed by commander). */
export interface CheckOptions {
  /** The clinic profile; default the bundled sample clinic. */
  readonly clinic?: string;
  /** `error`: missing and stale translations are errors; otherwise warnings. */
  readonly translations?: TranslationPolicy;
  /** Print one JSON document (schema `handoutkit-check/1`) on stdout instead of text. */
  readonly json?: boolean;
  /** The config file (default `handout.config.yaml` in the working folder, when present). */
  readonly config?: string;
  /** The day `reviewDue` is compared with (YYYY-MM-DD; default today). */
  readonly today?: string;
}

/** Counts printed in the summary line. */
export interface CheckSummary {
  /** Guide files checked. */
  readonly files: number;
  /** Distinct guides (folders) among them. */
  readonly guides: number;
  /** Distinct languages among them. */
  readonly languages: number;
  readonly errors: number;
  readonly warnings: number;
  readonly notes: number;
  readonly current: number;
  readonly stale: number;
  readonly missing: number;
}

const TRANSLATION_RULES = new Set(['translation-missing', 'translation-stale']);

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
    const place =
      s.state === 'missing' && sourceFile ? fileStart(sourceFile) : s.state === 'stale' ? translatedFromPlace(s.file) : undefined;
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
  const rules = new Intl.PluralRules('en');
  const plural = (n: number, word: string): string => `${n} ${word}${rules.select(n) === 'one' ? '' : 's'}`;
  return (
    `checked ${plural(s.files, 'file')} (${plural(s.guides, 'guide')}, ${plural(s.languages, 'language')}): ` +
    `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.notes, 'note')}; translations: ${s.current} ` +
    `up to date, ${s.stale} stale, ${s.missing} missing`
  );
}

/** Guide files and clinic profiles named on the command line (folders: every `.md` inside, recursively). */
function expandInputs(paths: readonly string[], cwd: string): { guides: string[]; clinics: string[]; missing: string[] } {
  const guides: string[] = [];
  const clinics: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') walk(p);
      else if (e.isFile() && e.name.endsWith('.md')) guides.push(p);
    }
  };
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    if (/\.ya?ml$/i.test(abs)) clinics.push(abs);
    else if (existsSync(abs) && statSync(abs).isDirectory()) walk(abs);
    else if (existsSync(abs) || abs.endsWith('.md')) guides.push(abs);
    else missing.push(given);
  }
  return { guides, clinics, missing };
}

/** Parses `--today`, or today's date (UTC). */
function todayOf(value: string | undefined): Date | undefined {
  if (value === undefined) return new Date();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  return d && d.toISOString().slice(0, 10) === value ? d : undefined;
}

/**
 * Checks guides and clinic profiles (default: every bundled guide): build diagnostics, content
 * rules (readability, plain language, actionability, hygiene) and translation status. Prints
 * diagnostics to stderr and a readability report and summary to stdout (or one JSON document
 * with `--json`). Writes no file. Returns the exit code: 0 without errors, 1 with errors, 2 for
 * usage or config errors.
 */
export async function check(paths: readonly string[], opts: CheckOptions, io: CliIo): Promise<number> {
  const today = todayOf(opts.today);
  if (!today) {
    io.stderr(`handout: --today must be a date written YYYY-MM-DD; got \`${opts.today}\`\n`);
    return 2;
  }
  const configFile = path.resolve(io.cwd, opts.config ?? CONFIG_FILE);
  const loaded = loadCheckConfig(configFile, opts.config !== undefined);
  if (!loaded.config) {
    for (const d of loaded.diagnostics) io.stderr(formatDiagnostic({ ...d, file: displayPath(d.file, io.cwd) }) + '\n');
    return 2;
  }
  const config = loaded.config;
  const expanded = paths.length === 0 ? { guides: bundledGuideFiles(), clinics: [], missing: [] } : expandInputs(paths, io.cwd);
  if (expanded.missing.length) {
    io.stderr(`handout: no such guide, folder or clinic profile: ${expanded.missing.map((m) => `\`${m}\``).join(', ')}\n`);
    return 2;
  }
  const inputs = expanded.guides;
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
  const brand = await loadClinic(clinic, new Diagnostics(), nodeWorld); // its problems are reported by each build
  const guides: (Omit<CheckJsonGuide, 'errors' | 'warnings' | 'notes' | 'readability'> & { readability: ReadabilityReport | null })[] = [];
  let failed = 0;
  for (const guide of inputs) {
    const shown = displayPath(guide, io.cwd);
    const file = shown === guide ? guide : path.resolve(io.cwd, shown);
    // Translation status is reported per folder below, so the build's own translation notes are dropped.
    const result = await buildHandout({ guide: file, clinic });
    if (!result.pdf) failed++;
    for (const d of result.diagnostics) if (!TRANSLATION_RULES.has(d.ruleId)) add(d);
    const read = readFileText(nodeWorld, file); // regular files only: a FIFO or device is never opened for reading
    const source = read.ok ? read.text : undefined; // else the build reported it
    const checked = source === undefined ? undefined : await checkGuideFile(file, source, config, today, brand);
    for (const d of checked?.diagnostics ?? []) add(d);
    guides.push({
      file: shown,
      id: checked?.meta.id ?? null,
      lang: checked?.meta.lang ?? null,
      built: result.pdf !== undefined,
      readability: checked?.readability ?? null,
    });
  }
  const clinicFiles = [...new Set([...expanded.clinics, ...(opts.clinic ? [clinic] : [])])];
  for (const file of clinicFiles) {
    const diags = new Diagnostics();
    const b = await loadClinic(file, diags, nodeWorld);
    for (const d of diags.list) add(d);
    if (b && !diags.hasErrors) for (const d of checkClinic(file, b, config)) add(d);
  }

  const locales = brand?.locales ?? [];
  // every folder holding a source guide, wherever it is (not only under `guides/`)
  const folders = [...new Set(inputs.map((g) => path.dirname(g)))].filter((dir) => existsSync(path.join(dir, `${SOURCE_LANG}.md`)));
  // with `locales` set, only the languages the clinic serves count (a file in another language is not "up to date" for it)
  const served = (s: TranslationState): boolean => locales.length === 0 || s.state === 'source' || locales.includes(s.lang);
  let current = 0;
  let stale = 0;
  let missing = 0;
  for (const dir of folders.sort()) {
    const states = translationReport(dir, locales).filter(served);
    for (const s of states) {
      if (s.state === 'current') current++;
      else if (s.state === 'stale') stale++;
      else if (s.state === 'missing') missing++;
    }
    for (const d of translationDiagnostics(states, policy)) add(d);
  }

  const count = (file: string | undefined, severity: Diagnostic['severity']): number =>
    all.filter((d) => (file === undefined || d.file === file) && d.severity === severity).length;
  const guideCount = new Set(inputs.map((g) => path.dirname(g))).size;
  const languages = new Set(inputs.map((g) => langOfFile(g))).size;
  const summary: CheckSummary = {
    files: inputs.length,
    guides: guideCount,
    languages,
    errors: count(undefined, 'error'),
    warnings: count(undefined, 'warning'),
    notes: count(undefined, 'note'),
    current,
    stale,
    missing,
  };
  if (opts.json) {
    // validated against the published schema, so the output never drifts from it
    const doc = checkJsonSchema.parse({
      schema: 'handoutkit-check/1',
      guides: guides.map((g) => ({
        ...g,
        errors: count(g.file, 'error'),
        warnings: count(g.file, 'warning'),
        notes: count(g.file, 'note'),
      })),
      clinics: clinicFiles
        .map((f) => displayPath(f, io.cwd))
        .map((f) => ({ file: f, errors: count(f, 'error'), warnings: count(f, 'warning'), notes: count(f, 'note') })),
      diagnostics: groupedByFile(all).map((d) => ({
        file: d.file,
        line: d.line,
        column: d.column,
        severity: d.severity,
        ruleId: d.ruleId,
        message: d.message,
        ...(d.hint === undefined ? {} : { hint: d.hint }),
      })),
      translations: { current, stale, missing },
      summary: { guides: summary.files, errors: summary.errors, warnings: summary.warnings, notes: summary.notes },
    });
    io.stdout(JSON.stringify(doc, null, 2) + '\n');
  } else {
    for (const d of groupedByFile(all)) io.stderr(formatDiagnostic(d) + '\n');
    for (const g of guides)
      if (g.readability) for (const line of formatReadability(g.file, g.lang ?? '?', g.readability)) io.stdout(line + '\n');
    io.stdout(formatSummary(summary) + '\n');
  }
  return summary.errors > 0 || failed > 0 ? 1 : 0;
}
