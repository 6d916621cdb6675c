/**
 * The `handout` command. Exit codes: 0 built (warnings allowed), 1 content
 * errors, 2 usage errors. Diagnostics go to stderr as
 * `path:line:column: error|warning message [rule-id]`.
 */
import { bundledGuideFiles, displayPath } from './paths.js';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { BuildInput, BuildResult } from '../build.js';
import { sampleClinicPath } from '../settings.js';
import { buildBatch, defaultJobs, startWorkers, type BuildWorkers } from '../batch/batch.js';
import { workersFor } from '../batch/worker-count.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import { checkFillNamesUsed, parseFillOptions, parseLimitOptions, type LimitOptions } from './limit-options.js';
import { countOf, escapeControls, formatDiagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { OutputFolders } from './output-folders.js';
import { packageDir } from '../package-dir.js';
import type { CheckOptions } from './check.js';
import type { CollisionContext, OutputCollision } from './output-collisions.js';
import type { BatchCliOptions } from './batch.js';
import type { UpToDate } from '../incremental/session.js';
import { declaredOutputName, removeFailedOutputs } from '../io/stale-output.js';
import { fileSystemProblem, outputOptionProblem, targetProblem } from './output-target.js';
import type { CheckConfig } from '../check/config.js';
import { registerPreview } from './preview.js';
import { registerServe } from './serve.js';

/** Where the CLI writes (injectable for tests). */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  /** Whether stderr is a terminal (progress bars). */
  readonly isTTY?: boolean;
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
  template?: 'handout' | 'checklist';
  largePrint?: boolean;
}

async function build(guides: string[], opts: BuildOptions & LimitOptions, io: CliIo): Promise<number> {
  const started: { workers?: BuildWorkers } = {};
  try {
    return await buildGuides(guides, opts, io, started);
  } finally {
    // stopped, not waited for (see `awaitExit` of buildBatch): the process exits right after
    started.workers?.destroy().catch(() => {});
  }
}

async function buildGuides(
  guides: string[],
  opts: BuildOptions & LimitOptions,
  io: CliIo,
  pending: { workers?: BuildWorkers },
): Promise<number> {
  if (opts.output && opts.outDir) throw new UsageError('use either -o/--output or --out-dir, not both');
  if (opts.output && guides.length > 1) throw new UsageError('-o/--output takes one guide; use --out-dir for several');
  const sample = guides.length === 0;
  const requested = [...new Set(sample ? bundledGuideFiles() : guides.map((g) => path.resolve(io.cwd, g)))];
  const outDir = path.resolve(io.cwd, opts.outDir ?? 'out');
  const started = performance.now();
  let failed = 0;
  let builtCount = 0;
  const written = new Map<string, string>(); // target → guide: a failing guide never removes what another one wrote
  const limits: Partial<Limits> = parseLimitOptions(opts, (m) => new UsageError(m));
  const fill = parseFillOptions(opts.fill ?? [], (m) => new UsageError(m));
  const jobs = opts.jobs === undefined ? defaultJobs() : Number(opts.jobs);
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1; got \`${opts.jobs}\``);
  const explicit = opts.output ? path.resolve(io.cwd, opts.output) : undefined;
  const shown = (p: string): string => displayPath(p, io.cwd);
  const clinicFile = opts.clinic ? path.resolve(io.cwd, opts.clinic) : sampleClinicPath();
  const optionProblem = outputOptionProblem(explicit, explicit ? undefined : outDir, shown);
  if (optionProblem) throw new UsageError(optionProblem);
  if (explicit) {
    const onInput = targetProblem(explicit, [...requested, clinicFile], true, shown);
    if (onInput) throw new UsageError(onInput);
  }
  const problem = (message: string): void => io.stderr(`handout: ${escapeControls(message)}\n`);
  // the build threads load the pipeline while this thread decides what is up to date (this thread never loads it);
  // they start before this thread loads its own share (the manifest, the config reader: yaml and zod), which it
  // then does at the same time
  pending.workers = await startWorkers(workersFor(jobs, requested)); // no more than pay for their start-up
  // the package's folders the run fingerprint checks are listed on the I/O threads while this thread loads the rest
  // (incremental builds only: fill-in values turn them off)
  const listed = fill ? undefined : import('../incremental/fingerprint.js').then((m) => m.prefetchEnvironmentFingerprint());
  listed?.catch(() => {});
  // the output each guide's front matter names, read before any build (a guide deleted or broken meanwhile still loses its old PDF)
  const declared = new Map(explicit ? [] : requested.map((g) => [g, declaredOutputName(g)] as const));
  const [{ IncrementalSession }, { MANIFEST_NAME }] = await Promise.all([
    import('../incremental/session.js'),
    import('../incremental/manifest.js'),
  ]);
  const checks = await buildChecks(io); // error-level `handout check` rules from handout.config.yaml
  if (checks === null) return 2;
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
      ...(shared ? { unusedFill: 'ignore' as const } : {}),
      clinic: clinicFile,
      ...(opts.paper ? { paper: opts.paper } : {}),
      ...(opts.pdfa ? { archival: true } : {}),
      ...(opts.fillable ? { fillable: true } : {}),
      ...(opts.template ? { template: opts.template } : {}),
      ...(opts.largePrint ? { largePrint: true } : {}),
      ...(opts.translations ? { translations: opts.translations } : {}),
      recordInputs: true, // also without a manifest: an output path that is one of the inputs is refused
      ...(checks ? { checks } : {}),
    };
  };
  const realInputs = new Map<string, string>(); // the inputs' real paths, found once per run (targetProblem)
  const folders = new OutputFolders();
  const deliver = async (result: BuildResult, guide: string): Promise<void> => {
    for (const d of sortDiagnostics(result.diagnostics)) io.stderr(formatDiagnostic(relativeDiag(d, io.cwd)) + '\n');
    const target =
      explicit ??
      (result.meta ? path.join(outDir, `${result.meta.id}.${result.outputLang ?? result.meta.lang}${outputSuffix(opts)}.pdf`) : undefined);
    // never leave a stale handout for a guide that failed: its target, the name its front matter declares, its manifest entries
    const fail = (): void => {
      failed++;
      const name = declared.get(guide);
      const stale = [...(target ? [target] : []), ...(name ? [path.join(outDir, name)] : []), ...incr.failed(guide, target)];
      for (const p of removeFailedOutputs(stale.filter((f) => !written.has(f)))) problem(p);
    };
    if (!result.pdf || !target) return fail();
    const inputPaths = [guide, clinicFile, ...(result.inputs ?? []).map((r) => r.path)];
    const refusal = targetProblem(target, inputPaths, opts.force === true, shown, realInputs);
    if (refusal) {
      problem(refusal);
      failed++; // the refused file is left as it is: it is an input, or its owner made it read-only
      incr.failed(guide, target);
      return;
    }
    try {
      await folders.write(target, result.pdf); // on the I/O threads: the workers keep building meanwhile
    } catch (e) {
      const message = fileSystemProblem(e, 'write', target, shown);
      if (!message) throw e;
      problem(message);
      return fail();
    }
    written.set(target, guide);
    builtCount++;
    incr.built(guide, target, explicit ? 'explicit' : 'auto', result.pdf, result);
    io.stdout(`${displayPath(target, io.cwd)} (${countOf(result.pages ?? 0, 'page', 'pages')})\n`);
  };
  // never overwrite a handout silently, decided before any output is written: two inputs that would write one output are
  // both refused (naming each other) and their old output removed; another clinic's handout in the folder is left alone.
  // (One guide can only meet another clinic's handout: without one in the manifest, the front matter reader is not loaded.)
  const checked =
    explicit || (requested.length < 2 && !incr.recordsOtherClinic(clinicFile)) ? undefined : await import('./output-collisions.js');
  const collisionContext: CollisionContext = {
    outDir,
    suffix: outputSuffix(opts),
    clinic: clinicFile,
    recordedClinic: (t) => {
      const recorded = incr.recordedClinic(t);
      return recorded === undefined ? undefined : path.resolve(incr.dir, recorded);
    },
    shown,
  };
  let collisions = new Map<string, OutputCollision>();
  const refuse = (found: Map<string, OutputCollision>): void => {
    collisions = found;
    for (const [guide, c] of found) {
      io.stderr(formatDiagnostic(relativeDiag(c.diagnostic, io.cwd)) + '\n');
      if (c.removeOld) {
        rmSync(c.target, { force: true });
        incr.failed(guide, c.target);
      }
      failed++;
    }
  };
  // Without fill-in values (whose names are checked against the guides built, below) the check runs while the first
  // documents build, on this thread between their results (1,000 guides' front matter: about a second); every result
  // waits for it, so its refusals come first and a refused guide's document, built meanwhile, is dropped unwritten.
  const alongside = checked !== undefined && fill === undefined;
  if (checked && !alongside) refuse(checked.outputCollisions(requested, collisionContext));
  const inputs = alongside ? requested : requested.filter((g) => !collisions.has(g));
  const shared = fill !== undefined && inputs.length > 1; // one set of values for several guides: each uses some of them
  if (shared) {
    const { nodeWorld, readFileText } = await import('../world.js');
    checkFillNamesUsed(
      fill,
      inputs,
      (f) => {
        const r = readFileText(nodeWorld, f);
        return r.ok ? r.text : undefined;
      },
      (m) => new UsageError(m),
    );
  }
  await listed?.catch(() => {});
  const upToDate = inputs.map((g) => incr.check({ ...itemFor(g), guide: g }, explicit));
  const todo = inputs.flatMap((_, i) => (upToDate[i] ? [] : [i]));
  const refused = alongside ? checked.outputCollisionsInSlices(requested, collisionContext).then(refuse) : Promise.resolve();
  refused.catch(() => {}); // (awaited below; this only keeps a failure from being reported as unhandled meanwhile)
  let next = 0; // results are printed in input order, skipped guides in their place
  const skipUpTo = (end: number): void => {
    for (; next < end; next++) {
      if (!upToDate[next] || collisions.has(inputs[next]!)) continue;
      written.set(upToDate[next]!.target, inputs[next]!);
      skipped(upToDate[next]!, io);
    }
  };
  const deliverAt = async (result: BuildResult, k: number): Promise<void> => {
    await refused;
    skipUpTo(todo[k]!);
    const guide = inputs[todo[k]!]!;
    if (!collisions.has(guide)) await deliver(result, guide);
    next = todo[k]! + 1;
  };
  // Every document (one or many) is built in a worker thread within its time budget, so a runaway one is really
  // stopped (its worker terminated) and reported `[time-budget]`; output comes in input order.
  if (todo.length > 0) {
    await buildBatch(
      todo.map((i) => itemFor(inputs[i]!)),
      {
        jobs,
        timeoutMs: limits.timeBudgetMs ?? DEFAULT_LIMITS.timeBudgetMs,
        onResult: deliverAt,
        workers: pending.workers,
        awaitExit: false,
      },
    );
  }
  await refused;
  skipUpTo(inputs.length);
  const manifestFile = path.join(incr.dir, MANIFEST_NAME);
  for (const w of incr.warnings) problem(`warning: ${w.split(manifestFile).join(shown(manifestFile))}`);
  try {
    incr.save();
  } catch (e) {
    const message = fileSystemProblem(e, 'write the build manifest', manifestFile, shown);
    if (!message) throw e;
    problem(`${message}; the next build will rebuild what it cannot verify`);
    return 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const fresh = upToDate.filter((u, i) => u && !collisions.has(inputs[i]!)).length;
  io.stdout(
    `build: ${builtCount} built, ${fresh} up to date, ${failed} failed in ${seconds.toFixed(1)} s ` +
      `(${seconds > 0 ? Math.round((builtCount / seconds) * 100) / 100 : 0} docs/s)\n`,
  );
  return failed > 0 ? 1 : 0;
}

/** `.checklist` for a checklist asked for on the command line, `.large` for large print (`x.en.checklist.large.pdf`). */
function outputSuffix(opts: BuildOptions): string {
  return `${opts.template === 'checklist' ? '.checklist' : ''}${opts.largePrint ? '.large' : ''}`;
}

/** The check config when handout.config.yaml (in the working folder) sets rules the build enforces; null after printing its errors. */
async function buildChecks(io: CliIo): Promise<CheckConfig | undefined | null> {
  const { CONFIG_FILE, errorRulesOnly, loadCheckConfig } = await import('../check/config.js');
  const loaded = loadCheckConfig(path.join(io.cwd, CONFIG_FILE), false);
  if (!loaded.config) {
    for (const d of loaded.diagnostics) io.stderr(formatDiagnostic(relativeDiag(d, io.cwd)) + '\n');
    return null;
  }
  return errorRulesOnly(loaded.config) ? loaded.config : undefined;
}

function skipped(u: UpToDate, io: CliIo): void {
  for (const d of sortDiagnostics(u.warnings)) io.stderr(formatDiagnostic(relativeDiag(d, io.cwd)) + '\n');
  io.stdout(`${displayPath(u.target, io.cwd)} (up to date)\n`);
}

function relativeDiag(d: Diagnostic, cwd: string): Diagnostic {
  return { ...d, file: displayPath(d.file, cwd) };
}

function version(): string {
  // the package's own package.json (bundled, read-only), not user input: read outside the World
  return (JSON.parse(readFileSync(path.join(packageDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command()
    .name('handout')
    .description('Turn Markdown patient guides into branded, accessible PDF handouts.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: (s) => io.stderr(s.split('\n').map(escapeControls).join('\n')) });
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
    .addOption(
      new Option(
        '--translations <policy>',
        'missing or stale translation: error (no PDF), or fallback (source-language handout with an interpreter notice)',
      ).choices(['error', 'fallback']),
    )
    .option(
      '--fill <name=value>',
      'personalised fill-in value for {{fill.<name>}} in the guide (repeatable); never logged',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .addOption(
      new Option(
        '--template <name>',
        "checklist: a printable checklist of the guide's checklist items, named <id>.<lang>.checklist.pdf",
      ).choices(['handout', 'checklist']),
    )
    .option('--large-print', 'large print: 18 pt body text, everything scaled to match, named <id>.<lang>.large.pdf')
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
    .description(
      'review guides (readability, plain language, actionability, hygiene) and translation status without writing PDFs; with ' +
        'no path, checks the bundled samples',
    )
    .argument('[paths...]', 'guide files (content/guides/<id>/<lang>.md), folders of guides, or clinic profiles (clinic.yaml)')
    .option(
      '--clinic <clinic.yaml>',
      'clinic profile; its `locales` are the languages checked for translations (default: the bundled sample clinic)',
    )
    .addOption(
      new Option(
        '--translations <policy>',
        'missing or stale translations: error, or fallback (reported as warnings, the default)',
      ).choices(['error', 'fallback']),
    )
    .option('--json', 'print one JSON document (schema handoutkit-check/1) on stdout instead of text')
    .option(
      '--config <file>',
      'config file whose `check:` section sets thresholds and rule levels (default: handout.config.yaml here, if present)',
    )
    .option('--today <YYYY-MM-DD>', 'the date reviewDue is compared with (default: today)')
    .action(async (guides: string[], opts: CheckOptions) => {
      const { check } = await import('./check.js'); // the language tools load only for `handout check`
      code = await check(guides, opts, io);
    });
  program
    .command('batch')
    .description('build a whole library (clinics × guides × languages × variants) from handout.config.yaml into out/<clinic>/<lang>/')
    .option('--config <file>', 'the library config (default: handout.config.yaml)')
    .option('--jobs <n>', 'documents built at once in worker threads (default: number of cores)')
    .option('--force', 'rebuild every output, also those whose inputs have not changed')
    .option(
      '--only <glob>',
      'build only outputs whose path under the output folder matches (repeatable), e.g. "*/es/*"',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--dry-run', 'print what would be built and removed; write nothing')
    .option('--json', 'print one JSON object per output and a summary object (see the README)')
    .action(async (opts: BatchCliOptions) => {
      const { batch } = await import('./batch.js'); // loaded only for this command
      code = await batch(opts, io);
    });
  registerPreview(program, io, (c) => (code = c));
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
      io.stderr(`handout: ${escapeControls(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}
