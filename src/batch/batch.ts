/**
 * Batch building: many guides in worker threads (`tinypool`). Each document
 * runs in its own worker with a time budget; a runaway document is stopped
 * (its worker terminated and replaced) and reported as a `time-budget`
 * diagnostic while the others continue. Results come back in input order
 * and are byte-identical to single-process builds.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileStart, type Diagnostic } from '../diagnostics.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { packageDir } from '../package-dir.js';
import { redactFill } from '../redact.js';
import type { BatchItem, BatchResult, WorkerReply } from './types.js';

export type { BatchItem, BatchResult } from './types.js';

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
   * Stops the batch: no new document is started, documents in progress are
   * abandoned (their workers terminated), and every item not built comes back
   * with `interrupted: true` and no diagnostics.
   */
  readonly signal?: AbortSignal;
}

/** The number of documents built at once by default. */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** The compiled worker module (from `dist/` also when this module runs from the TypeScript sources, e.g. in tests). */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = path.join(path.dirname(here), 'worker.js');
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  return path.join(packageDir(), 'dist', 'batch', 'worker.js');
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
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), items.length || 1));
  const timeoutMs = options.timeoutMs ?? DEFAULT_LIMITS.timeBudgetMs;
  if (!(timeoutMs > 0)) throw new RangeError(`the time budget must be a positive number of milliseconds; got ${String(timeoutMs)}`);
  const results: (BatchResult | undefined)[] = new Array<BatchResult | undefined>(items.length);
  if (items.length === 0) return [];
  // loaded here, not at the top: single builds and `check` never need worker threads
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({ filename: workerFile(), name: 'buildInWorker', minThreads: jobs, maxThreads: jobs, idleTimeout: 1000 });
  let emitted = 0;
  let emitting = Promise.resolve();
  const emit = (): Promise<void> => {
    emitting = emitting.then(async () => {
      while (emitted < items.length && results[emitted] !== undefined) {
        const index = emitted++;
        const r = results[index]!;
        if (options.onResult) {
          await options.onResult(r, index);
          const { pdf: _dropped, ...rest } = r;
          results[index] = rest;
        }
      }
    });
    return emitting;
  };

  const runOne = async (index: number): Promise<void> => {
    const item = items[index]!;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const stop = (): void => controller.abort();
    options.signal?.addEventListener('abort', stop);
    let result: BatchResult;
    try {
      const reply = (await pool.run(item, { signal: controller.signal })) as WorkerReply;
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
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
    }
    results[index] = result;
    await emit();
  };

  try {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < items.length && !options.signal?.aborted) await runOne(next++);
    };
    await Promise.all(Array.from({ length: jobs }, lane));
    for (let i = 0; i < items.length; i++) results[i] ??= { guide: items[i]!.guide, diagnostics: [], interrupted: true };
    await emit();
  } finally {
    await pool.destroy();
  }
  return results as BatchResult[];
}
