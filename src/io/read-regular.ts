/**
 * Reading input files safely: only regular files are read. A FIFO, a socket
 * or a device (`/dev/zero`, a named pipe a reader would wait on forever) is
 * refused before a single byte is read, and the size is checked on the open
 * descriptor, so a file swapped between a check and the read cannot get past.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Outcome of {@link readRegularFile}. */
export type RegularRead =
  | { readonly ok: true; readonly data: Buffer }
  | { readonly ok: false; readonly reason: 'not-found' | 'not-a-file' | 'too-large' | 'unreadable'; readonly detail: string };

/**
 * Reads `file` when it is a regular file of at most `maxBytes` bytes. Opens
 * it non-blocking (opening a FIFO never waits for a writer), then checks the
 * type and size on the descriptor. Never throws.
 */
export function readRegularFile(file: string, maxBytes: number): RegularRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'not-found', detail: `\`${file}\` does not exist` };
    return { ok: false, reason: 'unreadable', detail: `\`${file}\` cannot be opened (${code ?? 'error'})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-a-file', detail: `\`${file}\` is not a regular file (a folder, pipe or device)` };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', detail: `\`${file}\` is ${st.size} bytes; the limit is ${maxBytes}` };
    const data = Buffer.alloc(st.size);
    let offset = 0;
    while (offset < st.size) {
      const n = readSync(fd, data, offset, st.size - offset, offset);
      if (n === 0) break;
      offset += n;
    }
    return { ok: true, data: offset === st.size ? data : data.subarray(0, offset) };
  } catch (e) {
    return { ok: false, reason: 'unreadable', detail: `\`${file}\` cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}
