/**
 * The `handout` command. Exit codes: 0 built (warnings allowed), 1 content
 * errors, 2 usage errors. Diagnostics go to stderr as
 * `path:line:column: error|warning message [rule-id]`.
 */
import { bundledGuideFiles, displayPath } from './paths.js';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { buildHandout, sampleClinicPath, type BuildInput, type BuildResult } from '../build.js';
import { buildBatch, defaultJobs } from '../batch/batch.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import { parseFillOptions, parseLimitOptions, type LimitOptions } from './limit-options.js';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { packageDir } from '../package-dir.js';
import { check, type CheckOptions } from './check.js';
import { IncrementalSession, type UpToDate } from '../incremental/session.js';
import { registerServe } from './serve.js';

/** Where the CLI writes (injectable for tests). */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
}

class UsageError extends Error {}



interface BuildOptions {
  clinic?: string;
  paper?: 'letter' | 'a4';
  output?: string;
  outDir?: string;
  pdfa?: boolean;
  fillable?: boolean;
  translations?: 'error' | 'fallback';
  fill?: string[];
  jobs?: string;
  force?: boolean;
}

async function build(guides: string[], opts: BuildOptions & LimitOptions, io: CliIo): Promise<number> {
  if (opts.output && opts.outDir) throw new UsageError('use either -o/--output or --out-dir, not both');
  if (opts.output && guides.length > 1) throw new UsageError('-o/--output takes one guide; use --out-dir for several');
  const sample = guides.length === 0;
  const inputs = sample ? bundledGuideFiles() : guides.map((g) => path.resolve(io.cwd, g));
  const outDir = path.resolve(io.cwd, opts.outDir ?? 'out');
  let failed = 0;
  const limits: Partial<Limits> = parseLimitOptions(opts, (m) => new UsageError(m));
  const fill = parseFillOptions(opts.fill ?? [], (m) => new UsageError(m));
  const jobs = opts.jobs === undefined ? defaultJobs() : Number(opts.jobs);
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1; got \`${opts.jobs}\``);
  const explicit = opts.output ? path.resolve(io.cwd, opts.output) : undefined;
  // incremental builds: never with fill-in values (personal data stays out of the manifest)
  const incr = new IncrementalSession({
    manifestDir: explicit ? path.dirname(explicit) : outDir,
    mode: fill ? 'off' : opts.force ? 'force' : 'on',
  });
  const itemFor = (guide: string): BuildInput => {
    const shown = displayPath(guide, io.cwd);
    return {
      guide: shown === guide ? guide : path.resolve(io.cwd, shown),
      limits,
      ...(fill ? { fill } : {}),
      ...(opts.clinic ? { clinic: path.resolve(io.cwd, opts.clinic) } : { clinic: sampleClinicPath() }),
      ...(opts.paper ? { paper: opts.paper } : {}),
      ...(opts.pdfa ? { archival: true } : {}),
      ...(opts.fillable ? { fillable: true } : {}),
      ...(opts.translations ? { translations: opts.translations } : {}),
      ...(incr.records ? { recordInputs: true } : {}),
    };
  };
  const deliver = (result: BuildResult, guide: string): void => {
    for (const d of sortDiagnostics(result.diagnostics)) io.stderr(formatDiagnostic(relativeDiag(d, io.cwd)) + '\n');
    const target = opts.output
      ? path.resolve(io.cwd, opts.output)
      : result.meta
        ? path.join(outDir, `${result.meta.id}.${result.outputLang ?? result.meta.lang}.pdf`)
        : undefined;
    if (!result.pdf) {
      failed++;
      if (target) rmSync(target, { force: true }); // never leave a stale handout for a guide that failed
      incr.failed(guide, target);
      return;
    }
    writeFileAtomic(target!, result.pdf);
    incr.built(guide, target!, explicit ? 'explicit' : 'auto', result.pdf, result);
    io.stdout(`${displayPath(target!, io.cwd)} (${result.pages} page${result.pages === 1 ? '' : 's'})\n`);
  };
  const upToDate = inputs.map((g) => incr.check({ ...itemFor(g), guide: g }, explicit));
  const todo = inputs.flatMap((_, i) => (upToDate[i] ? [] : [i]));
  let next = 0; // results are printed in input order, skipped guides in their place
  const skipUpTo = (end: number): void => {
    for (; next < end; next++) if (upToDate[next]) skipped(upToDate[next]!, io);
  };
  const deliverAt = (result: BuildResult, k: number): void => {
    skipUpTo(todo[k]!);
    deliver(result, inputs[todo[k]!]!);
    next = todo[k]! + 1;
  };
  if (inputs.length > 1) {
    // Several guides: worker threads, each document within its time budget; output in input order.
    await buildBatch(todo.map((i) => itemFor(inputs[i]!)), { jobs, timeoutMs: limits.timeBudgetMs ?? DEFAULT_LIMITS.timeBudgetMs, onResult: deliverAt });
  } else {
    for (const [k, i] of todo.entries()) deliverAt(await buildHandout(itemFor(inputs[i]!)), k);
  }
  skipUpTo(inputs.length);
  incr.save();
  return failed > 0 ? 1 : 0;
}

function skipped(u: UpToDate, io: CliIo): void {
  for (const d of sortDiagnostics(u.warnings)) io.stderr(formatDiagnostic(relativeDiag(d, io.cwd)) + '\n');
  io.stdout(`${displayPath(u.target, io.cwd)} (up to date)\n`);
}

function relativeDiag(d: Diagnostic, cwd: string): Diagnostic {
  return { ...d, file: displayPath(d.file, cwd) };
}

function version(): string {
  return (JSON.parse(readFileSync(path.join(packageDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command()
    .name('handout')
    .description('Turn Markdown patient guides into branded, accessible PDF handouts.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  let code = 0;
  program
    .command('build')
    .description('build handouts; with no guide, builds the bundled samples for the sample clinic into out/')
    .argument('[guides...]', 'guide files (content/guides/<id>/<lang>.md)')
    .option('--clinic <clinic.yaml>', 'clinic profile (default: the bundled sample clinic)')
    .addOption(new Option('--paper <size>', 'paper size, overriding the clinic profile').choices(['letter', 'a4']))
    .option('-o, --output <file.pdf>', 'output file (one guide only)')
    .option('--out-dir <dir>', 'output folder; files are named <guide-id>.<lang>.pdf (default: out)')
    .option('--pdfa', 'write PDF/A-2a (archival, tagged) instead of PDF/UA-1 only')
    .option('--fillable', 'make task-list checkboxes form fields a reader can tick on screen (as front matter `fillable: true` does)')
    .addOption(new Option('--translations <policy>', 'missing or stale translation: error (no PDF), or fallback (source-language handout with an interpreter notice)').choices(['error', 'fallback']))
    .option('--fill <name=value>', 'personalised fill-in value for {{fill.<name>}} in the guide (repeatable); never logged', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--force', 'rebuild every handout, also those whose inputs have not changed since the last build')
    .option('--jobs <n>', 'guides built at once in worker threads when several are given (default: number of cores)')
    .option('--max-file-size <bytes>', `largest guide file in bytes (default ${DEFAULT_LIMITS.maxFileBytes})`)
    .option('--max-pages <n>', `most pages per handout (default ${DEFAULT_LIMITS.maxPages})`)
    .option('--max-image-pixels <n>', `largest image, width × height (default ${DEFAULT_LIMITS.maxImagePixels})`)
    .option('--max-nesting <n>', `deepest nesting of lists and quotes (default ${DEFAULT_LIMITS.maxNestingDepth})`)
    .option('--time-budget <seconds>', `time one document may take when several are built (default ${DEFAULT_LIMITS.timeBudgetMs / 1000})`)
    .action(async (guides: string[], opts: BuildOptions & LimitOptions) => {
      code = await build(guides, opts, io);
    });
  program
    .command('check')
    .description('check guides and translation status without writing PDFs; with no guide, checks the bundled samples')
    .argument('[guides...]', 'guide files (content/guides/<id>/<lang>.md)')
    .option('--clinic <clinic.yaml>', 'clinic profile; its `locales` are the languages checked for translations (default: the bundled sample clinic)')
    .addOption(new Option('--translations <policy>', 'missing or stale translations: error, or fallback (reported as warnings, the default)').choices(['error', 'fallback']))
    .action(async (guides: string[], opts: CheckOptions) => {
      code = await check(guides, opts, io);
    });
  registerServe(program, { ...io, usage: (m) => new UsageError(m), version: version() }, (c) => (code = c));
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`handout: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
