/**
 * How a build opens a bundled font file: its bytes, and their SHA-256 from the package's stamp (`font-stamps.ts`) when
 * the file is the one stamped. A build worker may have the bytes already: the CLI thread reads the two 19 MB CJK
 * collections for a worker whose next guide is in Chinese, Japanese or Korean (about 60 ms each to read here, on the
 * worker's critical path otherwise) and posts them on a port of the worker's own (`batch/direct-pool.ts`).
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { fileState, stampedDigest, type FileState } from './font-stamps.js';

/**
 * A bundled font file read by one thread for another (the CLI thread for a build worker): its name in the fonts
 * folder, its bytes, and the file's size and modification time before and after the read.
 */
export interface FontBytesMessage {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly before: FileState;
  readonly after: FileState;
}

/**
 * Reads the bundled font `name` of `fontsDir` on Node's I/O threads (this thread's event loop free meanwhile), for
 * {@link receiveFontBytesOn} of another thread; rejects when it cannot be read or is not a regular file.
 */
export async function readFontBytes(fontsDir: string, name: string): Promise<FontBytesMessage> {
  const handle = await open(path.join(fontsDir, name), 'r');
  try {
    const before = await handle.stat();
    if (!before.isFile()) throw new Error(`${name} is not a file`);
    const bytes = await handle.readFile();
    const after = await handle.stat();
    return { name, bytes, before: [before.size, before.mtimeMs], after: [after.size, after.mtimeMs] };
  } finally {
    await handle.close();
  }
}

/** Where this thread takes font bytes another thread read for it ({@link receiveFontBytesOn}). */
let fontPort: MessagePort | undefined;
/** Font bytes taken from {@link fontPort} and not used yet, by path, with the documents they are kept for. */
const received = new Map<string, { readonly font: BundledFontBytes; documents: number }>();

/**
 * Makes {@link readBundledFont} take a font's bytes from `port` when another thread has posted them there
 * ({@link FontBytesMessage}, from {@link readFontBytes}) instead of reading the file: a build worker's first Chinese,
 * Japanese or Korean document needs the two 19 MB CJK collections (about 60 ms each to read here), which the CLI
 * thread, idle while the worker builds, reads meanwhile. The port is read synchronously (`receiveMessageOnPort`),
 * only when a font is opened: bytes not there yet are not waited for (the file is read as before).
 */
export function receiveFontBytesOn(port: MessagePort): void {
  fontPort = port;
  port.unref();
}

function isFileState(x: unknown): x is FileState {
  return Array.isArray(x) && x.length === 2 && typeof x[0] === 'number' && typeof x[1] === 'number';
}

/** Takes the font bytes posted on {@link fontPort} so far. */
function drainFontPort(fontsDir: string): void {
  if (!fontPort) return;
  for (let m = receiveMessageOnPort(fontPort); m; m = receiveMessageOnPort(fontPort)) {
    const msg = m.message as Partial<FontBytesMessage> | null;
    if (!msg || typeof msg.name !== 'string' || !(msg.bytes instanceof Uint8Array)) continue;
    if (!isFileState(msg.before) || !isFileState(msg.after) || path.basename(msg.name) !== msg.name) continue;
    const bytes = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
    const sha256 = stampedDigest(fontsDir, msg.name, msg.before, bytes, msg.after);
    received.set(path.join(fontsDir, msg.name), { font: { bytes, sha256 }, documents: 2 });
  }
}

/**
 * Called by a build worker after each document: font bytes received and not used by this document or the next are
 * dropped, not kept in memory (they were read for a document that did not need them, or arrived too late for it).
 */
export function ageReceivedFonts(fontsDir: string): void {
  drainFontPort(fontsDir);
  for (const [file, r] of received) if (--r.documents <= 0) received.delete(file);
}

/** A bundled font file read: its bytes, and their stamped SHA-256 when the file is the one stamped. */
export interface BundledFontBytes {
  readonly bytes: Buffer;
  readonly sha256: string | undefined;
}

/**
 * Reads the bundled font `name` of `fontsDir`: its bytes, and their SHA-256 from the stamp when the file is the one
 * stamped (size and modification time, before and after the read), else undefined. Takes the bytes another thread
 * read for this one when they are there ({@link receiveFontBytesOn}).
 */
export function readBundledFont(fontsDir: string, name: string): BundledFontBytes {
  drainFontPort(fontsDir);
  const file = path.join(fontsDir, name);
  const got = received.get(file);
  if (got) {
    received.delete(file);
    return got.font;
  }
  const fd = openSync(file, 'r');
  try {
    const before = fileState(fstatSync(fd));
    const bytes = readFileSync(fd);
    return { bytes, sha256: stampedDigest(fontsDir, name, before, bytes, fileState(fstatSync(fd))) };
  } finally {
    closeSync(fd);
  }
}

/** Forgets the port and the bytes received (tests). */
export function resetReceivedFonts(): void {
  fontPort = undefined;
  received.clear();
}
