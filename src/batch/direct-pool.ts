/**
 * One build worker thread without the worker pool package (the bundled CLI's `handout build` and `handout batch`): the
 * thread runs `direct-worker.cjs` (the bundled `direct-worker.ts`), a CommonJS file, so it starts without tinypool and
 * its module-loader set-up on either side (about 45 ms sooner ready to load the pipeline, on a cold build's critical
 * path), and a document costs no more than two messages. It does what `buildBatch` asks of a tinypool pool: documents
 * built one at a time in order, a document stopped by its abort signal (the thread is terminated and a new one started
 * for the next), a thread's failure (out of memory, a crash) given to the document it was building.
 */
import { MessageChannel, Worker, type MessagePort, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import { readFontBytes } from '../layout/fonts/font-read.js';

/** What `buildBatch` needs of a pool of one build worker (tinypool's `Tinypool` has it too). */
export interface BuildPool {
  /** Builds `task` (resolves with the worker's reply; rejects when stopped by `signal`, or when the worker fails). */
  run(task: unknown, options: { readonly signal?: AbortSignal; readonly transferList?: readonly TransferListItem[] }): Promise<unknown>;
  /** Stops the thread; documents not built yet are rejected. */
  destroy(): Promise<void>;
  /**
   * Reads the bundled font files `names` of `fontsDir` on this thread's I/O and hands their bytes to the worker, which
   * takes them when it opens those fonts, if they are there by then; each file once per worker thread. Optional.
   */
  sendFontBytes?(fontsDir: string, names: readonly string[]): void;
}

/** A message to the thread: one document. */
export interface DirectRequest {
  readonly task: unknown;
}

/** The thread's answer to a {@link DirectRequest}: the build's reply, or what it threw. */
export type DirectReply =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly name: string; readonly message: string; readonly stack?: string } };

interface Pending {
  readonly task: unknown;
  readonly transferList: readonly TransferListItem[];
  readonly signal: AbortSignal | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
  onAbort?: () => void;
}

function abortError(): Error {
  return Object.assign(new Error('The task has been aborted'), { name: 'AbortError' });
}

function errorOf(e: { readonly name: string; readonly message: string; readonly stack?: string }): Error {
  return Object.assign(new Error(e.message), { name: e.name, ...(e.stack === undefined ? {} : { stack: e.stack }) });
}

/** A pool of one worker thread running `file` (speaking {@link DirectRequest}/{@link DirectReply}), started at once. */
export class DirectPool implements BuildPool {
  private worker: Worker | undefined;
  /** This side of the current thread's font port ({@link sendFontBytes}), and the files sent on it. */
  private fontPort: MessagePort | undefined;
  private fontsSent = new Set<string>();
  private running: Pending | undefined;
  private readonly queue: Pending[] = [];
  private destroyed = false;

  constructor(
    private readonly file: string,
    private readonly options: { readonly resourceLimits?: ResourceLimits; readonly workerData?: unknown } = {},
  ) {
    this.worker = this.start();
  }

  run(
    task: unknown,
    options: { readonly signal?: AbortSignal; readonly transferList?: readonly TransferListItem[] } = {},
  ): Promise<unknown> {
    if (this.destroyed) return Promise.reject(new Error('the build worker was stopped'));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const pending: Pending = { task, transferList: options.transferList ?? [], signal, resolve, reject };
      if (signal) {
        pending.onAbort = () => this.abort(pending);
        signal.addEventListener('abort', pending.onAbort, { once: true });
      }
      this.queue.push(pending);
      this.next();
    });
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    const stopped = new Error('the build worker was stopped');
    for (const p of this.queue.splice(0)) this.settle(p).reject(stopped);
    if (this.running) this.settle(this.running).reject(stopped);
    this.running = undefined;
    const worker = this.worker;
    this.worker = undefined;
    this.fontPort?.close();
    this.fontPort = undefined;
    if (worker) await worker.terminate();
  }

  sendFontBytes(fontsDir: string, names: readonly string[]): void {
    const port = this.fontPort;
    if (!port || this.destroyed) return;
    for (const name of names) {
      if (this.fontsSent.has(name)) continue;
      this.fontsSent.add(name);
      readFontBytes(fontsDir, name).then(
        (msg) => {
          if (port !== this.fontPort) return; // the thread it was read for is gone
          const { buffer } = msg.bytes;
          const own = msg.bytes.byteOffset === 0 && msg.bytes.byteLength === buffer.byteLength && buffer instanceof ArrayBuffer;
          const bytes = own ? msg.bytes : msg.bytes.slice();
          port.postMessage({ ...msg, bytes }, [bytes.buffer as ArrayBuffer]);
        },
        () => {}, // the worker reads the file itself (and reports what is wrong with it)
      );
    }
  }

  private start(): Worker {
    const channel = new MessageChannel();
    this.fontPort?.close();
    this.fontPort = channel.port1;
    this.fontPort.unref();
    this.fontsSent = new Set();
    const workerData = { ...(this.options.workerData as object | undefined), fontPort: channel.port2 };
    const worker = new Worker(this.file, {
      resourceLimits: this.options.resourceLimits,
      workerData,
      transferList: [channel.port2],
    });
    worker.on('message', (reply: DirectReply) => {
      if (worker !== this.worker || !this.running) return;
      const p = this.settle(this.running);
      this.running = undefined;
      if (reply.ok) p.resolve(reply.value);
      else p.reject(errorOf(reply.error));
      this.next();
    });
    const failed = (e: unknown): void => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      const p = this.running;
      this.running = undefined;
      if (p) this.settle(p).reject(e);
      this.next();
    };
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`the build worker stopped (exit code ${code})`)));
    return worker;
  }

  /** Stops listening to `p`'s signal; returns `p`. */
  private settle(p: Pending): Pending {
    if (p.onAbort) p.signal?.removeEventListener('abort', p.onAbort);
    return p;
  }

  private abort(p: Pending): void {
    const queued = this.queue.indexOf(p);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      p.reject(abortError());
    } else if (this.running === p) {
      this.running = undefined;
      const worker = this.worker;
      this.worker = undefined; // its exit is not this pool's concern any more
      void worker?.terminate();
      p.reject(abortError());
      this.next();
    }
  }

  private next(): void {
    if (this.running || this.destroyed) return;
    const p = this.queue.shift();
    if (!p) return;
    this.worker ??= this.start();
    this.running = p;
    try {
      const request: DirectRequest = { task: p.task };
      this.worker.postMessage(request, p.transferList);
    } catch (e) {
      this.running = undefined;
      this.settle(p).reject(e);
      this.next();
    }
  }
}
