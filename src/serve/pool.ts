/**
 * The warm build workers of `handout serve`: child processes run by `tinypool` (so a crashed or
 * stuck worker can be killed and replaced without touching the server), a bounded queue in front
 * of them (backpressure), and a time budget per build.
 */
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tinypool } from 'tinypool';
import { WORKER_HEAP_LIMIT_MB } from '../batch/worker-limits.js';
import { packageDir } from '../package-dir.js';
import type { ServeJob, ServeJobReply } from './types.js';

/** Time a warm-up build may take (a cold worker loads fonts and templates first). */
const WARM_UP_BUDGET_MS = 120_000;

/** The queue is full: answer 429 and ask the client to retry later. */
export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
}
/** The build took longer than its budget; its worker was stopped and replaced. */
export class BuildTimeoutError extends Error {
  override readonly name = 'BuildTimeoutError';
}
/** The worker died while building (killed, out of memory, crashed). */
export class WorkerCrashError extends Error {
  override readonly name: string = 'WorkerCrashError';
}
/** The worker reached its heap limit while building (V8 stopped the process); it was replaced. */
export class MemoryLimitError extends WorkerCrashError {
  override readonly name = 'MemoryLimitError';
  constructor(
    /** The heap limit of a worker, in MB. */
    readonly limitMb: number,
  ) {
    super(`the build needed more than the worker's ${limitMb} MB of JavaScript heap`);
  }
}

/**
 * Whether a worker process ended the way V8 ends one at its heap limit: Node prints `FATAL ERROR: … JavaScript heap out
 * of memory` and aborts (SIGABRT; exit status 134 where a shell reports it).
 */
export function exitedOutOfMemory(code: number | null, signal: NodeJS.Signals | null): boolean {
  return signal === 'SIGABRT' || code === 134;
}

/** Options of {@link BuildPool}. */
export interface BuildPoolOptions {
  /** Worker processes (each builds one handout at a time). */
  readonly workers: number;
  /** Builds that may wait for a free worker; one more is refused with {@link QueueFullError}. */
  readonly maxQueue: number;
  /** Time budget of one build in milliseconds. */
  readonly timeoutMs: number;
  /** Most V8 heap (old generation) each worker process may use, in MB (default: the build workers', worker-limits.ts). */
  readonly heapLimitMb?: number;
}

/**
 * The compiled worker module (the bundled one next to the bundled CLI; from `dist/` also when this module runs from the
 * TypeScript sources).
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const bundled = path.join(path.dirname(here), 'serve-worker.js');
  if (here.endsWith('.js') && existsSync(bundled)) return bundled;
  const sibling = path.join(path.dirname(here), 'worker.js');
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  return path.join(packageDir(), 'dist', 'serve', 'worker.js');
}

/** A bounded pool of warm build workers. */
export class BuildPool {
  private pool: Tinypool | undefined;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private warmJob: ServeJob | undefined;
  /** Warm-ups running or waiting: each lends the queue one place, so a replaced worker never turns a request away. */
  private warming = 0;
  private closed = false;
  /** Worker processes whose end is watched; those that ended at their heap limit and were not yet told to a build. */
  private readonly watched = new WeakSet<ChildProcess>();
  private outOfMemory = 0;

  constructor(private readonly options: BuildPoolOptions) {}

  /** The heap limit of each worker process, in MB. */
  get heapLimitMb(): number {
    return this.options.heapLimitMb ?? WORKER_HEAP_LIMIT_MB;
  }

  /** Starts the workers. */
  async start(): Promise<void> {
    const { Tinypool } = await import('tinypool');
    this.pool = new Tinypool({
      filename: workerFile(),
      name: 'serveBuild',
      runtime: 'child_process',
      serialization: 'advanced',
      minThreads: this.options.workers,
      maxThreads: this.options.workers,
      // workers stay warm for the life of the server
      idleTimeout: Number.MAX_SAFE_INTEGER,
      // the build threads' limit (worker-limits.ts), for the same reasons; a build past it ends its process alone
      execArgv: [...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')), `--max-old-space-size=${this.heapLimitMb}`],
    });
    this.watchWorkers();
  }

  /**
   * Notes how each worker process ends (tinypool only says that it exited): called before every build, so a process
   * started to replace one is watched before it gets a build. Its listener runs right after tinypool's, which fails the
   * build, and before the failure reaches {@link runRaw}.
   */
  private watchWorkers(): void {
    for (const t of this.pool?.threads ?? []) {
      const proc = (t as { process?: unknown }).process;
      if (!(proc instanceof EventEmitter) || this.watched.has(proc as ChildProcess)) continue;
      this.watched.add(proc as ChildProcess);
      proc.once('exit', (code: number | null, signal: NodeJS.Signals | null) => {
        if (exitedOutOfMemory(code, signal)) this.outOfMemory++;
      });
    }
  }

  /** Number of worker processes. */
  get workers(): number {
    return this.options.workers;
  }

  /** Builds currently running or waiting. */
  get load(): number {
    return this.running + this.waiting.length;
  }

  /** The job that warms a worker (no personal data); run on every worker at start and after a worker is replaced. */
  setWarmUpJob(job: ServeJob | undefined): void {
    this.warmJob = job;
  }

  /** Warms every worker once (resolves when all are warm). */
  async warmAll(): Promise<void> {
    const job = this.warmJob;
    if (!job) return;
    await Promise.all(
      Array.from({ length: this.options.workers }, () =>
        this.withSlot(true, () => this.runRaw(job, WARM_UP_BUDGET_MS)).catch(() => undefined),
      ),
    );
  }

  /**
   * Runs one build. Rejects with {@link QueueFullError} at once when the queue is full,
   * {@link BuildTimeoutError} when the build itself (not its wait in the queue) runs past the budget,
   * {@link WorkerCrashError} when the worker dies. A worker stopped for either reason is replaced and warmed.
   */
  async run(job: ServeJob): Promise<ServeJobReply> {
    if (!this.pool || this.closed) throw new WorkerCrashError('the build workers are not running');
    if (this.running >= this.options.workers && this.waiting.length >= this.options.maxQueue + this.warming) {
      throw new QueueFullError(`${this.running + this.waiting.length} builds are running or waiting`);
    }
    return this.withSlot(false, () => this.runRaw(job));
  }

  /** Runs a job on a worker within `budgetMs` (the request budget; warm-ups get {@link WARM_UP_BUDGET_MS}). */
  private async runRaw(job: ServeJob, budgetMs?: number): Promise<ServeJobReply> {
    const warmUp = budgetMs !== undefined;
    const ms = budgetMs ?? this.options.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    this.watchWorkers();
    try {
      return (await this.pool!.run(job, { signal: controller.signal })) as ServeJobReply;
    } catch (e) {
      if (!warmUp) this.rewarm();
      if (controller.signal.aborted) throw new BuildTimeoutError(`the build took longer than ${ms} ms`);
      if (this.outOfMemory > 0) {
        this.outOfMemory--;
        throw new MemoryLimitError(this.heapLimitMb);
      }
      const detail = e instanceof Error ? e.message.split('\n')[0]! : 'unknown error';
      throw new WorkerCrashError(detail.slice(0, 200));
    } finally {
      clearTimeout(timer);
    }
  }

  private async warmOnce(job: ServeJob): Promise<void> {
    this.warming++;
    try {
      await this.withSlot(true, () => this.runRaw(job, WARM_UP_BUDGET_MS));
    } catch {
      // a warm-up that fails leaves a cold worker; the next request pays for it
    } finally {
      this.warming--;
    }
  }

  /** A replaced worker starts cold: warm it before the next request reaches it. */
  private rewarm(): void {
    const job = this.warmJob;
    if (!job || this.closed) return;
    void this.warmOnce(job);
  }

  /** Runs `work` when a worker slot is free; `urgent` work (warm-ups) goes to the front of the queue. */
  private async withSlot<T>(urgent: boolean, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.workers) {
      await new Promise<void>((resolve) => (urgent ? this.waiting.unshift(resolve) : this.waiting.push(resolve)));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Process ids of the worker processes (for health reports and tests). */
  workerPids(): number[] {
    return (this.pool?.threads ?? []).flatMap((t) => {
      const id = (t as { threadId?: unknown }).threadId;
      return typeof id === 'number' ? [id] : [];
    });
  }

  /** Stops the workers (after the running builds, which the caller awaits first). */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.destroy();
  }
}
