/**
 * Results kept per word across processes, in the per-user cache folder of the compile cache
 * (`src/batch/compile-cache.ts`, with its safety checks: a folder of the user's own that no one else can write, no
 * symbolic links, files of mode 0600 written atomically). Used for shaped words (`render/pdf-adapter/shape-store.ts`) and
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
const FORMAT = 3;

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

/** Whether results are recorded into the stores: off while a document with fill-in values builds. */
let recording = true;

/** Whether the stores are on and results are recorded into them (see {@link withRecordingOff}). */
export function storesRecording(): boolean {
  return settings !== undefined && recording;
}

/**
 * Runs `build` with nothing recorded into the stores, which are still read: a document with fill-in values (personal
 * data, which the build manifest leaves out too) leaves none of its words, glyph lists or results in the cache folder.
 * A worker thread builds one document at a time.
 */
export async function withRecordingOff<T>(build: () => Promise<T>): Promise<T> {
  recording = false;
  try {
    return await build();
  } finally {
    recording = true;
  }
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

/**
 * The words of one store file, with a check of each value read. The file is a header line, then one line per word
 * (its JSON, a tab, its value's JSON) sorted; reading it only splits it into lines, and a word asked for is found by
 * binary search and its value parsed and checked then. So opening a full store (30,000 words, a few MB) costs little
 * more than reading the file, however few of its words a document uses. A word's JSON is a whole string literal, so
 * no word's is the start of another's and the lines sort as their words do; a file that is not sorted only makes
 * words missing, never wrong.
 */
export class WordStore<V> {
  /** Values parsed and checked from the file, or set; by word. */
  private readonly words = new Map<string, V>();
  /** Words set since the file was read, by their JSON. */
  private readonly changed = new Map<string, V>();
  /** The file's lines (the header first), or none when there is no usable file. */
  private lines: readonly string[] = [];
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

  /** Number of words held (at most: a word of the file set again counts twice). */
  get size(): number {
    return Math.max(0, this.lines.length - 1) + this.changed.size;
  }

  /** The value kept for `word`, if there is one of the right shape. */
  get(word: string): V | undefined {
    const value = this.words.get(word);
    if (value !== undefined || this.lines.length < 2) return value;
    const text = this.lookup(`${JSON.stringify(word)}\t`);
    if (text === undefined) return undefined;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!this.valid(parsed)) return undefined;
      this.words.set(word, parsed);
      return parsed;
    } catch {
      return undefined;
    }
  }

  /** Keeps `value` for `word` (and writes it with the next {@link persistWordStores}) unless the store is full. */
  set(word: string, value: V): void {
    if (word.length > MAX_WORD_LENGTH || (this.size >= MAX_WORDS && this.get(word) === undefined)) return;
    this.words.set(word, value);
    if (this.file && !this.stale && recording) {
      this.changed.set(JSON.stringify(word), value);
      this.added++;
      dirty.add(this);
    }
  }

  /** Binary search of `lines` (after the header) for the line starting with `prefix` (a word's JSON and a tab), or -1. */
  private static find(lines: readonly string[], prefix: string): number {
    let lo = 1;
    let hi = lines.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const line = lines[mid]!;
      if (line.startsWith(prefix)) return mid;
      if (line < prefix) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private lookup(prefix: string): string | undefined {
    const at = WordStore.find(this.lines, prefix);
    return at < 0 ? undefined : this.lines[at]!.slice(prefix.length);
  }

  private read(): void {
    const bytes = this.file ? readPrivateFile(this.file, MAX_FILE_BYTES) : undefined;
    if (!bytes) return;
    const lines = bytes.toString('utf8').split('\n', MAX_WORDS + 1);
    try {
      const header = JSON.parse(lines[0]!) as { v?: unknown; id?: unknown };
      if (header.v !== FORMAT || header.id !== this.digest) return;
    } catch {
      return;
    }
    if (lines[lines.length - 1] === '') lines.pop(); // after the last line's line break
    this.lines = lines;
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
    // the file's lines with those of words set again replaced, and the new ones; sorted (as the words' JSON sort)
    const out = this.lines.slice(1);
    const fresh: string[] = [];
    for (const [key, value] of this.changed) {
      const line = `${key}\t${JSON.stringify(value)}`;
      const at = WordStore.find(this.lines, `${key}\t`);
      if (at > 0) out[at - 1] = line;
      else fresh.push(line);
    }
    this.changed.clear();
    const sorted = [...out.filter((l) => l.length > 0), ...fresh].sort().slice(0, MAX_WORDS);
    this.lines = [JSON.stringify({ v: FORMAT, id: this.digest }), ...sorted];
    return writePrivateFileAtomic(this.file, () => `${this.lines.join('\n')}\n`);
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
