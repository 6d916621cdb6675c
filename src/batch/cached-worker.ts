/**
 * The build worker of the bundled CLI (`dist/bundle/worker.js`, what `tinypool` loads in each worker thread): loads
 * the worker's CommonJS bundle (`worker.cjs` next to it, `scripts/bundle.mjs`) through the compile cache
 * (`compile-cache.ts`), and writes the cache after the thread's first document, so that V8's lazily compiled
 * functions are in it. It also turns on the word stores (shaped words, hyphenation points: `layout/word-store.ts`) in the same
 * folder and writes them after each document that added words. Unbundled (tsc only, tests) the threads load
 * `dist/batch/worker.js` directly (no store). With HANDOUT_DEBUG_COMPILE_CACHE set, it says on stderr whether the
 * cache was used or written (nothing otherwise).
 */
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as tinypool from 'tinypool';
import type { BuildWorkerData } from './batch.js';
import { loadCommonJs } from './compile-cache.js';
import { setInterruptBudget } from './worker-limits.js';
import type {
  buildInWorker as BuildInWorker,
  enableWordStores as EnableWordStores,
  persistWordStores as PersistWordStores,
} from './worker.js';

// set here, not before the thread started: a flag that differs from Node's defaults when a thread starts makes V8 refuse
// Node's code cache for its built-in modules (worker-limits.ts)
setInterruptBudget();
const file = fileURLToPath(new URL('./worker.cjs', import.meta.url));
const nodeRequire = createRequire(file);
// the bundle's `tinypool` is this thread's (its transfer markers must be the ones tinypool's worker code checks)
const bundle = loadCommonJs(file, {
  require: (id): unknown => (id === 'tinypool' ? tinypool : (nodeRequire(id) as unknown)),
  runtimeFlags: (tinypool.Tinypool.workerData as BuildWorkerData | undefined)?.runtimeFlags ?? '',
});
if (process.env.HANDOUT_DEBUG_COMPILE_CACHE) writeSync(2, `handout: compile cache ${bundle.status}\n`);
const exported = bundle.exports as {
  buildInWorker: typeof BuildInWorker;
  enableWordStores: typeof EnableWordStores;
  persistWordStores: typeof PersistWordStores;
};
const build = exported.buildInWorker;
// shaped words and hyphenation points are kept next to the code cache, keyed by the same bundle (see word-store.ts)
if (bundle.dir !== undefined) exported.enableWordStores({ dir: bundle.dir, key: bundle.key });
let first = true;

/** {@link BuildInWorker}, from the cached bundle; the thread's first document also writes the code cache if needed. */
export async function buildInWorker(task: Parameters<typeof BuildInWorker>[0]): ReturnType<typeof BuildInWorker> {
  const reply = await build(task);
  // before the reply: `handout build` exits as soon as it has it, which ends this thread
  const written = exported.persistWordStores();
  if (process.env.HANDOUT_DEBUG_COMPILE_CACHE && written > 0) writeSync(2, `handout: word stores written: ${written}\n`);
  if (first) {
    first = false;
    const saved = bundle.save();
    if (process.env.HANDOUT_DEBUG_COMPILE_CACHE && saved) writeSync(2, 'handout: compile cache written\n');
  }
  return reply;
}
