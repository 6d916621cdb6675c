/**
 * `handout batch [--config handout.config.yaml] [--jobs N] [--force] [--only <glob>] [--dry-run] [--json]`:
 * builds a whole library (clinics × guides × languages × variants) into
 * `<out>/<clinic-id>/<lang>/<guide-id>[.<variant>].pdf` with `<out>/manifest.json`.
 * Exit status: 0 all built or up to date, 1 some output failed, 2 config or
 * usage errors (before any work), 130/143 stopped by SIGINT/SIGTERM.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { defaultJobs } from '../batch/batch.js';
import { CONFIG_NAME, loadConfig } from '../batch/config.js';
import { runLibrary, type ItemEvent, type LibrarySummary } from '../batch/library.js';
import type { ItemJson, SummaryJson } from '../batch/json-events.js';
import { planLibrary } from '../batch/plan.js';
import { Diagnostics, formatDiagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { displayPath } from './paths.js';
import { Progress } from './progress.js';

/** Where the command writes. */
export interface BatchIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  /** Whether stderr is a terminal (progress bar instead of periodic lines). */
  readonly isTTY?: boolean;
}

/** Options of `handout batch` as commander gives them. */
export interface BatchCliOptions {
  config?: string;
  jobs?: string;
  force?: boolean;
  only?: string[];
  dryRun?: boolean;
  json?: boolean;
}

const SIGNAL_CODES: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

function rate(s: LibrarySummary): number {
  return s.wallMs > 0 ? Math.round((s.built / (s.wallMs / 1000)) * 100) / 100 : 0;
}

/** The closing line: `batch: 4 built, 2 up to date, 1 failed, 0 skipped, 1 removed in 3.2 s (1.25 docs/s)`. */
export function summaryLine(s: LibrarySummary): string {
  const head = s.dryRun ? 'batch (dry run): would build' : s.interrupted ? 'batch: interrupted;' : 'batch:';
  const removed = s.dryRun ? `${s.removed.length} to remove` : `${s.removed.length} removed`;
  const built = s.dryRun ? `${s.total - s.upToDate - s.skipped}` : `${s.built} built`;
  const rest = s.dryRun ? '' : `, ${s.failed} failed`;
  return (
    `${head} ${built}, ${s.upToDate} up to date${rest}, ${s.skipped} skipped, ${removed} in ` +
    `${(s.wallMs / 1000).toFixed(1)} s (${rate(s)} docs/s)`
  );
}

function shownDiag(d: Diagnostic, cwd: string): Diagnostic {
  return { ...d, file: displayPath(d.file, cwd) };
}

function itemJson(e: ItemEvent, io: BatchIo): ItemJson {
  const o = e.output;
  return {
    type: 'item',
    output: o.key,
    path: displayPath(o.target, io.cwd),
    clinic: o.clinic.id,
    guide: o.guide.id,
    lang: o.lang,
    variant: o.variant.name,
    status: e.status,
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.entry ? { translation: e.entry.translation, pages: e.entry.pages, bytes: e.entry.bytes, sha256: e.entry.sha256 } : {}),
    diagnostics: sortDiagnostics(e.diagnostics).map((d) => shownDiag(d, io.cwd)),
  };
}

/** Runs `handout batch`; returns the exit code. */
export async function batch(opts: BatchCliOptions, io: BatchIo): Promise<number> {
  const jobs = opts.jobs === undefined ? defaultJobs() : Number(opts.jobs);
  if (!Number.isSafeInteger(jobs) || jobs < 1) {
    io.stderr(`handout: --jobs must be a whole number of at least 1; got \`${opts.jobs}\`\n`);
    return 2;
  }
  const configFile = path.resolve(io.cwd, opts.config ?? CONFIG_NAME);
  const diags = new Diagnostics();
  const config = loadConfig(configFile, diags);
  const plan = config ? planLibrary(config, diags) : [];
  for (const d of sortDiagnostics(diags.list)) io.stderr(formatDiagnostic(shownDiag(d, io.cwd)) + '\n');
  if (!config || diags.hasErrors) return 2;
  for (const glob of opts.only ?? []) {
    if (!plan.some((o) => picomatch.isMatch(o.key, glob, { dot: true }))) {
      io.stderr(
        `handout: --only \`${glob}\` matches no output of the config; outputs are named ` +
          `<clinic-id>/<lang>/<guide-id>[.<variant>].pdf, e.g. ${plan[0] ? `\`${plan[0].key}\`` : 'none here'}\n`,
      );
      return 2;
    }
  }

  const controller = new AbortController();
  let signalled: string | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (signalled) return;
    signalled = sig;
    if (!opts.json) io.stderr(`\nhandout batch: ${sig}: stopping; finished outputs are kept and recorded\n`);
    controller.abort();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const s of signals) process.on(s, onSignal);
  const progress =
    opts.json || opts.dryRun
      ? undefined
      : new Progress({ write: io.stderr, tty: io.isTTY ?? false, total: plan.length, label: 'handout batch' });
  const onItem = (e: ItemEvent): void => {
    if (opts.json) {
      io.stdout(JSON.stringify(itemJson(e, io)) + '\n');
      return;
    }
    if (opts.dryRun) {
      if (e.status !== 'skipped')
        io.stdout(`${e.status === 'would-build' ? 'build     ' : 'up to date'} ${displayPath(e.output.target, io.cwd)}\n`);
      return;
    }
    progress?.tick(e.status === 'failed');
    if (e.status === 'built' || e.status === 'failed') {
      const shown = sortDiagnostics(e.diagnostics).map((d) => formatDiagnostic(shownDiag(d, io.cwd)) + '\n');
      if (e.status === 'failed') shown.push(`${displayPath(e.output.target, io.cwd)}: failed, no PDF written\n`);
      if (shown.length > 0) {
        if (io.isTTY) io.stderr('\r\x1b[K');
        io.stderr(shown.join(''));
      }
    }
  };
  let summary: LibrarySummary;
  try {
    summary = await runLibrary(config, plan, {
      jobs,
      ...(opts.force ? { force: true } : {}),
      ...(opts.only ? { only: opts.only } : {}),
      ...(opts.dryRun ? { dryRun: true } : {}),
      signal: controller.signal,
      onItem,
    });
  } finally {
    progress?.stop();
    for (const s of signals) process.off(s, onSignal);
  }
  if (opts.dryRun && !opts.json)
    for (const k of summary.removed) io.stdout(`remove     ${displayPath(path.join(config.outDir, k), io.cwd)}\n`);
  if (opts.json) {
    const s: SummaryJson = {
      type: 'summary',
      total: summary.total,
      built: summary.built,
      upToDate: summary.upToDate,
      failed: summary.failed,
      skipped: summary.skipped,
      removed: [...summary.removed],
      interrupted: summary.interrupted,
      dryRun: summary.dryRun,
      wallSeconds: Math.round(summary.wallMs) / 1000,
      docsPerSecond: rate(summary),
    };
    io.stdout(JSON.stringify(s) + '\n');
  } else io.stdout(summaryLine(summary) + '\n');
  if (signalled) return SIGNAL_CODES[signalled] ?? 130;
  return summary.failed > 0 ? 1 : 0;
}
