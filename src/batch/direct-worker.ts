/**
 * A build worker thread of the bundled CLI (`dist/bundle/direct-worker.cjs`, run by `direct-pool.ts`; CommonJS, so the
 * thread starts without the ESM loader): loads the workers' CommonJS bundle (`worker.cjs`, `scripts/bundle.mjs`) through
 * the compile cache (`compile-cache.ts`), turns on the word stores (shaped words, hyphenation points:
 * `layout/word-store.ts`) in the same folder, and builds each document it is sent, answering with the reply (the PDF's
 * buffer moved, not copied) or the error. The stores are written after each document that added words, the code cache
 * after the thread's first document (when V8's lazily compiled functions are in it). With HANDOUT_DEBUG_COMPILE_CACHE
 * set, it says on stderr whether the cache was used or written (nothing otherwise). Unbundled (tsc only, tests) the
 * threads are tinypool's, running `dist/batch/worker.js` directly (no compile cache, no word store).
 */
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { BuildWorkerData } from './batch.js';
import { loadCommonJs } from './compile-cache.js';
import type { DirectReply, DirectRequest } from './direct-pool.js';
import { setInterruptBudget } from './worker-limits.js';
import type {
  buildInWorker as BuildInWorker,
  enableWordStores as EnableWordStores,
  persistWordStores as PersistWordStores,
  receiveFontBytesOn as ReceiveFontBytesOn,
} from './worker.js';

/** The bundle's `buildInWorker`. */
type HostedBuild = typeof BuildInWorker;

/**
 * Loads the bundle `file` with `tinypool` standing for the package of that name (the bundle marks the PDF's buffer as
 * moved with its symbols) under the V8 flags `runtimeFlags` (the compile cache is kept per set), and returns its build.
 */
function hostWorkerBundle(file: string, tinypool: unknown, runtimeFlags: string, fontPort: MessagePort | undefined): HostedBuild {
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
    receiveFontBytesOn: typeof ReceiveFontBytesOn;
  };
  const build = exported.buildInWorker;
  // the CJK collections' bytes the CLI thread reads for this worker (batch.ts, layout/fonts/font-read.ts)
  if (fontPort) exported.receiveFontBytesOn(fontPort);
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

const transferableSymbol = Symbol('transferable');
const valueSymbol = Symbol('value');
/** What the bundle uses of tinypool: its markers of a reply whose buffers are moved (`worker.ts`). */
const markers = { Tinypool: { transferableSymbol, valueSymbol, move: <T>(value: T): T => value } };

const build = hostWorkerBundle(
  fileURLToPath(new URL('./worker.cjs', import.meta.url)),
  markers,
  (workerData as BuildWorkerData | undefined)?.runtimeFlags ?? '',
  (workerData as BuildWorkerData | undefined)?.fontPort,
);

/** The reply's value and the buffers to move (a reply marked as `worker.ts` marks a reply with a PDF). */
function unwrap(reply: unknown): { value: unknown; transfer: ArrayBuffer[] } {
  if (typeof reply === 'object' && reply !== null && valueSymbol in reply) {
    const marked = reply as { [valueSymbol]: unknown; [transferableSymbol]: readonly ArrayBuffer[] };
    return { value: marked[valueSymbol], transfer: [...marked[transferableSymbol]] };
  }
  return { value: reply, transfer: [] };
}

parentPort?.on('message', (request: DirectRequest) => {
  build(request.task as Parameters<typeof build>[0]).then(
    (reply) => {
      const { value, transfer } = unwrap(reply);
      const answer: DirectReply = { ok: true, value };
      parentPort?.postMessage(answer, transfer);
    },
    (e: unknown) => {
      const error =
        e instanceof Error
          ? { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) }
          : { name: 'Error', message: String(e) };
      const answer: DirectReply = { ok: false, error };
      parentPort?.postMessage(answer);
    },
  );
});
