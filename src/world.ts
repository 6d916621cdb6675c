/**
 * All file access of a build goes through a {@link World}: guides, clinic
 * profiles, images, templates and fonts are read only from inside the folders
 * it was given. Tests pass a fake one.
 */
import { realpathSync, statSync } from 'node:fs';
import { readRegularFile } from './io/read-regular.js';
import { statStamp } from './io/stat-stamp.js';
import path from 'node:path';
import { decodeText } from './text-decode.js';
import { DEFAULT_LIMITS } from './limits.js';

/** Why a read was refused. */
export type ReadRefusal = 'not-found' | 'outside-root' | 'not-a-file' | 'too-large' | 'remote';

/** Result of reading a file through the world. */
export type ReadResult =
  | { readonly ok: true; readonly path: string; readonly data: Buffer }
  | { readonly ok: false; readonly path: string; readonly reason: ReadRefusal; readonly detail: string };

/** File access for a build. */
export interface World {
  /**
   * Reads `ref` (relative to `baseDir`) if it stays inside one of the allowed
   * roots after resolving symlinks.
   */
  read(ref: string, baseDir: string, roots: readonly string[], maxBytes?: number): ReadResult;
  /**
   * Whether this world reads the file at absolute path `full` just as {@link nodeWorld} does and keeps no record of
   * it (a recording world over the real file system, for the package's own templates and locales): then a text read
   * of it is answered from the texts kept for the real file system ({@link readText}), not read again.
   */
  readonly readsAsNode?: (full: string) => boolean;
}

/** Default limit for one input file (bytes): `DEFAULT_LIMITS.maxFileBytes`. */
export const DEFAULT_MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileBytes;

function isInside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

type Refusal = Extract<ReadResult, { ok: false }>;

/**
 * What is refused before touching the file system (a remote or absolute reference, a lexical escape from the
 * roots: no existence oracle outside them), else the full path of `ref`.
 */
function lexicalCheck(ref: string, baseDir: string, roots: readonly string[]): Refusal | string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^[a-z]:[\\/]/i.test(ref)) {
    return { ok: false, path: ref, reason: 'remote', detail: `remote resources are not fetched during a build: \`${ref}\`` };
  }
  if (path.isAbsolute(ref)) {
    return { ok: false, path: ref, reason: 'outside-root', detail: `absolute paths are not allowed: \`${ref}\`` };
  }
  const full = path.resolve(baseDir, ref);
  if (!roots.some((r) => isInside(full, path.resolve(r)))) {
    return { ok: false, path: full, reason: 'outside-root', detail: `\`${ref}\` is outside the content folder` };
  }
  return full;
}

function notFound(full: string, ref: string): Refusal {
  return { ok: false, path: full, reason: 'not-found', detail: `file not found: \`${ref}\`` };
}

/** The real file system, confined to the given roots. */
export const nodeWorld: World = {
  read(ref, baseDir, roots, maxBytes = DEFAULT_MAX_FILE_BYTES) {
    const full = lexicalCheck(ref, baseDir, roots);
    if (typeof full !== 'string') return full;
    let real: string;
    try {
      real = realpathSync.native(full); // one realpath(3) call (the JS version lstats every path component)
    } catch {
      return notFound(full, ref);
    }
    const realRoots = roots.map((r) => {
      try {
        return realpathSync.native(r);
      } catch {
        return path.resolve(r);
      }
    });
    if (!realRoots.some((r) => isInside(real, r))) {
      return { ok: false, path: full, reason: 'outside-root', detail: `\`${ref}\` is outside the content folder` };
    }
    // regular files only, checked on the open descriptor: a FIFO or device is never read (it would hang or never end)
    const r = readRegularFile(real, maxBytes);
    if (r.ok) return { ok: true, path: real, data: r.data };
    if (r.reason === 'not-a-file')
      return { ok: false, path: full, reason: 'not-a-file', detail: `\`${ref}\` is not a regular file (a folder, pipe or device)` };
    if (r.reason === 'too-large')
      return {
        ok: false,
        path: full,
        reason: 'too-large',
        detail: `\`${ref}\` is ${/(\d+ bytes; the limit is \d+)$/.exec(r.detail)?.[1] ?? `larger than ${maxBytes} bytes`}`,
      };
    return { ok: false, path: full, reason: 'not-found', detail: `cannot read \`${ref}\`: ${r.detail}` };
  },
};

/** Result of reading a text file: its decoded text, or why not (a refusal, or bytes that are not UTF-8 text). */
export type TextReadResult =
  | { readonly ok: true; readonly path: string; readonly text: string }
  | { readonly ok: false; readonly path: string; readonly reason: ReadRefusal; readonly detail: string }
  | {
      readonly ok: false;
      readonly path: string;
      readonly reason: 'not-utf8';
      readonly line: number;
      readonly column: number;
      readonly detail: string;
    };

/** Decodes bytes read from `file` (see {@link decodeText}): the one decoding every text read goes through. */
export function textOf(file: string, data: Uint8Array): TextReadResult {
  const d = decodeText(data);
  return d.ok
    ? { ok: true, path: file, text: d.text }
    : { ok: false, path: file, reason: 'not-utf8', line: d.line, column: d.column, detail: d.message };
}

/** A text file read through {@link nodeWorld}: its decoded text, and the file's identity and times when it was read. */
interface KeptText {
  readonly stamp: string;
  readonly result: TextReadResult;
}

/** Largest text file kept, in bytes, and the most kept in all (templates, locale files and guides are a few KB). */
const KEPT_TEXT_MAX_BYTES = 128 * 1024;
const KEPT_TEXT_TOTAL_BYTES = 2 * 1024 * 1024;
const KEPT_TEXT_ENTRIES = 128;
const keptTexts = new Map<string, KeptText & { readonly bytes: number }>();
let keptBytes = 0;

/**
 * What {@link readText} gives for `ref` through {@link nodeWorld}, remembered while the file is unchanged. A
 * build reads the same templates and locale files every time: confining and reading them (two `realpath`s,
 * an open, a read and a decode each) was about 1 ms per document. A kept text is used again only when one
 * `stat` of the path shows the same file (device and inode) with the same size, modification and change
 * times (nanoseconds; the change time moves on every write, even one that restores the modification
 * time), so an edit between two builds of one process (`handout serve`, `--watch`) is read again. The path
 * is the same as first read, so it is still inside the roots unless a folder link was moved to another place
 * holding the very same file. An absent file is said from the `stat` (a failed `realpath` throws, and its
 * exception was most of the cost of looking for a locale file that is not there); anything else (refused, large,
 * not a regular file, another world) is read as before.
 */
function keptText(
  ref: string,
  baseDir: string,
  roots: readonly string[],
  maxBytes: number | undefined,
  full: Refusal | string = lexicalCheck(ref, baseDir, roots),
): TextReadResult {
  if (typeof full !== 'string') return full;
  let stamp: string | undefined;
  try {
    const st = statSync(full, { bigint: true, throwIfNoEntry: false });
    // absent (a locale or template override looked for): said without the exception a failed realpath makes
    if (st === undefined) return notFound(full, ref);
    if (st.isFile() && st.size <= KEPT_TEXT_MAX_BYTES) stamp = statStamp(st);
  } catch {
    // read as before, which says why not
  }
  if (stamp === undefined) {
    const r = nodeWorld.read(ref, baseDir, roots, maxBytes);
    return r.ok ? textOf(r.path, r.data) : r;
  }
  const key = `${full}\u0000${maxBytes ?? ''}\u0000${roots.join('\u0000')}`;
  const kept = keptTexts.get(key);
  if (kept?.stamp === stamp) return kept.result;
  const r = nodeWorld.read(ref, baseDir, roots, maxBytes);
  const result = r.ok ? textOf(r.path, r.data) : r;
  if (kept) {
    keptTexts.delete(key);
    keptBytes -= kept.bytes;
  }
  if (r.ok && r.data.length <= KEPT_TEXT_MAX_BYTES) {
    keptTexts.set(key, { stamp, result, bytes: r.data.length });
    keptBytes += r.data.length;
    for (const [k, e] of keptTexts) {
      if (keptTexts.size <= KEPT_TEXT_ENTRIES && keptBytes <= KEPT_TEXT_TOTAL_BYTES) break;
      keptTexts.delete(k);
      keptBytes -= e.bytes;
    }
  }
  return result;
}

/**
 * Reads a text file through `world` (confined like {@link World.read}) and decodes it as UTF-8 (or UTF-16 with a
 * byte-order mark). Through {@link nodeWorld}, and for the files a world says it reads as that one does
 * ({@link World.readsAsNode}), an unchanged file is not read again (see {@link keptText}).
 */
export function readText(world: World, ref: string, baseDir: string, roots: readonly string[], maxBytes?: number): TextReadResult {
  if (world === nodeWorld) return keptText(ref, baseDir, roots, maxBytes);
  if (world.readsAsNode) {
    const full = lexicalCheck(ref, baseDir, roots);
    if (typeof full === 'string' && world.readsAsNode(full)) {
      const kept = keptText(ref, baseDir, roots, maxBytes, full);
      // a link that led elsewhere: read through the world, which records it
      if (kept.path === full || world.readsAsNode(kept.path)) return kept;
    }
  }
  const r = world.read(ref, baseDir, roots, maxBytes);
  return r.ok ? textOf(r.path, r.data) : r;
}

/**
 * Reads an already-located text file through `world`, its own folder being the only root (a guide
 * named on the command line, a translation's front matter, a clinic profile read again for a
 * position). Never throws: a refusal or bytes that are not UTF-8 come back as the result.
 */
export function readFileText(world: World, file: string, maxBytes?: number): TextReadResult {
  const dir = path.dirname(path.resolve(file));
  return readText(world, path.basename(file), dir, [dir], maxBytes);
}

/**
 * The text of a file a tool looks at outside a build (a guide's fill-in fields in `serve` or `preview`, a
 * clinic profile's `locales`), read like {@link readFileText} with the real file system; undefined when it
 * is refused (outside its folder, not a regular file, too large) or not UTF-8 — the build reports those.
 */
export function textOrUndefined(file: string): string | undefined {
  const r = readFileText(nodeWorld, file);
  return r.ok ? r.text : undefined;
}
