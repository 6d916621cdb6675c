/**
 * The build worker of the bundled CLI (`dist/bundle/worker.js`, what `tinypool` loads in each worker thread): loads
 * the worker's CommonJS bundle (`worker.cjs` next to it) as `bundle-host.ts` says. Unbundled (tsc only, tests) the
 * threads load `dist/batch/worker.js` directly (no compile cache, no word store).
 */
import { fileURLToPath } from 'node:url';
import * as tinypool from 'tinypool';
import type { BuildWorkerData } from './batch.js';
import { hostWorkerBundle } from './bundle-host.js';
import type { buildInWorker as BuildInWorker } from './worker.js';

// the bundle's `tinypool` is this thread's (its transfer markers must be the ones tinypool's worker code checks)
const build = hostWorkerBundle(
  fileURLToPath(new URL('./worker.cjs', import.meta.url)),
  tinypool,
  (tinypool.Tinypool.workerData as BuildWorkerData | undefined)?.runtimeFlags ?? '',
);

/** {@link BuildInWorker}, from the cached bundle (see `bundle-host.ts`). */
export async function buildInWorker(task: Parameters<typeof BuildInWorker>[0]): ReturnType<typeof BuildInWorker> {
  return build(task);
}
