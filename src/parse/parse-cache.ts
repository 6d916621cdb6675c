/**
 * The parse stage, remembered per process: a batch builds the same guide for many clinics and variants,
 * and what `parse` returns depends only on the guide's path and text (the Markdown processor and the
 * front-matter schema are fixed for the process; clinic, template, settings and `{{…}}` variables come in
 * at resolve, which works on its own copy of the tree). A hit gives back the same frozen document and
 * records the same diagnostics, in the same order, as a fresh parse.
 */
import { createHash } from 'node:crypto';
import { FirstResultStore } from '../batch/first-result-store.js';
import { Diagnostics, type Diagnostic, type SourcePlace } from '../diagnostics.js';
import type { ParsedDocument } from '../types/document.js';
import { parse } from './parse.js';

/** Documents kept (least recently used dropped first). */
export const PARSE_CACHE_ENTRIES = 32;
/** Guides longer than this (UTF-16 code units) are parsed every time, and the kept sources never add up to more than 4 of them. */
export const PARSE_CACHE_MAX_SOURCE = 512 * 1024;
const MAX_TOTAL_SOURCE = 4 * PARSE_CACHE_MAX_SOURCE;

/** One `error` or `warning` call made while parsing, replayed on a hit. */
interface RecordedCall {
  readonly severity: 'error' | 'warning';
  readonly place: SourcePlace;
  readonly message: string;
  readonly ruleId: string;
  readonly hint: string | undefined;
}

interface Entry {
  readonly doc: ParsedDocument | undefined;
  readonly calls: readonly RecordedCall[];
  readonly size: number;
}

/** Diagnostics that also remember every call, so they can be made again on another collector (caps and summaries included). */
class RecordingDiagnostics extends Diagnostics {
  readonly calls: RecordedCall[] = [];

  override error(place: SourcePlace, message: string, ruleId: string, hint?: string): Diagnostic {
    this.calls.push({ severity: 'error', place: { file: place.file, line: place.line, column: place.column }, message, ruleId, hint });
    return super.error(place, message, ruleId, hint);
  }

  override warning(place: SourcePlace, message: string, ruleId: string, hint?: string): Diagnostic {
    this.calls.push({ severity: 'warning', place: { file: place.file, line: place.line, column: place.column }, message, ruleId, hint });
    return super.warning(place, message, ruleId, hint);
  }
}

const cache = new Map<string, Entry>();
let totalSource = 0;

/** A parse as kept across processes: the document (null when parse gave none) and the calls, `hint` only when given. */
interface StoredParse {
  readonly doc: ParsedDocument | null;
  readonly calls: readonly (Omit<RecordedCall, 'hint'> & { readonly hint?: string })[];
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function isStoredCall(c: unknown): boolean {
  if (!isObject(c) || !isObject(c.place)) return false;
  const { place } = c;
  return (
    (c.severity === 'error' || c.severity === 'warning') &&
    typeof place.file === 'string' &&
    typeof place.line === 'number' &&
    typeof place.column === 'number' &&
    typeof c.message === 'string' &&
    typeof c.ruleId === 'string' &&
    (c.hint === undefined || typeof c.hint === 'string')
  );
}

function isStoredParse(x: unknown): x is StoredParse {
  if (!isObject(x) || !Array.isArray(x.calls) || !x.calls.every(isStoredCall)) return false;
  const doc = x.doc;
  if (doc === null) return true;
  return (
    isObject(doc) &&
    typeof doc.file === 'string' &&
    typeof doc.dir === 'string' &&
    isObject(doc.meta) &&
    isObject(doc.root) &&
    doc.root.type === 'root' &&
    Array.isArray(doc.root.children)
  );
}

/**
 * A cold process's first parse, kept across processes (`batch/first-result-store.ts`): micromark's first run in a new
 * process costs most of a cold build's parse.
 */
const firstParses = new FirstResultStore<StoredParse>('parse', isStoredParse);

/** Freezes `value` and everything reachable from it (the mdast and metadata are plain objects and arrays). */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return value;
}

function replay(calls: readonly RecordedCall[], diags: Diagnostics): void {
  for (const c of calls) {
    if (c.severity === 'error') diags.error(c.place, c.message, c.ruleId, c.hint);
    else diags.warning(c.place, c.message, c.ruleId, c.hint);
  }
}

/**
 * {@link parse}, remembered: the key is a SHA-256 of the path and the text. The document returned is
 * deeply frozen (later stages copy it, see `resolve`), and shared between the builds that hit it.
 */
export function parseCached(file: string, source: string, diags: Diagnostics): ParsedDocument | undefined {
  if (source.length > PARSE_CACHE_MAX_SOURCE) return parse(file, source, diags);
  const key = createHash('sha256').update(file).update('\0').update(source).digest('base64');
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key); // most recently used last
  } else {
    const input = `${file}\0${source}`;
    const stored = firstParses.get(input);
    if (stored) {
      const calls = stored.calls.map((c) => ({ ...c, hint: c.hint }));
      entry = { doc: stored.doc === null ? undefined : deepFreeze(stored.doc), calls, size: source.length };
    } else {
      const recorder = new RecordingDiagnostics();
      const doc = parse(file, source, recorder);
      const calls = recorder.calls.map(({ hint, ...c }) => (hint === undefined ? c : { ...c, hint }));
      firstParses.computed(input, { doc: doc ?? null, calls });
      entry = { doc: doc && deepFreeze(doc), calls: recorder.calls, size: source.length };
    }
    totalSource += entry.size;
  }
  cache.set(key, entry);
  for (const [k, e] of cache) {
    if (cache.size <= PARSE_CACHE_ENTRIES && totalSource <= MAX_TOTAL_SOURCE) break;
    cache.delete(k);
    totalSource -= e.size;
  }
  replay(entry.calls, diags);
  return entry.doc;
}

/** Forgets every kept document (tests). */
export function clearParseCache(): void {
  cache.clear();
  totalSource = 0;
}

/** Number of documents kept (tests). */
export function parseCacheSize(): number {
  return cache.size;
}
