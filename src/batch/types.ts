/** Types shared by the batch scheduler and its worker. */
import type { MessagePort } from 'node:worker_threads';
import type { BuildInput, BuildResult } from '../build.js';

/** One document of a batch: a {@link BuildInput} without the parts that cannot cross a thread (world, fonts). */
export type BatchItem = Omit<BuildInput, 'world' | 'fonts'>;

/**
 * The worker thread that built a document and its V8 heap right after (worker threads share the process's
 * RSS, so a worker's own memory is its heap): for the bench's memory figures and for debugging.
 */
export interface WorkerStats {
  /** `worker_threads.threadId` of the worker. */
  readonly threadId: number;
  /** Bytes of live objects in the worker's heap (`used_heap_size`). */
  readonly heapUsed: number;
  /** Bytes of heap the worker's V8 has committed (`total_heap_size`). */
  readonly heapCommitted: number;
  /** Bytes the worker's heap may grow to (`heap_size_limit`: its old-generation limit plus the young generation). */
  readonly heapLimit: number;
  /** Bytes outside the heap held by the worker's objects (ArrayBuffers, `external_memory`). */
  readonly external: number;
}

/** Result of one batch item, in input order. */
export interface BatchResult extends BuildResult {
  /** The item's guide path, as given. */
  readonly guide: string;
  /** True when the document was stopped after its time budget (`time-budget` diagnostic). */
  readonly timedOut?: boolean;
  /** True when the batch was stopped (its `signal`) before this item was built. */
  readonly interrupted?: boolean;
  /** The worker that built it (absent when it was not built in a worker, or the worker stopped). */
  readonly worker?: WorkerStats;
}

/** What a build worker receives: the item, and a port on which it says that it has started building it. */
export type WorkerTask = BatchItem & { readonly started?: MessagePort };

/** What a worker sends back: the build result, its PDF as plain bytes, and the worker's heap. */
export type WorkerReply = Omit<BuildResult, 'pdf'> & { readonly pdf?: Uint8Array; readonly worker?: WorkerStats };
