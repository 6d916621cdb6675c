/** Atomic file output: write a temporary sibling, flush it, rename over the target. */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';

/** Temporary siblings of `name`: `.<name>.<pid>.<8 hex>.tmp` (hidden, never mistaken for output). */
function tempPattern(name: string): RegExp {
  return new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // this process never writes one file twice at a time
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files left next to `file` by writers that were killed
 * mid-write (their process is gone). Temporaries of live writers are kept.
 */
export function removeStaleTemps(file: string): void {
  const dir = path.dirname(file);
  const pattern = tempPattern(path.basename(file));
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = pattern.exec(n);
    if (m && !isAlive(Number(m[1]))) rmSync(path.join(dir, n), { force: true });
  }
}

/**
 * Writes `data` to `file` so that readers only ever see the old or the whole
 * new file; killing the process at any moment leaves at most a hidden
 * `.<name>.<pid>.<hex>.tmp` sibling, removed by the next write of the same file.
 */
export function writeFileAtomic(file: string, data: Uint8Array): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      let offset = 0;
      while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Options of {@link writeFileAtomicAsync}. */
export interface AtomicWriteOptions {
  /**
   * The folder exists and the caller has already removed stale temporaries in it (a batch does so once for
   * the whole output tree), so neither is done again for this file.
   */
  readonly dirReady?: boolean;
}

/**
 * {@link writeFileAtomic} without blocking the thread: the writing and the flush to disk happen on Node's
 * I/O threads, so a batch goes on dispatching documents meanwhile. The same guarantee: readers see the old
 * or the whole new file, never a part. The caller must not write the same file twice at once.
 */
export async function writeFileAtomicAsync(file: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  if (!options.dirReady) {
    await mkdir(dir, { recursive: true });
    removeStaleTemps(file);
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
