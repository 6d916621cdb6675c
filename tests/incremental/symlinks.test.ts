/**
 * Incremental builds see what was actually read: an image or clinic profile reached through a symlink is
 * recorded under the link, so re-pointing the link rebuilds. The clinic template fingerprint is confined:
 * no link is followed out of the clinic folder, and link loops neither hang nor recurse.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { hashTree } from '../../src/incremental/hash.js';
import { pngOf, run, workspace } from './helpers.js';
import { ensureDist } from '../robustness/ensure-dist.js';

beforeAll(async () => {
  await ensureDist(); // every document is built in a worker thread, from dist/
}, 120_000);

const A = 'out/alpha.en.pdf';

describe('symlinked inputs', () => {
  it('an image symlink re-pointed at another file rebuilds (the link is recorded, not only its old target)', async () => {
    const ws = await workspace();
    const dir = path.dirname(ws.image);
    renameSync(ws.image, path.join(dir, 'blue.png'));
    writeFileSync(path.join(dir, 'red.png'), await pngOf('#cc0000'));
    symlinkSync('blue.png', ws.image);
    const args = ['build', ws.guideA, '--clinic', ws.clinic];
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'built' });
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'up to date' });
    unlinkSync(ws.image);
    symlinkSync('red.png', ws.image);
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'built' });
  });

  it('a symlinked clinic.yaml re-pointed at another profile rebuilds', async () => {
    const ws = await workspace();
    const cdir = path.dirname(ws.clinic);
    const text = readFileSync(ws.clinic, 'utf8');
    writeFileSync(path.join(cdir, 'one.yaml'), text);
    writeFileSync(path.join(cdir, 'two.yaml'), text.replace(/^name: .*$/m, 'name: Another Clinic'));
    unlinkSync(ws.clinic);
    symlinkSync('one.yaml', ws.clinic);
    const args = ['build', ws.guideA, '--clinic', ws.clinic];
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'built' });
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'up to date' });
    unlinkSync(ws.clinic);
    symlinkSync('two.yaml', ws.clinic);
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'built' });
  });
});

describe('clinic template fingerprint', () => {
  it('does not follow a link out of the clinic folder (the outside file is never read), and still changes when the link changes', async () => {
    const ws = await workspace();
    const cdir = path.dirname(ws.clinic);
    const templates = path.join(cdir, 'templates', 'partials');
    mkdirSync(templates, { recursive: true });
    const fifo = path.join(ws.dir, 'outside.fifo');
    execFileSync('mkfifo', [fifo]); // reading it would block for ever
    symlinkSync(fifo, path.join(templates, 'footer.hbs'));
    const a = hashTree(path.join(cdir, 'templates'), cdir);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    unlinkSync(path.join(templates, 'footer.hbs'));
    symlinkSync(path.join(ws.dir, 'elsewhere.hbs'), path.join(templates, 'footer.hbs'));
    writeFileSync(path.join(ws.dir, 'elsewhere.hbs'), 'x');
    expect(hashTree(path.join(cdir, 'templates'), cdir)).not.toBe(a);
  });

  it('self-links and folder loops are hashed at once, and the build refuses nothing it need not', async () => {
    const ws = await workspace();
    const cdir = path.dirname(ws.clinic);
    const templates = path.join(cdir, 'templates');
    mkdirSync(path.join(templates, 'partials'), { recursive: true });
    for (const n of ['a', 'b', 'c']) symlinkSync('.', path.join(templates, 'partials', n)); // three loops back to partials/
    symlinkSync('self', path.join(templates, 'self')); // a link to itself (ELOOP)
    const started = Date.now();
    expect(hashTree(templates, cdir)).toMatch(/^[0-9a-f]{64}$/);
    const r = await run(['build', ws.guideA, '--clinic', ws.clinic], ws.dir);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(0);
  });
});
