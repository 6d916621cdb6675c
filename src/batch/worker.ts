/**
 * Batch worker (runs in a `tinypool` worker thread): builds one guide with
 * {@link buildHandout} and posts the result back (structured clone). Fonts, templates
 * and decoded logos are cached per worker across documents.
 */
import { buildHandout } from '../build.js';
import type { WorkerReply, WorkerTask } from './types.js';

/** Builds one batch item (its time budget runs from the message on `started`). Never throws on bad content (see {@link buildHandout}). */
export async function buildInWorker(task: WorkerTask): Promise<WorkerReply> {
  const { started, ...item } = task;
  started?.postMessage('started'); // the time budget runs from here
  started?.close();
  const { pdf, ...rest } = await buildHandout(item);
  return pdf ? { ...rest, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) } : rest;
}
