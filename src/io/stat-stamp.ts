/**
 * A file's identity and times as one string: device, inode, size, modification and change times in nanoseconds.
 * Two equal stamps mean the same, unchanged file as far as one `stat` can tell: the change time moves on every
 * write, even one that restores the modification time. Used to keep what was read from a file (texts, listings,
 * digests) while it is unchanged.
 */
import { statSync, type BigIntStats } from 'node:fs';

/** The stamp of `st` (a `stat` with `bigint: true`). */
export function statStamp(st: BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/** The stamp of `file`, or undefined when it is absent or cannot be stat'ed. */
export function statStampOf(file: string): string | undefined {
  try {
    const st = statSync(file, { bigint: true, throwIfNoEntry: false });
    return st ? statStamp(st) : undefined;
  } catch {
    return undefined;
  }
}
