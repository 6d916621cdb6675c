/**
 * Poppler (`pdftotext`) and `qpdf` as independent checkers for tests. Both are external programs:
 * use {@link hasTool} / {@link missingToolReason} to skip, with a clear message, only when the
 * program is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const toolCache = new Map<string, boolean>();

/** Whether an executable called `name` can be started (looked up on PATH; the answer is cached). */
export function hasTool(name: string): boolean {
  const cached = toolCache.get(name);
  if (cached !== undefined) return cached;
  const result = spawnSync(name, ['-v'], { stdio: 'ignore', timeout: 10_000 });
  const error: NodeJS.ErrnoException | undefined = result.error;
  const present = error === undefined || (error.code !== 'ENOENT' && error.code !== 'EACCES');
  toolCache.set(name, present);
  return present;
}

/**
 * A skip message naming the missing programs and how to install them, or `null` when all are present.
 * Use it as `it.skipIf(reason !== null)` and put the reason in the test title.
 */
export function missingToolReason(...names: string[]): string | null {
  const missing = names.filter((n) => !hasTool(n));
  if (missing.length === 0) return null;
  return `skipped: ${missing.join(', ')} not installed (apt-get install poppler-utils qpdf)`;
}

/** Options for {@link pdftotext}. */
export interface PdftotextOptions {
  /** `layout` keeps the physical layout (`-layout`), `raw` keeps content-stream order (`-raw`); default is pdftotext's reading order. */
  mode?: 'layout' | 'raw' | 'default';
  /** First page to extract, 1-based (`-f`). */
  firstPage?: number;
  /** Last page to extract, 1-based (`-l`). */
  lastPage?: number;
}

/** Writes `pdf` to a fresh temporary directory, runs `fn` on the file path, and removes the directory. */
function withTempPdf<T>(pdf: Uint8Array, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'handoutkit-pdf-'));
  try {
    const file = join(dir, 'input.pdf');
    writeFileSync(file, pdf);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Extracts text with Poppler's `pdftotext` (UTF-8; pages separated by form feeds `\f`).
 * Throws when pdftotext is missing or fails, quoting its error output.
 */
export function pdftotext(pdf: Uint8Array, opts: PdftotextOptions = {}): string {
  const args: string[] = ['-enc', 'UTF-8'];
  if (opts.mode === 'layout') args.push('-layout');
  if (opts.mode === 'raw') args.push('-raw');
  if (opts.firstPage !== undefined) args.push('-f', String(opts.firstPage));
  if (opts.lastPage !== undefined) args.push('-l', String(opts.lastPage));
  return withTempPdf(pdf, (file) => {
    const result = spawnSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw new Error(`pdftotext could not be started: ${result.error.message}`);
    if (result.status !== 0) {
      throw new Error(`pdftotext exited with status ${String(result.status)}: ${result.stderr.trim()}`);
    }
    return result.stdout;
  });
}

/**
 * Runs `qpdf --check`. `ok` is true only for exit status 0 (no errors and no warnings);
 * `output` is qpdf's stdout and stderr together.
 */
export function qpdfCheck(pdf: Uint8Array): { ok: boolean; output: string } {
  return withTempPdf(pdf, (file) => {
    const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw new Error(`qpdf could not be started: ${result.error.message}`);
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  });
}
