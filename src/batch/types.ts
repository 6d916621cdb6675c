/** Types shared by the batch scheduler and its worker. */
import type { MessagePort } from 'node:worker_threads';
import type { BuildInput, BuildResult } from '../build.js';

/** One document of a batch: a {@link BuildInput} without the parts that cannot cross a thread (world, fonts). */
export type BatchItem = Omit<BuildInput, 'world' | 'fonts'>;

/** Result of one batch item, in input order. */
export interface BatchResult extends BuildResult {
  /** The item's guide path, as given. */
  readonly guide: string;
  /** True when the document was stopped after its time budget (`time-budget` diagnostic). */
  readonly timedOut?: boolean;
  /** True when the batch was stopped (its `signal`) before this item was built. */
  readonly interrupted?: boolean;
}

/** What a build worker receives: the item, and a port on which it says that it has started building it. */
export type WorkerTask = BatchItem & { readonly started?: MessagePort };

/** What a worker sends back: the build result, its PDF as plain bytes. */
export type WorkerReply = Omit<BuildResult, 'pdf'> & { readonly pdf?: Uint8Array };
