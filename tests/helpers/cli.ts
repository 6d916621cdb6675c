/**
 * The one harness for tests of the `handout` command line: run it in this process (documents are still built
 * in worker threads, from dist/), read its diagnostics back, make throwaway folders, and look at what it wrote.
 * Tests about the CLI *process* itself (signals, kills, cold start) spawn `bin/handout.js` instead.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPdf } from './pdf-read.js';

/** The repository (tests run from it). */
export const ROOT = path.resolve('.');

/** The bundled sample clinic profile. */
export const SAMPLE_CLINIC = path.join(ROOT, 'content/clinics/example-community/clinic.yaml');

/** What one run of `handout` printed, and its exit status. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs `handout <args>` in `cwd`, collecting stdout and stderr; `onOut` also sees each stdout chunk as it comes.
 * The CLI module is imported when first used, so a test's `vi.mock` of a module it uses applies.
 */
export async function runHandout(args: readonly string[], cwd: string, onOut?: (s: string) => void): Promise<CliRun> {
  const { runCli } = await import('../../src/cli/main.js');
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (s) => {
      out += s;
      onOut?.(s);
    },
    stderr: (s) => (err += s),
    cwd,
  });
  return { code, out, err };
}

/** One printed diagnostic, `path:line:column: severity message [rule-id]`. */
export interface PrintedDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly message: string;
  readonly rule: string;
}

const DIAGNOSTIC = /^(.+):(\d+):(\d+): (error|warning|note) (.+) \[([a-z0-9-]+)\]$/;

/** The diagnostic printed on `line`, or undefined when the line is not one. */
export function parseDiagnostic(line: string): PrintedDiagnostic | undefined {
  const m = DIAGNOSTIC.exec(line);
  if (!m) return undefined;
  return { file: m[1]!, line: Number(m[2]), column: Number(m[3]), severity: m[4]!, message: m[5]!, rule: m[6]! };
}

/** The diagnostics among the non-empty lines of `err` (hint lines skipped); `onOther` is called with each other line that is not one. */
export function diagnosticsOf(err: string, onOther?: (line: string) => void): PrintedDiagnostic[] {
  const out: PrintedDiagnostic[] = [];
  for (const l of err.split('\n')) {
    if (l === '' || l.startsWith('  hint: ')) continue; // a diagnostic's hint is on its own line under it
    const d = parseDiagnostic(l);
    if (d) out.push(d);
    else onOther?.(l);
  }
  return out;
}

/** The last line of stdout (the summary), with its newline. */
export const summaryLine = (out: string): string => `${out.trimEnd().split('\n').pop()}\n`;

/** A fresh temporary folder. */
export function tempDir(prefix = 'handout-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Copies the sample clinic profile and its logo into `dir` (created), with `yaml` instead of its profile when given. */
export function copySampleClinic(dir: string, yaml?: string): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(ROOT, 'content/clinics/example-community/logo.svg'), path.join(dir, 'logo.svg'));
  const file = path.join(dir, 'clinic.yaml');
  if (yaml === undefined) copyFileSync(SAMPLE_CLINIC, file);
  else writeFileSync(file, yaml);
  return file;
}

/** Every file under `dir` (relative, `/`-separated, sorted); none when it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, prefix: string): void => {
    // the entry's type from the listing itself: a build running meanwhile may rename a file between a listing and a stat
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const linkedDir = e.isSymbolicLink() && statSync(path.join(d, e.name), { throwIfNoEntry: false })?.isDirectory() === true;
      if (e.isDirectory() || linkedDir) walk(path.join(d, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  };
  walk(dir, '');
  return out;
}

/** Whether `file` is a complete PDF that a reader we did not write (MuPDF) can open. */
export function isWholePdf(file: string): boolean {
  const bytes = readFileSync(file);
  if (!bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) return false;
  if (!bytes.subarray(-32).toString('latin1').includes('%%EOF')) return false;
  try {
    return openPdf(bytes).countPages() > 0;
  } catch {
    return false;
  }
}
