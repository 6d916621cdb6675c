/**
 * Digests of the bundled folders (fonts, templates, locales, code) made once,
 * when the package is built (`npm run build` / `prepare` run
 * `scripts/stamp-assets.mjs`), so that a `handout build` does not read and
 * hash about 48 MB of fonts on every run.
 *
 * A stamp (`dist/asset-stamps.json`) keeps, per folder, its {@link hashTree}
 * digest and the list of its files with size and modification time. At run
 * time the folder is listed and stat-ed (no file is read); the stamped digest
 * is used only when every file is still there with the same size and time and
 * no file was added. Otherwise — or without a stamp, as when running from
 * `src/` — the folder is hashed by content as before.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { hashTree, portableRelative } from './hash.js';

/** Name of the stamp file, inside `dist/`. */
export const STAMP_FILE = 'asset-stamps.json';

/** One file of a stamped folder: relative path, size in bytes, modification time (ms). */
export type StampedFile = readonly [path: string, size: number, mtimeMs: number];

/** A folder's digest and the file list it was made from. */
export interface FolderStamp {
  readonly digest: string | null;
  readonly files: readonly StampedFile[];
}

/** The stamp file: folder stamps by absolute-path-free name (`fonts`, `dist`, …). */
export interface AssetStamps {
  readonly version: 1;
  readonly folders: { readonly [name: string]: FolderStamp };
}

/**
 * Files under `dir` as {@link hashTree} walks them (sorted, recursive, links
 * followed), with size and mtime; `skip` leaves out files by relative path.
 */
export function listFiles(dir: string, skip?: (rel: string) => boolean): StampedFile[] | null {
  const ahead = prefetched.get(dir);
  prefetched.delete(dir); // used once: a later listing sees the folder as it is then
  if (ahead && performance.now() - ahead.at < PREFETCH_FRESH_MS) {
    const { files } = ahead;
    return files && (skip ? files.filter(([rel]) => !skip(rel)) : [...files]);
  }
  try {
    if (!statSync(dir).isDirectory()) return null;
  } catch {
    return null;
  }
  const out: StampedFile[] = [];
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
        continue;
      }
      if (st.isDirectory()) walk(full, depth + 1);
      else if (st.isFile()) {
        const rel = portableRelative(dir, full);
        if (!skip?.(rel)) out.push([rel, st.size, st.mtimeMs]);
      }
    }
  };
  walk(dir, 0);
  return out;
}

/**
 * Listings made ahead by {@link prefetchListings}, by folder, each used once by {@link listFiles}, and only for
 * {@link PREFETCH_FRESH_MS} (one not used by the run that made it, e.g. an early error, is not kept for a later one).
 */
const prefetched = new Map<string, { readonly files: StampedFile[] | null; readonly at: number }>();
const PREFETCH_FRESH_MS = 10_000;

/** {@link listFiles} without `skip`, with the `stat` calls on Node's I/O threads (the same files in the same order). */
async function listFilesAsync(dir: string): Promise<StampedFile[] | null> {
  try {
    if (!(await stat(dir)).isDirectory()) return null;
  } catch {
    return null;
  }
  const walk = async (d: string, depth: number): Promise<StampedFile[]> => {
    if (depth > 16) return [];
    let names: string[];
    try {
      names = (await readdir(d)).sort();
    } catch {
      return [];
    }
    const parts = await Promise.all(
      names.map(async (name): Promise<StampedFile[]> => {
        const full = path.join(d, name);
        let st;
        try {
          st = await stat(full);
        } catch {
          return [];
        }
        if (st.isDirectory()) return walk(full, depth + 1);
        return st.isFile() ? [[portableRelative(dir, full), st.size, st.mtimeMs]] : [];
      }),
    );
    return parts.flat();
  };
  return walk(dir, 0);
}

/**
 * Lists `dirs` now, on Node's I/O threads, for the next {@link listFiles} of each: a caller with other work meanwhile
 * (`handout build` loading its modules and reading the config) no longer waits for hundreds of `stat` calls in a row
 * (the package's code and resources: about 40 ms here). Never rejects.
 */
export async function prefetchListings(dirs: readonly string[]): Promise<void> {
  const lists = await Promise.all(dirs.map((d) => listFilesAsync(d).catch(() => undefined)));
  dirs.forEach((d, i) => {
    const files = lists[i];
    if (files !== undefined) prefetched.set(d, { files, at: performance.now() });
  });
}

/** A stamp of `dir` made now (hashing every file). */
export function stampFolder(dir: string, skip?: (rel: string) => boolean): FolderStamp {
  return { digest: hashTree(dir, undefined, skip), files: listFiles(dir, skip) ?? [] };
}

function sameFiles(a: readonly StampedFile[], b: readonly StampedFile[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x[0] !== y[0] || x[1] !== y[1] || x[2] !== y[2]) return false;
  }
  return true;
}

/** Reads a stamp file; undefined when absent or not a stamp. */
export function readStamps(file: string): AssetStamps | undefined {
  try {
    // the package's own stamp file (written by its build), not user input: read outside the World
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<AssetStamps>;
    return data.version === 1 && typeof data.folders === 'object' && data.folders !== null ? (data as AssetStamps) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The digest of folder `dir` (as {@link hashTree} with `skip`): the stamped one
 * when the stamp still describes the folder's files, else hashed now.
 */
export function folderDigest(stamps: AssetStamps | undefined, name: string, dir: string, skip?: (rel: string) => boolean): string | null {
  const stamp = stamps?.folders[name];
  if (stamp) {
    const files = listFiles(dir, skip);
    if (files && sameFiles(files, stamp.files)) return stamp.digest;
  }
  return hashTree(dir, undefined, skip);
}
