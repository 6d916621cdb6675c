/** Content hashes for incremental builds: SHA-256 of bytes, files and folder trees. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** SHA-256 of `data`, as lowercase hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of a file's bytes, or null when it is absent or unreadable (following symlinks). */
export function hashFile(file: string): string | null {
  try {
    return sha256(readFileSync(file));
  } catch {
    return null;
  }
}

/** A path relative to `base`, with `/` separators (the same on every platform). */
export function portableRelative(base: string, file: string): string {
  return path.relative(base, file).split(path.sep).join('/');
}

/**
 * One digest of every file under `dir` (recursively, names sorted): their
 * relative paths and contents. Null when the folder does not exist, so that
 * creating it counts as a change. `skip` leaves out files by relative path.
 */
export function hashTree(dir: string, skip?: (rel: string) => boolean): string | null {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return null;
  }
  if (!isDir) return null;
  const h = createHash('sha256');
  const walk = (d: string, depth: number): void => {
    if (depth > 16) return;
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(d, name);
      let st;
      try {
        st = statSync(full);
      } catch {
        continue; // a dangling link is no input
      }
      if (st.isDirectory()) walk(full, depth + 1);
      else if (st.isFile()) {
        const rel = portableRelative(dir, full);
        if (!skip?.(rel)) h.update(`${rel}\0${hashFile(full) ?? 'unreadable'}\0`);
      }
    }
  };
  walk(dir, 0);
  return h.digest('hex');
}
