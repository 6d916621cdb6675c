/** Content hashes for incremental builds: SHA-256 of bytes, files and folder trees. */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { readRegularFile } from '../io/read-regular.js';
import path from 'node:path';

/** SHA-256 of `data`, as lowercase hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Largest input hashed when checking a manifest (a bigger file counts as changed). */
export const MAX_HASHED_BYTES = 256 * 1024 * 1024;

/**
 * SHA-256 of a regular file's bytes (following symlinks), or null when it is
 * absent, unreadable, not a regular file (a FIFO or device is never read) or
 * larger than {@link MAX_HASHED_BYTES}.
 */
export function hashFile(file: string): string | null {
  const r = readRegularFile(file, MAX_HASHED_BYTES);
  return r.ok ? sha256(r.data) : null;
}

/** A path relative to `base`, with `/` separators (the same on every platform). */
export function portableRelative(base: string, file: string): string {
  return path.relative(base, file).split(path.sep).join('/');
}

function isInside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Most files and folders one tree digest visits. */
const MAX_TREE_ENTRIES = 10_000;

/**
 * One digest of every regular file under `dir` (recursively, names sorted):
 * their relative paths and contents. Null when the folder does not exist, so
 * that creating it counts as a change.
 *
 * Confined: with `confineTo`, a symlink whose target lies outside that folder
 * is recorded by name and target path only (never opened); a folder reached
 * twice (a symlink loop) is recorded once; FIFOs and devices are never read;
 * at most {@link MAX_TREE_ENTRIES} entries are visited. `skip` leaves out files by relative path.
 */
export function hashTree(dir: string, confineTo?: string, skip?: (rel: string) => boolean): string | null {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return null;
  }
  if (!isDir) return null;
  let root: string | undefined;
  try {
    root = confineTo === undefined ? undefined : realpathSync(confineTo);
  } catch {
    return null;
  }
  const h = createHash('sha256');
  const seen = new Set<string>();
  let entries = 0;
  const walk = (d: string, depth: number): void => {
    let real: string;
    try {
      real = realpathSync(d);
    } catch {
      return;
    }
    if (seen.has(real) || depth > 16) {
      h.update(`${portableRelative(dir, d)}\0loop\0`);
      return;
    }
    seen.add(real);
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (++entries > MAX_TREE_ENTRIES) {
        h.update('\0truncated\0');
        return;
      }
      const full = path.join(d, name);
      const rel = portableRelative(dir, full);
      let target: string;
      try {
        target = realpathSync(full);
      } catch {
        h.update(`${rel}\0dangling\0`); // a dangling or looping link is no input, but its appearance is a change
        continue;
      }
      if (root !== undefined && !isInside(target, root)) {
        h.update(`${rel}\0outside\0${target}\0`);
        continue;
      }
      let st;
      try {
        st = lstatSync(target);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(full, depth + 1);
      else if (st.isFile()) {
        if (!skip?.(rel)) h.update(`${rel}\0${hashFile(full) ?? 'unreadable'}\0`);
      } else h.update(`${rel}\0special\0`);
    }
  };
  walk(dir, 0);
  return h.digest('hex');
}
