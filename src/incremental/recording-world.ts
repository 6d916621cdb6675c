/**
 * A {@link World} that logs every file a build read, with the SHA-256 of the
 * bytes it returned, for incremental builds (`src/incremental/`).
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { nodeWorld, type World } from '../world.js';
import { sha256 } from './hash.js';
import { bundledResourceDirs } from './fingerprint.js';

/**
 * One input of a build: an absolute path and the SHA-256 of its bytes, or
 * null for a file the build looked for and did not find (creating it later is
 * a change).
 */
export interface InputRecord {
  readonly path: string;
  readonly sha256: string | null;
}

/** A recording world and the reads it has logged so far. */
export interface RecordingWorld {
  readonly world: World;
  /** Every file read (and every file looked for but not found), sorted by path, one record per path. */
  readonly reads: () => InputRecord[];
  /** Adds records of reads made for this build elsewhere (a clinic profile loaded once and kept), as if read here. */
  readonly add: (records: readonly InputRecord[]) => void;
}

function isUnder(file: string, dirs: readonly string[]): boolean {
  return dirs.some((d) => {
    const rel = relative(d, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  });
}

/**
 * Wraps `inner` so that each successful read is logged with the hash of its
 * bytes, under the path asked for and, when a symlink led elsewhere, under its real path too, and each
 * `not-found` refusal as an absent file. Other refusals (outside the roots, too large, remote) are errors
 * of the build and are not logged: no path outside the allowed roots is ever looked at again. Reads inside
 * `fingerprinted` (the bundled templates, locales and fonts, which the run fingerprint hashes by content)
 * are not logged either: a manifest names only the user's files.
 */
export function recordingWorld(inner: World, fingerprinted: readonly string[] = bundledResourceDirs()): RecordingWorld {
  const log = new Map<string, string | null>();
  const world: World = {
    read(ref, baseDir, roots, maxBytes) {
      const r = inner.read(ref, baseDir, roots, maxBytes);
      if (isUnder(r.path, fingerprinted)) return r;
      if (r.ok) {
        const digest = sha256(r.data);
        log.set(r.path, digest);
        // read through a symlink: the link is recorded too, so re-pointing it (same name, new target) is a change
        const requested = isAbsolute(ref) ? ref : resolve(baseDir, ref);
        if (requested !== r.path) log.set(requested, digest);
      } else if (r.reason === 'not-found' && !log.has(r.path)) log.set(r.path, null);
      return r;
    },
    // the package's templates and locales, read for every document of a batch: kept by their stat (world.ts)
    ...(inner === nodeWorld ? { readsAsNode: (full: string): boolean => isUnder(full, fingerprinted) } : {}),
  };
  const reads = (): InputRecord[] =>
    [...log.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, h]) => ({ path: p, sha256: h }));
  const add = (records: readonly InputRecord[]): void => {
    for (const r of records) if (r.sha256 !== null || !log.has(r.path)) log.set(r.path, r.sha256);
  };
  return { world, reads, add };
}
