/**
 * A hand-edited manifest cannot hang a build, make it read devices, delete or block files outside the
 * output folder, or break `--force`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_NAME } from '../../src/incremental/manifest.js';
import { ensureDist } from '../robustness/ensure-dist.js';
import { run, workspace } from './helpers.js';

const A = 'out/alpha.en.pdf';

beforeAll(async () => {
  await ensureDist(); // every document is built in a worker thread, from dist/
}, 120_000);

type Entry = { inputs: Record<string, string | null> };

describe('hostile manifests', () => {
  it('inputs naming a FIFO or /dev/zero are not read: the build finishes at once and rebuilds', async () => {
    const ws = await workspace();
    const args = ['build', ws.guideA, '--clinic', ws.clinic];
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'built' });
    const file = path.join(ws.dir, 'out', MANIFEST_NAME);
    const m = JSON.parse(readFileSync(file, 'utf8')) as { outputs: Record<string, Entry> };
    execFileSync('mkfifo', [path.join(ws.dir, 'pipe')]);
    const h = 'a'.repeat(64);
    m.outputs['alpha.en.pdf']!.inputs = { ...m.outputs['alpha.en.pdf']!.inputs, '../pipe': h, '../../../../../../../../dev/zero': h };
    writeFileSync(file, JSON.stringify(m));
    const started = Date.now();
    const r = await run(args, ws.dir);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.status).toEqual({ [A]: 'built' });
  }, 120_000);

  it('an entry renamed to `../../victim.pdf` is ignored with one warning; the victim is untouched and the real output builds', async () => {
    const ws = await workspace();
    const args = ['build', ws.guideA, '--clinic', ws.clinic];
    expect((await run(args, ws.dir)).code).toBe(0);
    const file = path.join(ws.dir, 'out', MANIFEST_NAME);
    const victim = path.join(ws.dir, '..', path.basename(ws.dir) + '-victim.pdf');
    writeFileSync(victim, 'precious');
    const text = readFileSync(file, 'utf8').replace('"alpha.en.pdf"', JSON.stringify(`../../${path.basename(victim)}`));
    writeFileSync(file, text);
    const r = await run(args, ws.dir);
    expect(r.code).toBe(0);
    expect(r.status).toEqual({ [A]: 'built' });
    expect(r.err.match(/handout: warning: the build manifest/g)).toHaveLength(1);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    // a failing build must not remove the victim either
    writeFileSync(file, text);
    writeFileSync(ws.guideA, readFileSync(ws.guideA, 'utf8').replace('version: 1', 'version: x'));
    expect((await run(args, ws.dir)).code).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(existsSync(path.join(ws.dir, A))).toBe(false);
  }, 120_000);

  it('JSON nested 3,000 deep: a plain build warns once and rebuilds; --force never reads it', async () => {
    const ws = await workspace();
    const args = ['build', ws.guideA, '--clinic', ws.clinic];
    const file = path.join(ws.dir, 'out', MANIFEST_NAME);
    expect((await run(args, ws.dir)).code).toBe(0);
    writeFileSync(file, '['.repeat(3000) + ']'.repeat(3000));
    const plain = await run(args, ws.dir);
    expect(plain.code).toBe(0);
    expect(plain.err).toMatch(
      /^handout: warning: the build manifest `out\/\.handout-manifest\.json` nests deeper than 32 levels; it was ignored and every handout is rebuilt\n$/,
    );
    writeFileSync(file, '['.repeat(3000) + ']'.repeat(3000));
    const forced = await run([...args, '--force'], ws.dir);
    expect(forced.code).toBe(0);
    expect(forced.err).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'handoutkit-manifest/1' });
  }, 120_000);
});
