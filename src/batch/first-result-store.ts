/**
 * The first result of a stage a process computes, kept across processes beside the word stores
 * (`layout/word-store.ts`: the compile cache's folder and safety checks) — for stages whose cost in a new process is
 * mostly their code running for the first time: parsing the guide (micromark) and the typographic quotes and dashes
 * (retext) take tens of milliseconds in a cold build and a few once warm. So a store is consulted only until the
 * process has computed one result of its kind itself: a cold `handout build` of a guide built before (for this or
 * another clinic, with other fill-in values) reads it, and a batch worker, warm after its first document, neither reads
 * nor writes files for the rest.
 *
 * Each result is one file (`result-<kind>-<digest>.json`) named by a digest of the code (the workers' bundle), the kind
 * and the input: a header line with the input's and the body's SHA-256, then the result as JSON. It is used only when
 * both digests match and the result has the expected shape; results that JSON would not give back exactly (undefined
 * values, non-plain objects, numbers that are not finite) are not kept. Bounded: results of at most
 * {@link MAX_RESULT_BYTES}, at most {@link MAX_RESULTS_PER_KIND} files of a kind, those not written for a week
 * removed. Off while the word stores are.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readPrivateFile, writeStoreFile } from './compile-cache.js';
import { storesRecording, wordStoreSettings } from '../layout/word-store.js';

const FORMAT = 1;
/** Largest result kept (its JSON, in bytes). */
export const MAX_RESULT_BYTES = 4 * 1024 * 1024;
/** Most results of one kind kept in the folder (then none is added until stale ones are removed after a week). */
export const MAX_RESULTS_PER_KIND = 256;

const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');

/** Results read back by kind (tests, debugging). */
const used = new Map<string, number>();

/** How many results of `kind` this process read back from the stores. */
export function firstResultsUsed(kind: string): number {
  return used.get(kind) ?? 0;
}

/** Whether `value` is plain JSON data that `JSON.parse(JSON.stringify(value))` gives back exactly. */
export function isPlainJson(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) return false;
      continue;
    }
    if (typeof v !== 'object') return false; // undefined, functions, symbols, bigints
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) return false; // a hole reads back as null
        stack.push(v[i]);
      }
      continue;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    if (Object.getOwnPropertySymbols(v).length > 0) return false;
    for (const key of Object.keys(v)) {
      if (key === '__proto__') return false;
      stack.push((v as Record<string, unknown>)[key]);
    }
  }
  return true;
}

/** Results of one kind (see the module comment). */
export class FirstResultStore<T> {
  /** Whether this process computed a result of this kind (then the store is no longer used). */
  private warm = false;

  /**
   * @param kind names the files (letters, digits and hyphens)
   * @param valid checks the shape of a result read back
   */
  constructor(
    private readonly kind: string,
    private readonly valid: (value: unknown) => value is T,
  ) {
    if (!/^[a-z0-9-]+$/.test(kind)) throw new Error(`handoutkit: bad result store kind ${kind}`);
  }

  /** The file of `inputDigest`'s result in the stores' folder. */
  private fileFor(settings: { readonly dir: string; readonly key: string }, inputDigest: string): string {
    const name = sha256(`handoutkit result ${FORMAT}\0${settings.key}\0${this.kind}\0${inputDigest}`).slice(0, 32);
    return path.join(settings.dir, `result-${this.kind}-${name}.json`);
  }

  /** The result kept for `input`, while this process has computed none of its own. */
  get(input: string): T | undefined {
    const settings = this.warm ? undefined : wordStoreSettings();
    if (!settings) return undefined;
    const inputDigest = sha256(input);
    const bytes = readPrivateFile(this.fileFor(settings, inputDigest), MAX_RESULT_BYTES + 1024);
    if (!bytes) return undefined;
    try {
      const text = bytes.toString('utf8');
      const end = text.indexOf('\n');
      const header = JSON.parse(text.slice(0, end)) as { v?: unknown; kind?: unknown; input?: unknown; body?: unknown };
      const body = text.slice(end + 1);
      if (end < 0 || header.v !== FORMAT || header.kind !== this.kind || header.input !== inputDigest) return undefined;
      if (header.body !== sha256(body)) return undefined;
      const value = JSON.parse(body) as unknown;
      if (!this.valid(value)) return undefined;
      used.set(this.kind, (used.get(this.kind) ?? 0) + 1);
      return value;
    } catch {
      return undefined;
    }
  }

  /**
   * Tells the store this process computed `value` for `input` itself: kept for later processes if it is the first
   * (and plain JSON, and small enough); from then on the store is not used. Never throws.
   */
  computed(input: string, value: T): void {
    if (this.warm) return;
    this.warm = true;
    const settings = wordStoreSettings();
    if (!settings || !storesRecording() || !isPlainJson(value)) return; // (not from a document with fill-in values)
    const inputDigest = sha256(input);
    const file = this.fileFor(settings, inputDigest);
    const body = JSON.stringify(value);
    if (Buffer.byteLength(body) > MAX_RESULT_BYTES) return;
    const header = JSON.stringify({ v: FORMAT, kind: this.kind, input: inputDigest, body: sha256(body) });
    writeStoreFile(file, `result-${this.kind}-`, '.json', MAX_RESULTS_PER_KIND, () => `${header}\n${body}`);
  }

  /** Whether this process computed a result of this kind (tests). */
  get isWarm(): boolean {
    return this.warm;
  }
}
