/**
 * Batch worker (runs in a `tinypool` worker thread): builds one guide with
 * {@link buildHandout} and posts the result back, the PDF's memory moved, not copied. Fonts, templates
 * and decoded logos are cached per worker across documents.
 */
import { getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { Tinypool } from 'tinypool';
import { buildHandout } from '../build.js';
import { withRecordingOff } from '../layout/word-store.js';
import { bundledFontsDir } from '../layout/fonts/fonts-dir.js';
import { ageReceivedFonts } from '../layout/fonts/font-read.js';
import type { WorkerReply, WorkerTask } from './types.js';

// the bundled workers' loader (`direct-worker.ts`) turns the word stores on and writes them after each document
export { enableWordStores, persistWordStores } from '../layout/word-store.js';
export { receiveFontBytesOn } from '../layout/fonts/font-read.js';

/** The reply with the PDF's buffer in the transfer list (tinypool's interface for transferable results). */
class MovedReply {
  constructor(
    private readonly reply: WorkerReply,
    private readonly buffers: readonly ArrayBuffer[],
  ) {}

  get [Tinypool.transferableSymbol](): readonly ArrayBuffer[] {
    return this.buffers;
  }

  get [Tinypool.valueSymbol](): WorkerReply {
    return this.reply;
  }
}

/** Builds one batch item (its time budget runs from the message on `started`). Never throws on bad content (see {@link buildHandout}). */
export async function buildInWorker(task: WorkerTask): Promise<WorkerReply | MovedReply> {
  const { started, ...item } = task;
  started?.postMessage('started'); // the time budget runs from here
  started?.close();
  // fill-in values are personal data: their words, glyph lists and results are not recorded in the stores
  const personal = item.fill !== undefined && Object.keys(item.fill).length > 0;
  const { pdf, ...rest } = personal ? await withRecordingOff(() => buildHandout(item)) : await buildHandout(item);
  ageReceivedFonts(bundledFontsDir()); // font bytes the CLI thread read for this worker are not kept unused
  const heap = getHeapStatistics();
  const worker = {
    threadId,
    heapUsed: heap.used_heap_size,
    heapCommitted: heap.total_heap_size,
    heapLimit: heap.heap_size_limit,
    external: heap.external_memory,
  };
  if (!pdf) return { ...rest, worker };
  // a PDF that owns its whole buffer is moved; one that is a view of a larger (shared) buffer is copied first
  const bytes = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : Uint8Array.prototype.slice.call(pdf);
  const reply: WorkerReply = { ...rest, worker, pdf: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  const moved = new MovedReply(reply, [bytes.buffer as ArrayBuffer]);
  // tinypool types its transferable interface with its own unique symbols, which the public getters above return
  Tinypool.move(moved as unknown as Parameters<typeof Tinypool.move>[0]);
  return moved;
}
