/**
 * The compile cache (`src/batch/compile-cache.ts`): a CommonJS file compiled with V8's code cache kept in a
 * per-user folder. Used on the second load; a corrupt, foreign or unsafe cache is not used (and rewritten where
 * the folder is safe); an unusable folder only disables it. Every test uses its own folder (never the home cache).
 */
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileCacheDir, loadCommonJs, type CacheEnv } from '../../src/batch/compile-cache.js';
import { tempDir } from '../helpers/cli.js';
import { ensureDist } from '../robustness/ensure-dist.js';

beforeAll(async () => {
  await ensureDist();
}, 120_000);

/** A CommonJS bundle with some functions (compiled lazily, so a cache made after a call holds them). */
function bundle(dir: string, answer = 42): string {
  const file = path.join(dir, 'b.cjs');
  const body = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join('\n');
  writeFileSync(file, `${body}\nconst { join } = require('node:path');\nexports.answer = () => f0(${answer});\nexports.join = join;\n`);
  return file;
}

function load(file: string, env: CacheEnv) {
  const loaded = loadCommonJs(file, { require: createRequire(file), env });
  const api = loaded.exports as { answer: () => number; join: (...p: string[]) => string };
  return { ...loaded, api };
}

const COMPILED = path.resolve('dist/batch/compile-cache.js');

/**
 * Loads `file` in a new process (V8 keeps scripts compiled in a process in memory, so a second load in this one
 * would not read the cache) and saves the cache: the status, the bundle's answer, whether a cache was written.
 */
function loadInChild(file: string, env: CacheEnv): { status: string; answer: number; saved: boolean } {
  const code =
    `import { loadCommonJs } from ${JSON.stringify(pathToFileURL(COMPILED).href)}; import { createRequire } from 'node:module';` +
    `const [file, env] = JSON.parse(process.argv[1]); const l = loadCommonJs(file, { require: createRequire(file), env });` +
    `const answer = l.exports.answer(); console.log(JSON.stringify({ status: l.status, answer, saved: l.save() }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, JSON.stringify([file, env])], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { status: string; answer: number; saved: boolean };
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const cacheFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('compileCacheDir', () => {
  it('is HANDOUT_CACHE_DIR, else under XDG_CACHE_HOME, else under the home folder; off with HANDOUT_NO_COMPILE_CACHE', () => {
    expect(compileCacheDir({ HANDOUT_CACHE_DIR: '/x/y', XDG_CACHE_HOME: '/c' })).toBe(path.resolve('/x/y'));
    expect(compileCacheDir({ XDG_CACHE_HOME: '/c' })).toBe(path.join('/c', 'handoutkit'));
    expect(compileCacheDir({ XDG_CACHE_HOME: 'relative' })).toMatch(/\.cache[\\/]handoutkit$/);
    expect(compileCacheDir({})).toMatch(/\.cache[\\/]handoutkit$/);
    expect(compileCacheDir({ HANDOUT_NO_COMPILE_CACHE: '1', HANDOUT_CACHE_DIR: '/x' })).toBeUndefined();
    expect(compileCacheDir({ HANDOUT_NO_COMPILE_CACHE: '0', HANDOUT_CACHE_DIR: '/x' })).toBe(path.resolve('/x'));
  });
});

describe('loadCommonJs', () => {
  it('compiles from source and writes the cache once, then uses it', () => {
    const dir = tempDir('handout-cc-');
    const cache = path.join(dir, 'cache');
    const file = bundle(dir);
    const first = load(file, { HANDOUT_CACHE_DIR: cache });
    expect(first.status).toBe('absent');
    expect(first.api.answer()).toBe(42);
    expect(first.api.join('a', 'b')).toBe(path.join('a', 'b')); // the require handed in is used
    expect(first.save()).toBe(true);
    expect(first.save()).toBe(false); // at most once
    const [name] = cacheFiles(cache);
    expect(name).toMatch(/^b-[0-9a-f]{32}\.v8cache$/);
    if (process.platform !== 'win32') {
      expect(statSync(cache).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(cache, name!)).mode & 0o777).toBe(0o600);
    }
    // another process with the same Node flags uses it (this one runs under Vitest's flags, part of the key)
    const child = path.join(dir, 'child-cache');
    expect(loadInChild(file, { HANDOUT_CACHE_DIR: child })).toEqual({ status: 'absent', answer: 42, saved: true });
    expect(loadInChild(file, { HANDOUT_CACHE_DIR: child })).toEqual({ status: 'accepted', answer: 42, saved: false });
  });

  it('keeps a cache per set of flags set at run time, under the same bundle key', () => {
    const dir = tempDir('handout-cc-');
    const cache = path.join(dir, 'cache');
    const file = bundle(dir);
    const plain = loadCommonJs(file, { require: createRequire(file), env: { HANDOUT_CACHE_DIR: cache } });
    const flagged = loadCommonJs(file, { require: createRequire(file), env: { HANDOUT_CACHE_DIR: cache }, runtimeFlags: '--x=1' });
    expect(flagged.key).toBe(plain.key); // the word stores are the bundle's: the same for both
    expect([plain.save(), flagged.save()]).toEqual([true, true]);
    expect(cacheFiles(cache).sort()).toEqual([`b-${plain.key}-${sha256('--x=1').slice(0, 8)}.v8cache`, `b-${plain.key}.v8cache`].sort());
  });

  it('does not use the cache of other bundle bytes', () => {
    const dir = tempDir('handout-cc-');
    const cache = path.join(dir, 'cache');
    const file = bundle(dir, 1);
    expect(loadInChild(file, { HANDOUT_CACHE_DIR: cache })).toEqual({ status: 'absent', answer: 1, saved: true });
    bundle(dir, 2);
    expect(loadInChild(file, { HANDOUT_CACHE_DIR: cache })).toEqual({ status: 'absent', answer: 2, saved: true });
    expect(cacheFiles(cache)).toHaveLength(2); // the other version's is kept for a week
  });

  it('rejects a corrupt cache and rewrites it', () => {
    const dir = tempDir('handout-cc-');
    const cache = path.join(dir, 'cache');
    const file = bundle(dir);
    loadInChild(file, { HANDOUT_CACHE_DIR: cache });
    const cached = path.join(cache, cacheFiles(cache)[0]!);
    const bytes = readFileSync(cached);
    bytes.fill(7, 16);
    writeFileSync(cached, bytes);
    expect(loadInChild(file, { HANDOUT_CACHE_DIR: cache })).toEqual({ status: 'rejected', answer: 42, saved: true });
    // another process with the same Node flags uses it (this one runs under Vitest's flags, part of the key)
    const child = path.join(dir, 'child-cache');
    expect(loadInChild(file, { HANDOUT_CACHE_DIR: child })).toEqual({ status: 'absent', answer: 42, saved: true });
    expect(loadInChild(file, { HANDOUT_CACHE_DIR: child })).toEqual({ status: 'accepted', answer: 42, saved: false });
  });

  it.skipIf(process.platform === 'win32')('does not read a cache file others can write, and replaces it', () => {
    const dir = tempDir('handout-cc-');
    const cache = path.join(dir, 'cache');
    const file = bundle(dir);
    loadInChild(file, { HANDOUT_CACHE_DIR: cache });
    const cached = path.join(cache, cacheFiles(cache)[0]!);
    chmodSync(cached, 0o666);
    expect(loadInChild(file, { HANDOUT_CACHE_DIR: cache })).toEqual({ status: 'absent', answer: 42, saved: true });
    expect(statSync(cached).mode & 0o777).toBe(0o600);
    expect(loadInChild(file, { HANDOUT_CACHE_DIR: cache }).status).toBe('accepted');
  });

  it.skipIf(!isRoot)('does not read a cache file of another user', () => {
    const dir = tempDir('handout-cc-');
    const cache = path.join(dir, 'cache');
    const file = bundle(dir);
    loadInChild(file, { HANDOUT_CACHE_DIR: cache });
    const cached = path.join(cache, cacheFiles(cache)[0]!);
    chownSync(cached, 4321, 4321);
    expect(loadInChild(file, { HANDOUT_CACHE_DIR: cache }).status).toBe('absent');
    chownSync(cache, 4321, 4321); // a folder of another user's: not used at all
    expect(loadInChild(file, { HANDOUT_CACHE_DIR: cache })).toEqual({ status: 'disabled', answer: 42, saved: false });
  });

  it.skipIf(process.platform === 'win32')('uses no folder that is a symbolic link, writable by others or not a folder', () => {
    const dir = tempDir('handout-cc-');
    const file = bundle(dir);
    const real = path.join(dir, 'real');
    mkdirSync(real, { mode: 0o700 });
    symlinkSync(real, path.join(dir, 'link'));
    const shared = path.join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    writeFileSync(path.join(dir, 'plain'), 'x');
    for (const cache of [path.join(dir, 'link'), shared, path.join(dir, 'plain'), path.join(dir, 'plain', 'sub')]) {
      const r = load(file, { HANDOUT_CACHE_DIR: cache });
      expect([cache, r.status]).toEqual([cache, 'disabled']);
      expect(r.api.answer()).toBe(42);
      expect(r.save()).toBe(false);
    }
    expect(cacheFiles(real)).toEqual([]);
    expect(cacheFiles(shared)).toEqual([]);
  });

  it('is off with HANDOUT_NO_COMPILE_CACHE', () => {
    const dir = tempDir('handout-cc-');
    const cache = path.join(dir, 'cache');
    const r = load(bundle(dir), { HANDOUT_CACHE_DIR: cache, HANDOUT_NO_COMPILE_CACHE: '1' });
    expect(r.status).toBe('disabled');
    expect(r.save()).toBe(false);
    expect(existsSync(cache)).toBe(false);
  });
});
