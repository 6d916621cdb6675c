/**
 * The bundled build workers (`dist/bundle/direct-worker.cjs`, `src/batch/direct-worker.ts`) load their code through the
 * compile cache: written by the first `handout build`, used by the next; a corrupt cache is rewritten; an unusable
 * cache folder changes nothing. The word stores (shaped words, hyphenation points) live in the same folder: written
 * by the first build, read by the next, written again when corrupt. The PDF is the same bytes in every case, and nothing is printed about the cache
 * (except under HANDOUT_DEBUG_COMPILE_CACHE, which these tests set to see what happened).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { ensureDist } from '../robustness/ensure-dist.js';

const GUIDE = path.resolve('content/guides/first-ketamine-session/en.md');

beforeAll(async () => {
  await ensureDist();
}, 120_000);

/** `handout build` of the sample guide in a new process with `env`; its exit status, stderr and PDF. */
function build(cwd: string, env: Record<string, string>): { status: number | null; err: string; pdf: Buffer } {
  const r = spawnSync(process.execPath, [path.resolve('bin/handout.js'), 'build', GUIDE, '--force', '-o', 'a.pdf'], {
    cwd,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, HANDOUT_CACHE_DIR: '', HANDOUT_NO_COMPILE_CACHE: '', HANDOUT_DEBUG_COMPILE_CACHE: '', ...env },
  });
  return { status: r.status, err: r.stderr, pdf: readFileSync(path.join(cwd, 'a.pdf')) };
}

const cacheOf = (dir: string): string[] => readdirSync(dir).filter((f) => /^worker-[0-9a-f]{32}-[0-9a-f]{8}\.v8cache$/.test(f));
const wordsOf = (dir: string): string[] => readdirSync(dir).filter((f) => /^words-[0-9a-f]+\.json$/.test(f));

describe('the build worker’s compile cache', () => {
  it('is written by the first build, used by the next, rewritten when corrupt; the PDF never changes', () => {
    const cwd = tempDir('handout-cw-');
    const cache = path.join(cwd, 'cache');
    const debug = { HANDOUT_CACHE_DIR: cache, HANDOUT_DEBUG_COMPILE_CACHE: '1' };
    const first = build(cwd, debug);
    expect(first.status).toBe(0);
    expect(first.err).toMatch(/compile cache absent\n(.|\n)*compile cache written/);
    expect(cacheOf(cache)).toHaveLength(1);

    const second = build(cwd, debug);
    // one worker thread: the one bin/handout.js starts before the CLI loads is the one the CLI builds in
    expect(second.err.match(/compile cache accepted/g)).toHaveLength(1);
    expect(second.err).not.toContain('written');
    expect(second.pdf.equals(first.pdf)).toBe(true);

    // the word stores: written by the first build (a font or two, the English patterns), read by the second
    expect(first.err).toMatch(/word stores written: [1-9]/);
    const words = wordsOf(cache);
    expect(words.length).toBeGreaterThanOrEqual(2);
    expect(readdirSync(cache).filter((f) => /^image-[0-9a-f]+\.bin$/.test(f))).toHaveLength(1); // the decoded logo
    for (const f of words) writeFileSync(path.join(cache, f), '{"v":1,"id":"0","words":[[');
    const rewritten = build(cwd, debug);
    expect([rewritten.status, rewritten.pdf.equals(first.pdf)]).toEqual([0, true]);
    expect(rewritten.err).toContain(`word stores written: ${words.length}`);

    const file = path.join(cache, cacheOf(cache)[0]!);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1)); // truncated
    const corrupt = build(cwd, debug);
    expect([corrupt.status, corrupt.err]).toEqual([0, expect.stringMatching(/compile cache rejected\n(.|\n)*compile cache written/)]);
    expect(corrupt.pdf.equals(first.pdf)).toBe(true);
    expect(build(cwd, debug).err).toContain('compile cache accepted');

    const quiet = build(cwd, { HANDOUT_CACHE_DIR: cache });
    expect([quiet.status, quiet.err]).toEqual([0, '']);
    const off = build(cwd, { HANDOUT_NO_COMPILE_CACHE: '1' });
    expect([off.status, off.err, off.pdf.equals(first.pdf)]).toEqual([0, '', true]);
  }, 240_000);

  it('keeps one cache for builds of one guide and one for builds of several (their workers run under different V8 flags)', () => {
    const cwd = tempDir('handout-cw-');
    const cache = path.join(cwd, 'cache');
    const debug = { HANDOUT_CACHE_DIR: cache, HANDOUT_DEBUG_COMPILE_CACHE: '1' };
    const several = (): string => {
      const r = spawnSync(
        process.execPath,
        [
          path.resolve('bin/handout.js'),
          'build',
          GUIDE,
          path.resolve('content/guides/before-session/en.md'),
          '--force',
          '--out-dir',
          'out',
          '--jobs',
          '1',
        ],
        { cwd, encoding: 'utf8', timeout: 90_000, env: { ...process.env, HANDOUT_NO_COMPILE_CACHE: '', ...debug } },
      );
      expect(r.status).toBe(0);
      return r.stderr;
    };
    expect(build(cwd, debug).err).toContain('compile cache written');
    expect(several()).toMatch(/compile cache absent\n(.|\n)*compile cache written/);
    expect(cacheOf(cache)).toHaveLength(2);
    // each kind of run uses its own: V8 accepts it (it would refuse one made under the other flags)
    expect(build(cwd, debug).err).toContain('compile cache accepted');
    expect(several()).toContain('compile cache accepted');
    expect(cacheOf(cache)).toHaveLength(2);
  }, 240_000);

  it('changes nothing when the cache folder cannot be made', () => {
    const cwd = tempDir('handout-cw-');
    writeFileSync(path.join(cwd, 'file'), 'not a folder');
    const r = build(cwd, { HANDOUT_CACHE_DIR: path.join(cwd, 'file', 'cache') });
    expect([r.status, r.err]).toEqual([0, '']);
    const debug = build(cwd, { HANDOUT_CACHE_DIR: path.join(cwd, 'file', 'cache'), HANDOUT_DEBUG_COMPILE_CACHE: '1' });
    expect(debug.err).toContain('compile cache disabled');
    expect(debug.pdf.equals(r.pdf)).toBe(true);
  }, 120_000);
});
