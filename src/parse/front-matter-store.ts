/**
 * Front matter already read as YAML, by its text: what `yaml` made of a block that had no syntax error, no tag and was
 * a mapping (the values before the schema checks them, which `front-matter.ts` runs every time). Reading YAML is most
 * of what validating a guide's front matter costs, and `handout build` of several guides reads every guide's front
 * matter before it builds (to refuse two guides writing one output): about 0.3 ms a guide, 0.3 s for a library of
 * 1,000 guides, even when nothing changed.
 *
 * Off until the CLI opens the store ({@link openFrontMatterStore}): then kept in the process (bounded) and across
 * processes in a file of the per-user cache folder of the compile cache (`batch/compile-cache.ts`, with its checks: a
 * private folder, files of mode 0600 written atomically). Only values JSON gives back exactly are kept (no `.inf`, no
 * dates), and the file is named by what the values depend on: the `yaml` package's version and the options it is run
 * with. A separate store from the word stores (`layout/word-store.ts`): those are the workers' (keyed by their
 * bundle, words of at most 256 characters), and this one is the CLI thread's.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readPrivateFile, removeStale, safeDir, writePrivateFileAtomic } from '../batch/compile-cache.js';

/** Front matter blocks kept (the oldest dropped first). */
export const MAX_KEPT_FRONT_MATTER = 20_000;
/** Longest block kept (characters). */
const MAX_TEXT = 16 * 1024;
/** Largest store file read. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Format of the file (bumped when its layout changes). */
const FORMAT = 1;

/** The values of a front matter block, as `yaml` gave them. */
export type FrontMatterData = Readonly<Record<string, unknown>>;

const kept = new Map<string, FrontMatterData>();
let file: string | undefined;
let added = 0;

/** Whether `a` and `b` are the same JSON value (`b` came from `JSON.parse`), -0 and 0 told apart. */
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null) return Object.is(a, b);
  if (typeof b !== 'object' || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.prototype && !Array.isArray(a)) return false; // a Date, a Map…
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** The values `yaml` gave for the front matter block `text` before, if kept (only once a store is open). */
export function keptFrontMatter(text: string): FrontMatterData | undefined {
  return file === undefined ? undefined : kept.get(text);
}

/**
 * Keeps `data`, what `yaml` gave for the block `text` (a copy, and only when JSON holds it exactly), once a store is
 * open: a build worker, which opens none, keeps nothing (its memory stays flat over any number of guides).
 */
export function keepFrontMatter(text: string, data: FrontMatterData): void {
  if (file === undefined || text.length > MAX_TEXT || kept.has(text)) return;
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(data));
  } catch {
    return;
  }
  if (!sameJson(data, copy)) return;
  kept.set(text, copy as FrontMatterData);
  added++;
  for (const k of kept.keys()) {
    if (kept.size <= MAX_KEPT_FRONT_MATTER) break;
    kept.delete(k);
  }
}

/** What the kept values depend on besides the text: the `yaml` package and the way `front-matter.ts` runs it. */
function storeKey(yamlOptions: string): string {
  let version = 'unknown';
  try {
    version = String((createRequire(import.meta.url)('yaml/package.json') as { version?: unknown }).version);
  } catch {
    // still keyed by the options and the format
  }
  return createHash('sha256').update(`${FORMAT}\0${version}\0${yamlOptions}`).digest('hex').slice(0, 32);
}

/**
 * Reads the blocks kept in `dir` (the cache folder; checked as the compile cache checks it) by earlier processes, once
 * per process; `yamlOptions` names how the YAML is read. A missing, corrupt or foreign file is ignored.
 */
export function openFrontMatterStore(dir: string, yamlOptions: string): void {
  const wanted = path.join(dir, `front-matter-${storeKey(yamlOptions)}.json`);
  if (file === wanted) return;
  kept.clear();
  added = 0;
  if (!safeDir(dir)) return;
  file = wanted;
  const bytes = readPrivateFile(file, MAX_FILE_BYTES);
  if (!bytes) return;
  try {
    const stored = JSON.parse(bytes.toString('utf8')) as unknown;
    if (typeof stored !== 'object' || stored === null || (stored as { format?: unknown }).format !== FORMAT) return;
    const entries = (stored as { entries?: unknown }).entries;
    if (!Array.isArray(entries)) return;
    for (const e of entries as unknown[]) {
      if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || e[0].length > MAX_TEXT) continue;
      const data: unknown = e[1];
      if (typeof data !== 'object' || data === null || Array.isArray(data) || kept.has(e[0])) continue;
      kept.set(e[0], data as FrontMatterData);
      if (kept.size >= MAX_KEPT_FRONT_MATTER) break;
    }
  } catch {
    // corrupt: written again below
  }
}

/** Writes the kept blocks to the store file opened, if this process added any. Never throws; true when written. */
export function saveFrontMatterStore(): boolean {
  if (!file || added === 0) return false;
  const entries = [...kept];
  const written = writePrivateFileAtomic(file, () => JSON.stringify({ format: FORMAT, entries }));
  if (written) {
    added = 0;
    removeStale(path.dirname(file), 'front-matter-', '.json', new Set([path.basename(file)]));
  }
  return written;
}

/** Forgets every kept block and the store file (tests). */
export function resetFrontMatterStore(): void {
  kept.clear();
  file = undefined;
  added = 0;
}
