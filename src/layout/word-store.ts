/**
 * Results kept per word across processes, in the per-user cache folder of the compile cache
 * (`src/batch/compile-cache.ts`, with its safety checks: a folder of the user's own that no one else can write, no
 * symbolic links, files of mode 0600 written atomically). Used for shaped words (`fonts/shape-store.ts`) and
 * hyphenation points (`hyphenate.ts`), which a cold `handout build` otherwise computes again for every word.
 *
 * Off until {@link enableWordStores} (the bundled build workers turn it on). Each store is one JSON file named by a
 * digest of everything its results depend on (the code, and the font or the patterns): a missing, unreadable, corrupt
 * or foreign file, or an entry of the wrong shape, is ignored, and the file is written again with what this process
 * computes. Bounded: at most {@link MAX_WORDS} words a file, words of at most {@link MAX_WORD_LENGTH} characters.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readPrivateFile, removeStale, writePrivateFileAtomic } from '../batch/compile-cache.js';

/** Words kept per file. */
export const MAX_WORDS = 30_000;
/** Longest word kept (longer ones are computed every time: rarely met again). */
export const MAX_WORD_LENGTH = 256;
/** Words added to a store already written by this process before it is written again. */
export const REWRITE_AFTER = 2000;
/** Largest file read. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Format of the files (bumped when their layout changes). */
const FORMAT = 1;

let settings: { readonly dir: string; readonly key: string } | undefined;
/** Bumped by {@link enableWordStores}/{@link disableWordStores}: stores opened before are dropped. */
let generation = 0;
/** Stores with words not written yet. */
const dirty = new Set<WordStore<unknown>>();
/** Store files read or written by this process (never removed as stale). */
const known = new Set<string>();

/**
 * Turns the stores on: files in `dir` (checked as the compile cache checks its folder), keyed by `key` (what the code
 * computing the results is: the workers' bundle). Calling it again with the same settings does nothing.
 */
export function enableWordStores(options: { readonly dir: string; readonly key: string }): void {
  if (settings && settings.dir === options.dir && settings.key === options.key) return;
  settings = { dir: options.dir, key: options.key };
  generation++;
  dirty.clear();
}

/** Turns the stores off (tests). */
export function disableWordStores(): void {
  settings = undefined;
  generation++;
  dirty.clear();
}

/** The folder and code key the stores were turned on with (other caches kept beside them), or undefined when off. */
export function wordStoreSettings(): { readonly dir: string; readonly key: string } | undefined {
  return settings;
}

/** Whether {@link enableWordStores} turned the stores on. */
export function wordStoresEnabled(): boolean {
  return settings !== undefined;
}

/** The words of one store file, with a check of each value read. */
export class WordStore<V> {
  private readonly words = new Map<string, V>();
  /** Words added since the file was read or written. */
  private added = 0;
  /** Whether this process wrote the file already. */
  private writtenOnce = false;
  /** The stores' {@link generation} this one belongs to. */
  readonly generation = generation;
  private readonly file: string | undefined;
  private readonly digest: string;

  /**
   * Opens (reads) the store named by `parts` (everything its values depend on besides the code) when the stores are
   * on; else an empty store that is never written.
   */
  constructor(
    parts: readonly (string | Uint8Array)[],
    private readonly valid: (value: unknown) => value is V,
  ) {
    const hash = createHash('sha256').update(`handoutkit words ${FORMAT}\0${settings?.key ?? ''}\0`);
    for (const p of parts) hash.update(p).update('\0');
    this.digest = hash.digest('hex').slice(0, 32);
    if (!settings) return;
    this.file = path.join(settings.dir, `words-${this.digest}.json`);
    known.add(path.basename(this.file));
    this.read();
  }

  /** Whether the stores were turned on or off (or set otherwise) since this one was opened: open it again. */
  get stale(): boolean {
    return this.generation !== generation;
  }

  /** Words added and not written yet. */
  get pending(): number {
    return this.added;
  }

  /** Number of words held. */
  get size(): number {
    return this.words.size;
  }

  get(word: string): V | undefined {
    return this.words.get(word);
  }

  /** Keeps `value` for `word` (and writes it with the next {@link persistWordStores}) unless the store is full. */
  set(word: string, value: V): void {
    if (word.length > MAX_WORD_LENGTH || (this.words.size >= MAX_WORDS && !this.words.has(word))) return;
    this.words.set(word, value);
    if (this.file && !this.stale) {
      this.added++;
      dirty.add(this);
    }
  }

  private read(): void {
    const bytes = this.file ? readPrivateFile(this.file, MAX_FILE_BYTES) : undefined;
    if (!bytes) return;
    try {
      const data = JSON.parse(bytes.toString('utf8')) as { v?: unknown; id?: unknown; words?: unknown };
      if (data.v !== FORMAT || data.id !== this.digest || !Array.isArray(data.words)) return;
      for (const entry of data.words as unknown[]) {
        if (this.words.size >= MAX_WORDS) break;
        if (!Array.isArray(entry) || entry.length !== 2) continue;
        const [word, value] = entry as [unknown, unknown];
        if (typeof word === 'string' && word.length <= MAX_WORD_LENGTH && this.valid(value)) this.words.set(word, value);
      }
    } catch {
      this.words.clear();
    }
  }

  /**
   * Writes the file if words were added since it was read or written: the first time at once, later only when at least
   * {@link REWRITE_AFTER} were (a batch of different guides adds a few hundred words a document, and each write
   * rewrites the whole file). Returns whether it wrote (false also when it has words left to write).
   */
  write(): boolean {
    if (!this.file || this.added === 0 || this.stale) return false;
    if (this.writtenOnce && this.added < REWRITE_AFTER) return false;
    this.added = 0;
    this.writtenOnce = true;
    return writePrivateFileAtomic(this.file, () => JSON.stringify({ v: FORMAT, id: this.digest, words: [...this.words] }));
  }
}

/**
 * Writes the stores with words added since they were read or last written (see {@link WordStore.write}), and removes
 * store files not written for a week. Never throws; returns the number of files written.
 */
export function persistWordStores(): number {
  if (!settings || dirty.size === 0) return 0;
  let written = 0;
  for (const store of [...dirty]) {
    if (store.write()) written++;
    if (store.pending === 0 || store.stale) dirty.delete(store);
  }
  if (written > 0) removeStale(settings.dir, 'words-', '.json', known);
  return written;
}
