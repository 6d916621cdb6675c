/**
 * Batch building: many guides in worker threads (`tinypool`). Each document
 * runs in its own worker with a time budget; a runaway document is stopped
 * (its worker terminated and replaced) and reported as a `time-budget`
 * diagnostic while the others continue. Results come back in input order
 * and are byte-identical to single-process builds.
 */
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { fileStart, type Diagnostic } from '../diagnostics.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { packageDir } from '../package-dir.js';
import { redactFill } from '../redact.js';
import { LaneQueue, laneKey } from './lanes.js';
import { CJK_COLLECTION_FILES, isCjkScript } from '../layout/fonts/bundled-fonts.js';
import { bundledFontsDir } from '../layout/fonts/fonts-dir.js';
import { DirectPool, type BuildPool } from './direct-pool.js';
import type { BatchItem, BatchResult, WorkerReply, WorkerTask } from './types.js';
import { WORKER_HEAP_LIMIT_MB, isOutOfMemory, memoryLimitMessage, setWorkerInitialHeap, workerRuntimeFlags } from './worker-limits.js';

export type { BatchItem, BatchResult, WorkerStats } from './types.js';

/** Options of {@link buildBatch}. */
export interface BatchOptions {
  /** Documents built at once (default: the number of cores). */
  readonly jobs?: number;
  /** Time budget of one document in milliseconds (default `DEFAULT_LIMITS.timeBudgetMs`, 120 s). */
  readonly timeoutMs?: number;
  /**
   * Called once per item, strictly in input order, as soon as the item and all
   * before it are done. When given, the returned results omit the PDF bytes
   * (so a batch of thousands never holds them all in memory).
   */
  readonly onResult?: (result: BatchResult, index: number) => void | Promise<void>;
  /**
   * With `onResult`, `false` keeps nothing of a result once handed over, and the batch returns no results
   * (`handout batch` records what it needs itself: memory stays flat over tens of thousands of outputs).
   */
  readonly keepResults?: boolean;
  /**
   * Stops the batch: no new document is started, documents in progress are
   * abandoned (their workers terminated), and every item not built comes back
   * with `interrupted: true` and no diagnostics.
   */
  readonly signal?: AbortSignal;
  /**
   * Worker threads already started with {@link startWorkers} (they load the pipeline while the caller
   * works out what to build). `buildBatch` uses at most `jobs` of them and stops them when it is done.
   */
  readonly workers?: BuildWorkers;
  /**
   * `false`: resolve as soon as the last result is handed over, and stop the worker threads in the background
   * instead of waiting for them to exit (a thread stopped right after its last document can take 0.1–0.2 s, on
   * the critical path of a one-guide `handout build`, which exits soon after anyway). Default `true`.
   */
  readonly awaitExit?: boolean;
}

/** Build worker threads started ahead of a {@link buildBatch}. */
export interface BuildWorkers {
  /** Threads started. */
  readonly threads: number;
  /** Most V8 heap (old generation) each may use, in MB. */
  readonly heapLimitMb: number;
  /** Stops the threads (needed only when the workers end up unused). */
  destroy(): Promise<void>;
}

/** One pool of one thread per worker, so that a document can go to the worker that has built its script (`lanes.ts`). */
const pools = new WeakMap<BuildWorkers, readonly BuildPool[]>();

/** What stays of a result handed over when results are not kept. */
const handedOver: BatchResult = Object.freeze({ guide: '', diagnostics: Object.freeze([]) });

/** Documents handed to one worker's pool at a time: the one it builds and the next (see the lanes in {@link buildBatch}). */
const PER_WORKER = 2;

/** A guide longer than this (bytes; about half a second's build) has no document queued behind it in its worker's pool. */
const QUEUE_BEHIND_MAX_BYTES = 64 * 1024;

/** How long a dispatched document may wait for its worker to start on it (loading the pipeline) before it is stopped. */
const STARTUP_ALLOWANCE_MS = 60_000;

/** Worker threads started by {@link prestartWorkers} (with the default heap limit), not yet taken by {@link startWorkers}. */
let early: Promise<BuildPool[]> | undefined;

/** What a build worker thread is told when it starts (its `workerData` in `direct-worker.ts`). */
export interface BuildWorkerData {
  /** The V8 flags it runs its code under ({@link workerRuntimeFlags}). */
  readonly runtimeFlags: string;
  /** Where the CLI thread posts font bytes it read for the worker (`DirectPool.sendFontBytes`; its own per thread). */
  readonly fontPort?: MessagePort;
}

/**
 * `n` pools of one build worker thread each, with V8's own heap sizing for a build of one guide (`oneDocument`), else a
 * larger start. With the bundled CLI each thread runs without tinypool ({@link DirectPool}: `direct-worker.cjs`);
 * unbundled (tsc only, tests), tinypool pools of `dist/batch/worker.js`.
 */
async function lanePools(n: number, heapLimitMb: number, oneDocument: boolean): Promise<BuildPool[]> {
  const resourceLimits = { maxOldGenerationSizeMb: heapLimitMb };
  const direct = directWorkerFile();
  if (!oneDocument) setWorkerInitialHeap(); // before the threads set up their heaps
  const workerData: BuildWorkerData = { runtimeFlags: workerRuntimeFlags() };
  if (direct !== undefined) return Array.from({ length: n }, () => new DirectPool(direct, { resourceLimits, workerData }));
  // loaded here, not at the top: `check` and the other commands never need worker threads
  const { Tinypool } = await import('tinypool');
  const filename = workerFile();
  return Array.from(
    { length: n },
    () => new Tinypool({ filename, name: 'buildInWorker', minThreads: 1, maxThreads: 1, idleTimeout: 1000, resourceLimits, workerData }),
  );
}

/**
 * Starts `threads` build worker threads before the caller has even loaded the code that decides how many it needs
 * (`bin/handout.js` for `handout build`, which always builds in at least one): the next {@link startWorkers} takes
 * them (resolves once the threads are started). Threads never taken end with the process. `oneDocument`: the run
 * builds one guide, and its worker starts with V8's own heap sizing (see {@link workerRuntimeFlags}). `guides`: the
 * guides named on the command line, when known (a Chinese, Japanese or Korean one has its fonts read for the first
 * worker at once).
 */
export async function prestartWorkers(threads: number, oneDocument = false, guides: readonly string[] = []): Promise<void> {
  early ??= lanePools(Math.max(1, Math.floor(threads)), WORKER_HEAP_LIMIT_MB, oneDocument);
  const started = await early.catch(() => undefined); // a failure to start shows again in startWorkers, which starts its own
  // a Chinese, Japanese or Korean guide: the CJK collections read now, while this thread loads the CLI (see buildBatch)
  if (started && guides.some((g) => isCjkScript(laneKey(g)))) started[0]?.sendFontBytes?.(bundledFontsDir(), CJK_COLLECTION_FILES);
}

/**
 * Starts `threads` build worker threads now: each loads the pipeline at once, so that a caller that
 * still has work of its own to do (reading manifests, hashing inputs) overlaps it with their start-up.
 * Threads started by {@link prestartWorkers} are used first.
 * Hand them to {@link buildBatch} (`workers`), or {@link BuildWorkers.destroy} them. Each may use at most
 * `heapLimitMb` of V8 heap (see worker-limits.ts).
 */
export async function startWorkers(threads: number, heapLimitMb: number = WORKER_HEAP_LIMIT_MB): Promise<BuildWorkers> {
  const n = Math.max(1, Math.floor(threads));
  // threads started early have the default heap limit: taken only when that is the limit asked for
  const taken = heapLimitMb === WORKER_HEAP_LIMIT_MB ? early : undefined;
  if (taken) early = undefined;
  const lanes = taken ? await taken.catch(() => []) : [];
  for (const extra of lanes.splice(n)) void extra.destroy();
  if (lanes.length < n) lanes.push(...(await lanePools(n - lanes.length, heapLimitMb, false)));
  let stopping: Promise<void> | undefined;
  const destroy = (): Promise<void> => (stopping ??= Promise.all(lanes.map((p) => p.destroy())).then(() => undefined));
  const workers: BuildWorkers = { threads: n, heapLimitMb, destroy };
  pools.set(workers, lanes);
  return workers;
}

/** The number of documents built at once by default. */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/**
 * The compiled worker module tinypool runs when the CLI is not bundled: `dist/batch/worker.js` next to the compiled
 * code, also when this module runs from the TypeScript sources (e.g. in tests).
 */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = path.join(path.dirname(here), 'worker.js');
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  return path.join(packageDir(), 'dist', 'batch', 'worker.js');
}

/** The bundled build worker thread's entry (`direct-worker.cjs` next to the bundled code), if this code is bundled. */
function directWorkerFile(): string | undefined {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'direct-worker.cjs');
  return existsSync(file) ? file : undefined;
}

function seconds(ms: number): string {
  return String(Math.round(ms / 10) / 100);
}

function failure(item: BatchItem, message: string, ruleId: string): Diagnostic {
  return { ...fileStart(item.guide), severity: 'error', message, ruleId };
}

function isAbort(e: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (e instanceof Error && e.name === 'AbortError');
}

/**
 * Builds every item in worker threads, at most `jobs` at a time, each within
 * its time budget. Never rejects because of content: every problem (a
 * runaway document, a crashed worker) is a diagnostic on its item.
 */
export async function buildBatch(items: readonly BatchItem[], options: BatchOptions = {}): Promise<BatchResult[]> {
  // never more lanes than started threads: a queued document's time budget would run while it waits
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), items.length || 1, options.workers?.threads ?? Infinity));
  const timeoutMs = options.timeoutMs ?? DEFAULT_LIMITS.timeBudgetMs;
  if (!(timeoutMs > 0)) throw new RangeError(`the time budget must be a positive number of milliseconds; got ${String(timeoutMs)}`);
  const results: (BatchResult | undefined)[] = new Array<BatchResult | undefined>(items.length);
  if (items.length === 0) {
    await options.workers?.destroy();
    return [];
  }
  const workers = options.workers ?? (await startWorkers(jobs));
  const lanePools = pools.get(workers)!;
  const keys = items.map((item) => laneKey(item.guide));
  const queue = new LaneQueue(keys, jobs);
  // Results are handed to `onResult` in input order on one chain, apart from the lanes: a worker gets its next
  // document as soon as it returns one, while the result is still being written. At most `window` documents
  // past the first one not yet handed over are started (memory stays flat however long the batch): enough that a
  // warm worker does not stop while another one builds its first, cold document (about a second; with 8, the
  // first worker of a `--jobs 2` run waited about 0.8 s for the second one's first result).
  const window = Math.max(32, 8 * jobs);
  let emitted = 0;
  let emitFailed = false;
  let emitting = Promise.resolve();
  let wake: (() => void)[] = [];
  const progressed = (): void => {
    for (const w of wake) w();
    wake = [];
  };
  const emit = (): Promise<void> => {
    emitting = emitting.then(async () => {
      try {
        while (emitted < items.length && results[emitted] !== undefined) {
          const index = emitted++;
          const r = results[index]!;
          if (options.onResult) {
            await options.onResult(r, index);
            if (options.keepResults === false) results[index] = handedOver;
            else {
              const { pdf: _dropped, ...rest } = r;
              results[index] = rest;
            }
          }
          progressed();
        }
      } catch (e) {
        emitFailed = true; // the lanes stop; the error comes out of the last emit()
        progressed();
        throw e;
      }
    });
    return emitting;
  };

  const runOne = async (index: number, pool: BuildPool, after: Promise<unknown>): Promise<void> => {
    const item = items[index]!;
    const controller = new AbortController();
    // The budget runs from the moment the worker starts on the document (it says so on `started`), so a worker
    // still loading the pipeline on a busy machine does not eat into it; a worker that never starts is stopped
    // after the budget plus a minute, counted from when the document before it in the same worker (`after`) is done.
    const started = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    let begun = false;
    let settled = false;
    const allowStart = (): void => {
      if (!begun && !settled) timer = setTimeout(() => controller.abort(), timeoutMs + STARTUP_ALLOWANCE_MS);
    };
    after.then(allowStart, allowStart);
    started.port1.once('message', () => {
      begun = true;
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), timeoutMs);
    });
    const stop = (): void => controller.abort();
    options.signal?.addEventListener('abort', stop);
    let result: BatchResult;
    try {
      const task: WorkerTask = { ...item, started: started.port2 };
      const reply = (await pool.run(task, { signal: controller.signal, transferList: [started.port2] })) as WorkerReply;
      const { pdf, ...rest } = reply;
      result = { ...rest, guide: item.guide, ...(pdf ? { pdf: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength) } : {}) };
    } catch (e) {
      if (options.signal?.aborted) {
        result = { guide: item.guide, diagnostics: [], interrupted: true };
      } else if (isAbort(e, controller.signal)) {
        const d = failure(
          item,
          `document exceeded its time budget of ${seconds(timeoutMs)} s; it was stopped and no PDF was written. Split the ` +
            `guide into smaller ones, or raise the budget with \`--time-budget <seconds>\``,
          'time-budget',
        );
        result = { guide: item.guide, diagnostics: [d], timedOut: true };
      } else if (isOutOfMemory(e)) {
        result = { guide: item.guide, diagnostics: [failure(item, memoryLimitMessage(workers.heapLimitMb), 'memory-limit')] };
      } else {
        const detail = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : 'unknown error';
        const diagnostics = [
          failure(
            item,
            `the guide could not be built: its worker stopped (${detail.slice(0, 200)}); this is a bug in handoutkit or the ` +
              `document needs more memory than allowed`,
            'internal-error',
          ),
        ];
        result = { guide: item.guide, diagnostics: item.fill ? redactFill(diagnostics, item.fill) : diagnostics };
      }
    } finally {
      settled = true;
      clearTimeout(timer);
      started.port1.close();
      options.signal?.removeEventListener('abort', stop);
    }
    results[index] = result;
    emit().catch(() => {}); // not awaited: the lane dispatches its next document meanwhile
  };

  // Each worker has up to PER_WORKER documents handed to its pool: the next one waits in the pool's queue while the
  // worker builds, and is posted to it the moment it replies (before this thread has even looked at the reply), so
  // the worker never idles while this thread hands over results and picks its next document. Nothing waits behind a
  // long guide (it would wait there while another worker may be free, and go to a cold worker if the long one is stopped).
  const last: Promise<unknown>[] = lanePools.map(() => Promise.resolve());
  const isLong = (index: number): boolean => (statSync(items[index]!.guide, { throwIfNoEntry: false })?.size ?? 0) > QUEUE_BEHIND_MAX_BYTES;
  try {
    const lane = async (n: number): Promise<void> => {
      const running = new Set<Promise<void>>();
      let lastLong = false; // the document handed to this worker last is long
      while (!queue.done && !options.signal?.aborted && !emitFailed) {
        if (running.size >= PER_WORKER || (running.size > 0 && lastLong)) {
          await Promise.race(running);
          continue;
        }
        const index = queue.next(n, emitted + window);
        if (index === undefined) {
          await new Promise<void>((resolve) => {
            wake.push(resolve);
            for (const r of running) void r.then(resolve);
          });
          continue;
        }
        lastLong = isLong(index);
        // a worker's first Chinese, Japanese or Korean guide opens the CJK collections: read here meanwhile (not for an
        // output whose guide is missing, built from another language with a notice: it may need neither)
        if (isCjkScript(keys[index]!) && existsSync(items[index]!.guide))
          lanePools[n]!.sendFontBytes?.(bundledFontsDir(), CJK_COLLECTION_FILES);
        const run: Promise<void> = runOne(index, lanePools[n]!, last[n]!).then(() => void running.delete(run));
        running.add(run);
        last[n] = run;
      }
      await Promise.all(running);
    };
    await Promise.all(Array.from({ length: jobs }, (_, n) => lane(n)));
    for (let i = 0; i < items.length; i++) results[i] ??= { guide: items[i]!.guide, diagnostics: [], interrupted: true };
    await emit();
  } finally {
    const stopped = workers.destroy();
    if (options.awaitExit === false) stopped.catch(() => {});
    else await stopped;
  }
  return options.onResult && options.keepResults === false ? [] : (results as BatchResult[]);
}
