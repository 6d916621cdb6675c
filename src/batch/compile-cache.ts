/**
 * A compile cache for a CommonJS bundle, like Node 22's `module.enableCompileCache()` (which Node 20 lacks): the
 * bundle is compiled with `vm.Script` and V8's code cache for it is kept in a per-user cache folder, so the next
 * process skips most of the parsing and compiling (`bin/handout.js`'s build workers load `dist/bundle/worker.cjs` so).
 *
 * The cache is an optimisation only: a missing, corrupt, rejected or unsafe cache, or a folder that cannot be
 * written, changes neither output nor exit code and prints nothing. A code cache is code, so it is only read from
 * and written to a folder that is the current user's own and writable by no one else (not a symbolic link), and only
 * a regular file of the user's, writable by no one else, is read.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/** Environment variables read by {@link compileCacheDir}. */
export interface CacheEnv {
  readonly HANDOUT_NO_COMPILE_CACHE?: string | undefined;
  readonly HANDOUT_CACHE_DIR?: string | undefined;
  readonly XDG_CACHE_HOME?: string | undefined;
  readonly NODE_OPTIONS?: string | undefined;
}

/** What happened to the cache of a loaded bundle. */
export type CacheStatus = 'accepted' | 'rejected' | 'absent' | 'disabled';

/** A bundle loaded by {@link loadCommonJs}. */
export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  readonly exports: unknown;
  /** `accepted`: compiled from the cache; `rejected`/`absent`: compiled from source; `disabled`: no usable cache folder. */
  readonly status: CacheStatus;
  /** The checked cache folder, or undefined when there is none (`disabled`). */
  readonly dir: string | undefined;
  /**
   * The bundle's identity: its bytes, Node, the CPU and the flags given to the process (32 hex digits). The cache file
   * is also named by the flags set at run time.
   */
  readonly key: string;
  /**
   * Writes the code cache when the one read was missing or rejected (call it after the bundle did typical work, so
   * the functions V8 compiled lazily are in it); at most once, never throws. Returns whether a cache was written.
   */
  save(): boolean;
}

/** Options of {@link loadCommonJs}. */
export interface LoadOptions {
  /** `require` for the bundle (Node's, made with `createRequire` for the bundle's path, or one that adds modules). */
  readonly require: (id: string) => unknown;
  /** The environment ({@link compileCacheDir}); default `process.env`. */
  readonly env?: CacheEnv;
  /** Cache files are named `<name>-<key>.v8cache` (default: the bundle's file name without extension). */
  readonly name?: string;
  /** The V8 flags set at run time (`v8.setFlagsFromString`) the bundle runs under: V8 checks them as those given to the process. */
  readonly runtimeFlags?: string;
}

const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** Caches of other bundle versions are removed when not written for this long. */
const STALE_MS = 7 * 24 * 3600 * 1000;

/**
 * The cache folder: `$HANDOUT_CACHE_DIR`, else `$XDG_CACHE_HOME/handoutkit`, else `~/.cache/handoutkit`; undefined
 * when `HANDOUT_NO_COMPILE_CACHE` is set (to anything but `0` or empty) or no home folder is known.
 */
export function compileCacheDir(env: CacheEnv = process.env): string | undefined {
  const off = env.HANDOUT_NO_COMPILE_CACHE;
  if (off !== undefined && off !== '' && off !== '0') return undefined;
  if (env.HANDOUT_CACHE_DIR) return path.resolve(env.HANDOUT_CACHE_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'handoutkit');
  let home = '';
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  return home ? path.join(home, '.cache', 'handoutkit') : undefined;
}

const uid = (): number | undefined => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/** Whether `st` belongs to the current user and no one else can write it (POSIX; always true where there are no uids). */
function ownedAndPrivate(st: { uid: number; mode: number }): boolean {
  const me = uid();
  return me === undefined || (st.uid === me && (st.mode & 0o022) === 0);
}

/** The cache folder made (mode 0700) and checked: a real folder of the current user's, writable by no one else. */
export function safeDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    return st.isDirectory() && !st.isSymbolicLink() && ownedAndPrivate(st);
  } catch {
    return false;
  }
}

/**
 * A cache file's bytes, if it is a regular file of the current user's that no one else can write (not followed if a link)
 * and at most `maxBytes` long.
 */
export function readPrivateFile(file: string, maxBytes: number = MAX_CACHE_BYTES): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || !ownedAndPrivate(st) || st.size === 0 || st.size > maxBytes) return undefined;
    const bytes = Buffer.allocUnsafe(st.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) return undefined;
      read += n;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * What the cache depends on besides the source: Node (and so V8) and the CPU, and the V8 flags given to the process or
 * set at run time (V8 rejects a cache made under other flags).
 */
function runtimeKey(env: CacheEnv): string {
  return [process.version, process.arch, process.platform, process.execArgv.join(' '), env.NODE_OPTIONS ?? ''].join('\n');
}

/** Wraps the bundle as Node's CommonJS loader does, so that it can run with `vm.Script`. */
const wrap = (source: string): string => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

/**
 * Compiles and runs the CommonJS bundle `file` with V8's code cache from the cache folder when there is one that fits
 * (same bundle bytes, Node, CPU and flags). Throws only what loading the bundle itself throws.
 */
export function loadCommonJs(file: string, options: LoadOptions): LoadedBundle {
  const env = options.env ?? process.env;
  const bytes = readFileSync(file);
  const source = wrap(bytes.toString('utf8'));
  const name = options.name ?? path.basename(file).replace(/\.[^.]*$/, '');
  const key = createHash('sha256').update(bytes).update('\0').update(runtimeKey(env)).digest('hex').slice(0, 32);
  const dir = compileCacheDir(env);
  const usable = dir !== undefined && safeDir(dir);
  // one cache per set of flags set at run time (`handout build` of one guide and of several differ: worker-limits.ts)
  const flags = options.runtimeFlags ? `-${createHash('sha256').update(options.runtimeFlags).digest('hex').slice(0, 8)}` : '';
  const cacheFile = usable ? path.join(dir, `${name}-${key}${flags}.v8cache`) : undefined;
  const cachedData = cacheFile ? readPrivateFile(cacheFile) : undefined;

  const script = new vm.Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const status: CacheStatus = !cacheFile ? 'disabled' : !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} as unknown };
  const fn = script.runInThisContext() as (e: unknown, r: (id: string) => unknown, m: unknown, f: string, d: string) => void;
  fn.call(module.exports, module.exports, options.require, module, file, path.dirname(file));

  let saved = false;
  const save = (): boolean => {
    if (saved || !cacheFile || status === 'accepted') return false;
    saved = true;
    return writeCache(cacheFile, name, script);
  };
  return { exports: module.exports, status, dir: usable ? dir : undefined, key, save };
}

/**
 * Writes `file` in a checked cache folder ({@link safeDir}) atomically: a temporary file of mode 0600 (created, never
 * followed or reused), then renamed over it. Returns false (and leaves nothing behind) when that fails.
 */
export function writePrivateFileAtomic(file: string, data: () => string | Uint8Array): boolean {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    if (!safeDir(path.dirname(file))) return false;
    writeFileSync(temp, data(), { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
    return true;
  } catch {
    rmSync(temp, { force: true });
    return false;
  }
}

/**
 * Removes the files of `dir` named `<prefix>…<suffix>` (or `<prefix>….tmp`, left by a process stopped while writing)
 * not written for a week, except those named in `keep`: caches of other versions do not pile up with every upgrade.
 * Never throws.
 */
export function removeStale(dir: string, prefix: string, suffix: string, keep: ReadonlySet<string>): void {
  try {
    const before = Date.now() - STALE_MS;
    for (const f of readdirSync(dir)) {
      if (keep.has(f) || !f.startsWith(prefix) || !(f.endsWith(suffix) || f.endsWith('.tmp'))) continue;
      const st = lstatSync(path.join(dir, f), { throwIfNoEntry: false });
      if (st && st.mtimeMs < before) rmSync(path.join(dir, f), { force: true });
    }
  } catch {
    // not removed: harmless
  }
}

/**
 * Writes one file of a bounded store in the cache folder (`<prefix>…<suffix>`): refused (false) when the folder already
 * holds `max` such files; else written as {@link writePrivateFileAtomic} writes, and the store's files not written for
 * a week are removed. Never throws.
 */
export function writeStoreFile(file: string, prefix: string, suffix: string, max: number, data: () => string | Uint8Array): boolean {
  const dir = path.dirname(file);
  let count = 0;
  try {
    count = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith(suffix)).length;
  } catch {
    // no folder yet: made by the write
  }
  if (count >= max) return false;
  const written = writePrivateFileAtomic(file, data);
  if (written) removeStale(dir, prefix, suffix, new Set([path.basename(file)]));
  return written;
}

/** Writes the cache atomically (temporary file of mode 0600, then rename) and removes stale caches of `name`. */
function writeCache(cacheFile: string, name: string, script: vm.Script): boolean {
  if (!writePrivateFileAtomic(cacheFile, () => script.createCachedData())) return false;
  removeStale(path.dirname(cacheFile), `${name}-`, '.v8cache', new Set([path.basename(cacheFile)]));
  return true;
}
