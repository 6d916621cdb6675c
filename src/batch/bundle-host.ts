/**
 * What each kind of build worker thread of the bundled CLI does first (`cached-worker.ts`, which `tinypool` runs, and
 * `direct-worker.ts`, the thread of a build of one guide): loads the workers' CommonJS bundle (`worker.cjs`,
 * `scripts/bundle.mjs`) through the compile cache (`compile-cache.ts`), turns on the word stores (shaped words,
 * hyphenation points: `layout/word-store.ts`) in the same folder, and wraps the bundle's `buildInWorker` so that the
 * stores are written after each document that added words and the code cache after the thread's first document (when
 * V8's lazily compiled functions are in it). With HANDOUT_DEBUG_COMPILE_CACHE set, it says on stderr whether the cache
 * was used or written (nothing otherwise).
 */
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadCommonJs } from './compile-cache.js';
import { setInterruptBudget } from './worker-limits.js';
import type {
  buildInWorker as BuildInWorker,
  enableWordStores as EnableWordStores,
  persistWordStores as PersistWordStores,
} from './worker.js';

/** The bundle's `buildInWorker`. */
export type HostedBuild = typeof BuildInWorker;

/**
 * Loads the bundle `file` with `tinypool` standing for the package of that name (the bundle marks the PDF's buffer as
 * moved with its symbols) under the V8 flags `runtimeFlags` (the compile cache is kept per set), and returns its build.
 */
export function hostWorkerBundle(file: string, tinypool: unknown, runtimeFlags: string): HostedBuild {
  // set here, not before the thread started: a flag that differs from Node's defaults when a thread starts makes V8
  // refuse Node's code cache for its built-in modules (worker-limits.ts)
  setInterruptBudget();
  const nodeRequire = createRequire(file);
  const bundle = loadCommonJs(file, {
    require: (id): unknown => (id === 'tinypool' ? tinypool : (nodeRequire(id) as unknown)),
    runtimeFlags,
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
  return async (task) => {
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
  };
}
