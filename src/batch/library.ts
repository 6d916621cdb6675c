/**
 * Runs a planned library (`handout batch`): decides which outputs are up to
 * date (same run fingerprint, every recorded input unchanged, the PDF present
 * with its recorded SHA-256), builds the others in the worker pool, writes
 * each PDF atomically, keeps `<out>/manifest.json` equal to the PDFs present,
 * and removes outputs the config no longer produces after a complete run.
 * A stop request (`signal`) abandons the documents in progress and writes the
 * manifest for what is complete.
 */
import { existsSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { diagnosticIn, type Diagnostic } from '../diagnostics.js';
import { writeFileAtomicAsync, removeStaleTemps } from '../io/atomic-write.js';
import { canonicalJson, type JsonValue } from '../incremental/canonical-json.js';
import { environmentFingerprint, runFingerprint, type RunFingerprint } from '../incremental/fingerprint.js';
import { hashFile, portableRelative, sha256 } from '../incremental/hash.js';
import { SOURCE_LANG } from '../i18n/guide-files.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { buildBatch, startWorkers, type BuildWorkers } from './batch.js';
import { workersFor } from './worker-count.js';
import type { LibraryConfig } from './config.js';
import {
  LIBRARY_MANIFEST,
  readLibraryManifest,
  serializeLibraryManifest,
  writeLibraryManifest,
  type LibraryEntry,
  type LibraryManifest,
} from './library-manifest.js';
import type { PlannedOutput } from './plan.js';
import type { BatchResult, WorkerStats } from './types.js';

/** What happened to one output. */
export type ItemStatus = 'built' | 'up-to-date' | 'failed' | 'skipped' | 'would-build';

/** One finished (or decided) output, reported as it happens. */
export interface ItemEvent {
  readonly output: PlannedOutput;
  readonly status: ItemStatus;
  /** Why an output was skipped: not matched by `only`, or the run was stopped first. */
  readonly reason?: 'not-selected' | 'interrupted';
  /** The manifest entry (built and up-to-date outputs). */
  readonly entry?: LibraryEntry;
  /** Diagnostics of the build (absolute paths); for up-to-date outputs, those recorded. */
  readonly diagnostics: readonly Diagnostic[];
  /** The worker thread that built (or failed to build) the output, and its heap then. */
  readonly worker?: WorkerStats;
}

/** Counts of a run. */
export interface LibrarySummary {
  readonly total: number;
  readonly built: number;
  readonly upToDate: number;
  readonly failed: number;
  readonly skipped: number;
  /** Outputs removed because the config no longer produces them (or would be, with `dryRun`), relative to the output folder. */
  readonly removed: readonly string[];
  readonly interrupted: boolean;
  readonly dryRun: boolean;
  readonly wallMs: number;
}

/** Options of {@link runLibrary}. */
export interface RunLibraryOptions {
  readonly jobs: number;
  /** Rebuild every selected output. */
  readonly force?: boolean;
  /** Globs over output paths relative to the output folder (`clinic/lang/guide.pdf`): only these are built. */
  readonly only?: readonly string[];
  /** Decide and report, write and remove nothing. */
  readonly dryRun?: boolean;
  /** Stops the run (SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
  /** Time budget of one document in milliseconds. */
  readonly timeoutMs?: number;
  /** Called for every output as its fate is known. */
  readonly onItem?: (event: ItemEvent) => void;
  /** Replaces parts of the software fingerprint (tests: a different tool version or fonts). */
  readonly environment?: { readonly [key: string]: JsonValue };
  /**
   * Build in this thread, one document at a time, instead of the worker pool: no time budget and no
   * abandoning a document on stop (for small runs from a long-lived process, and tests).
   */
  readonly inProcess?: boolean;
  /** How often the manifest is saved during a run, in ms (default 2000). */
  readonly saveEveryMs?: number;
}

const TEMP = /^\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Clinics built together, guide by guide: a worker keeps what it made of a guide (its parse) and of a clinic
 * (its profile, logo and fonts) for the next outputs, and a block of this many clinics fits in what it keeps.
 */
export const CLINICS_PER_BLOCK = 32;

/**
 * The order outputs are built in: blocks of {@link CLINICS_PER_BLOCK} clinics (in plan order); in a block, guide
 * by guide (each guide's outputs one after another, in plan order: clinic, language, variant). Deterministic and
 * independent of the number of workers; the outputs and the manifest do not depend on it.
 */
export function buildOrder(outputs: readonly PlannedOutput[]): PlannedOutput[] {
  const clinicRank = new Map<string, number>();
  const guideRank = new Map<string, number>();
  for (const o of outputs) {
    if (!clinicRank.has(o.clinic.id)) clinicRank.set(o.clinic.id, clinicRank.size);
    if (!guideRank.has(o.guide.dir)) guideRank.set(o.guide.dir, guideRank.size);
  }
  const block = (o: PlannedOutput): number => Math.floor(clinicRank.get(o.clinic.id)! / CLINICS_PER_BLOCK);
  // Array.prototype.sort is stable: equal keys keep plan order
  return [...outputs].sort((a, b) => block(a) - block(b) || guideRank.get(a.guide.dir)! - guideRank.get(b.guide.dir)!);
}

/**
 * Files in the output tree's `<clinic>/<lang>/` folders (the only place batch outputs live), for
 * the clinic folders in `clinics` only: other folders in the output folder are never touched.
 */
function treeFiles(outDir: string, clinics: ReadonlySet<string>): { dirs: string[]; files: string[] } {
  const dirs: string[] = [];
  const files: string[] = [];
  const list = (d: string): string[] => {
    try {
      return readdirSync(d).sort();
    } catch {
      return [];
    }
  };
  const isDir = (p: string): boolean => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  for (const c of list(outDir)) {
    const cd = path.join(outDir, c);
    if (c.startsWith('.') || !clinics.has(c) || !isDir(cd)) continue;
    dirs.push(cd);
    for (const l of list(cd)) {
      const ld = path.join(cd, l);
      if (!isDir(ld)) continue;
      dirs.push(ld);
      for (const f of list(ld)) files.push(path.join(ld, f));
    }
  }
  return { dirs, files };
}

function toolOf(env: { readonly [key: string]: JsonValue }): string {
  return `handoutkit ${typeof env.handoutkit === 'string' ? env.handoutkit : 'unknown'}`;
}

/** Runs the library `plan` of `config`. Never throws on bad content: failures are items with diagnostics. */
export async function runLibrary(
  config: LibraryConfig,
  plan: readonly PlannedOutput[],
  options: RunLibraryOptions,
): Promise<LibrarySummary> {
  const pool: { workers?: Promise<BuildWorkers> } = {};
  try {
    return await run(config, plan, options, pool);
  } finally {
    // the batch stops its workers; these are the ones started for a run that failed before it or built nothing
    await pool.workers?.then(
      (w) => w.destroy(),
      () => undefined,
    );
  }
}

async function run(
  config: LibraryConfig,
  plan: readonly PlannedOutput[],
  options: RunLibraryOptions,
  pool: { workers?: Promise<BuildWorkers> },
): Promise<LibrarySummary> {
  const started = performance.now();
  const outDir = config.outDir;
  const base = config.base;
  const rel = (p: string): string => portableRelative(base, p);
  const old = readLibraryManifest(outDir);
  const env = { ...environmentFingerprint(), ...(options.environment ?? {}) };
  const emit = options.onItem ?? (() => {});
  const selected = options.only && options.only.length > 0 ? picomatch([...options.only], { dot: true }) : undefined;
  // the clinic folders batch owns: this config's clinics and those the manifest recorded
  const owned = new Set([...config.clinics.map((c) => c.id), ...[...old.outputs.keys()].map((k) => k.split('/')[0]!)]);

  // stale temporaries of killed writers (their process is gone)
  if (!options.dryRun) {
    for (const f of treeFiles(outDir, owned).files) {
      const m = TEMP.exec(path.basename(f));
      if (m) removeStaleTemps(path.join(path.dirname(f), m[1]!));
    }
    removeStaleTemps(path.join(outDir, LIBRARY_MANIFEST));
  }

  // Worker threads load the pipeline (about 2 s of CPU) while this thread fingerprints the software and hashes
  // inputs: started at once when something surely is to be built, else at the first output found out of date.
  const isSelected = (o: PlannedOutput): boolean => !selected || selected(o.key);
  const startBuilding = (): void => {
    // no more workers than pay for their start-up (worker-count.ts)
    if (!options.dryRun && !options.inProcess)
      pool.workers ??= startWorkers(
        workersFor(
          options.jobs,
          plan.filter(isSelected).map((o) => o.item.guide),
        ),
      );
  };
  if (plan.some((o) => isSelected(o) && (options.force || !old.outputs.has(o.key)))) startBuilding();

  const hashes = new Map<string, string | null>();
  const hashOf = (file: string): string | null => {
    if (!hashes.has(file)) hashes.set(file, hashFile(file));
    return hashes.get(file) ?? null;
  };
  const runs = new Map<string, RunFingerprint>();
  const fingerprint = (o: PlannedOutput): RunFingerprint => {
    const { guide: _guide, recordInputs: _record, ...opts } = o.item;
    const key = JSON.stringify(opts);
    let run = runs.get(key);
    if (!run) {
      const settings = { ...runFingerprint(opts, base).settings, ...env };
      run = { id: sha256(canonicalJson(settings)), settings };
      runs.set(key, run);
    }
    return run;
  };
  const upToDate = (o: PlannedOutput, run: RunFingerprint): LibraryEntry | undefined => {
    const e = old.outputs.get(o.key);
    if (!e || e.run !== run.id) return undefined;
    for (const [file, h] of Object.entries(e.inputs)) if (hashOf(path.resolve(base, file)) !== h) return undefined;
    return hashFile(o.target) === e.sha256 ? e : undefined;
  };

  const current: LibraryManifest = { outputs: new Map(old.outputs), runs: new Map(old.runs) };
  const todo: PlannedOutput[] = [];
  let upToDateCount = 0;
  let skipped = 0;
  for (const o of plan) {
    if (!isSelected(o)) {
      skipped++;
      emit({ output: o, status: 'skipped', reason: 'not-selected', diagnostics: [] });
      continue;
    }
    const run = fingerprint(o);
    const fresh = options.force ? undefined : upToDate(o, run);
    if (fresh) {
      upToDateCount++;
      emit({
        output: o,
        status: 'up-to-date',
        entry: fresh,
        diagnostics: fresh.diagnostics.map((d) => ({ ...d, file: path.resolve(base, d.file) })),
      });
    } else {
      todo.push(o);
      startBuilding();
    }
  }

  const planned = new Set(plan.map((o) => o.key));
  const { files: present } = treeFiles(outDir, owned);
  const dropped = [
    ...new Set([
      ...[...old.outputs.keys()].filter((k) => !planned.has(k) && existsSync(path.join(outDir, k))),
      ...present
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => portableRelative(outDir, f))
        .filter((k) => !planned.has(k)),
    ]),
  ].sort();

  if (options.dryRun) {
    for (const o of todo) emit({ output: o, status: 'would-build', diagnostics: [] });
    return {
      total: plan.length,
      built: 0,
      upToDate: upToDateCount,
      failed: 0,
      skipped,
      removed: dropped,
      interrupted: false,
      dryRun: true,
      wallMs: performance.now() - started,
    };
  }

  let built = 0;
  let failed = 0;
  const saveEvery = options.saveEveryMs ?? 2000;
  let lastSave = performance.now();
  // The manifest is saved now and then during the run, on the I/O threads (a large one takes a while to write),
  // one save at a time; a failed save stops the run like a failed PDF write.
  const manifestFile = path.join(outDir, LIBRARY_MANIFEST);
  let saving: Promise<void> | undefined;
  let saveError: Error | undefined;
  const saveNow = (): void => {
    const text = Buffer.from(serializeLibraryManifest(current), 'utf8');
    saving = writeFileAtomicAsync(manifestFile, text)
      .catch((e: unknown) => void (saveError ??= e instanceof Error ? e : new Error(String(e))))
      .finally(() => {
        saving = undefined;
        lastSave = performance.now();
      });
  };
  const folders = new Map<string, Promise<unknown>>(); // output folders made (once each) in this run
  // This thread keeps every entry until the manifest is written at the end: a string many entries hold (an input's
  // SHA-256, which arrives as a new copy with each result from a worker; a source path) is kept once.
  const strings = new Map<string, string>();
  const shared = (s: string): string => {
    const kept = strings.get(s);
    if (kept !== undefined) return kept;
    strings.set(s, s);
    return s;
  };
  const tool = toolOf(env);
  const build = buildOrder(todo);
  const deliver = async (r: BatchResult, index: number): Promise<void> => {
    if (saveError !== undefined) throw saveError;
    const o = build[index]!;
    if (r.interrupted) {
      skipped++;
      emit({ output: o, status: 'skipped', reason: 'interrupted', diagnostics: [] });
      return;
    }
    if (!r.pdf) {
      failed++;
      rmSync(o.target, { force: true }); // never leave an older handout (e.g. a stale translation) for an output that failed
      current.outputs.delete(o.key);
      emit({ output: o, status: 'failed', diagnostics: r.diagnostics, ...(r.worker ? { worker: r.worker } : {}) });
    } else {
      // stale temporaries were removed at the start, so a folder is only made (once), never listed again
      const folder = path.dirname(o.target);
      let made = folders.get(folder);
      if (!made) folders.set(folder, (made = mkdir(folder, { recursive: true })));
      await made;
      await writeFileAtomicAsync(o.target, r.pdf, { dirReady: true }); // on the I/O threads: the workers keep building meanwhile
      const run = fingerprint(o);
      const inputs: Record<string, string | null> = {}; // every file the build read (or looked for) through its World
      for (const i of r.inputs ?? []) inputs[rel(i.path)] = i.sha256 === null ? null : shared(i.sha256);
      const meta = r.meta;
      const entry: LibraryEntry = {
        clinic: o.clinic.id,
        guide: o.guide.id,
        lang: o.lang,
        variant: o.variant.name,
        source: shared(rel(r.outputLang ? path.join(o.guide.dir, `${SOURCE_LANG}.md`) : o.item.guide)),
        guideVersion: meta?.version ?? 1,
        reviewed: meta?.reviewed ?? null,
        translation: o.lang === SOURCE_LANG ? 'source' : r.outputLang ? 'fallback' : 'current',
        inputs,
        sha256: sha256(r.pdf),
        bytes: r.pdf.length,
        pages: r.pages ?? 0,
        tool,
        run: run.id,
        diagnostics: r.diagnostics.map((d) => diagnosticIn(d, rel(d.file))),
      };
      current.outputs.set(o.key, entry);
      current.runs.set(run.id, run.settings);
      built++;
      emit({ output: o, status: 'built', entry, diagnostics: r.diagnostics, ...(r.worker ? { worker: r.worker } : {}) });
    }
    if (!saving && performance.now() - lastSave >= saveEvery) saveNow(); // a killed run loses at most the last few seconds of records
  };
  try {
    if (options.inProcess) {
      const { buildHandout } = await import('../build.js'); // only here: with workers, this thread never loads the pipeline
      for (const [i, o] of build.entries()) {
        const r: BatchResult = options.signal?.aborted
          ? { guide: o.item.guide, diagnostics: [], interrupted: true }
          : { ...(await buildHandout(o.item)), guide: o.item.guide };
        await deliver(r, i);
      }
    } else {
      await buildBatch(
        build.map((o) => o.item),
        {
          jobs: options.jobs,
          timeoutMs: options.timeoutMs ?? DEFAULT_LIMITS.timeBudgetMs,
          onResult: deliver,
          keepResults: false,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(pool.workers ? { workers: await pool.workers } : {}),
        },
      );
    }
  } finally {
    await saving; // never two writers of the manifest at once
  }
  if (saveError !== undefined) throw saveError;
  const interrupted = options.signal?.aborted ?? false;

  // the manifest lists exactly the PDFs present: after a complete run, the planned ones
  const final: LibraryManifest = { outputs: new Map(), runs: current.runs };
  for (const [k, e] of current.outputs) if ((planned.has(k) || interrupted) && existsSync(path.join(outDir, k))) final.outputs.set(k, e);
  const removed: string[] = [];
  const tree = treeFiles(outDir, owned);
  for (const f of tree.files) {
    const k = portableRelative(outDir, f);
    if (!f.endsWith('.pdf') || final.outputs.has(k)) continue;
    rmSync(f, { force: true }); // dropped by the config, or left without a record by a killed run
    if (!planned.has(k)) removed.push(k);
  }
  for (const d of tree.dirs.reverse()) {
    try {
      rmdirSync(d); // only empty folders go
    } catch {
      // not empty
    }
  }
  if (final.outputs.size > 0 || existsSync(path.join(outDir, LIBRARY_MANIFEST))) writeLibraryManifest(outDir, final);
  return {
    total: plan.length,
    built,
    upToDate: upToDateCount,
    failed,
    skipped,
    removed: removed.sort(),
    interrupted,
    dryRun: false,
    wallMs: performance.now() - started,
  };
}
