/**
 * The build worker thread of `handout build` for one guide (`dist/bundle/direct-worker.cjs`, run by `direct-pool.ts`
 * without the worker pool package): loads the workers' bundle as `bundle-host.ts` says and builds each document it is
 * sent, answering with the reply (the PDF's buffer moved, not copied) or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { BuildWorkerData } from './batch.js';
import { hostWorkerBundle } from './bundle-host.js';
import type { DirectReply, DirectRequest } from './direct-pool.js';

const transferableSymbol = Symbol('transferable');
const valueSymbol = Symbol('value');
/** What the bundle uses of tinypool: its markers of a reply whose buffers are moved (`worker.ts`). */
const markers = { Tinypool: { transferableSymbol, valueSymbol, move: <T>(value: T): T => value } };

const build = hostWorkerBundle(
  fileURLToPath(new URL('./worker.cjs', import.meta.url)),
  markers,
  (workerData as BuildWorkerData | undefined)?.runtimeFlags ?? '',
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
