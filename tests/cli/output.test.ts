/**
 * Where `handout build` writes: bad -o/--out-dir are one-line usage errors, an output that is one of the
 * inputs or read-only is refused, and a guide that fails loses its old PDF in every path.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runHandout } from '../helpers/cli.js';
import { ensureDist } from '../robustness/ensure-dist.js';

const ROOT = path.resolve('.');

beforeAll(async () => {
  await ensureDist(); // every document is built in a worker thread, from dist/
}, 120_000);
const FRONT = (id: string): string => `---\nid: ${id}\ntitle: Guide ${id}\nlang: en\nversion: 1\n---\n\n`;

function workspace(): { dir: string; guide: string; clinic: string; image: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-out-'));
  const gdir = path.join(dir, 'content/guides/alpha');
  const cdir = path.join(dir, 'content/clinics/c');
  mkdirSync(gdir, { recursive: true });
  mkdirSync(cdir, { recursive: true });
  const image = path.join(gdir, 'tiny.png');
  copyFileSync(path.join(ROOT, 'tests/fixtures/images/wide.png'), image); // prints above 150 ppi: no low-resolution warning
  writeFileSync(path.join(gdir, 'en.md'), `${FRONT('alpha')}Rest well.\n\n![A dot](tiny.png)\n`);
  copyFileSync(path.join(ROOT, 'content/clinics/example-community/logo.svg'), path.join(cdir, 'logo.svg'));
  copyFileSync(path.join(ROOT, 'content/clinics/example-community/clinic.yaml'), path.join(cdir, 'clinic.yaml'));
  return { dir, guide: path.join(gdir, 'en.md'), clinic: path.join(cdir, 'clinic.yaml'), image };
}

const run = runHandout;

function oneLine(err: string): string {
  expect(err.endsWith('\n')).toBe(true);
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/internal error|\n\s+at /);
  return err;
}

describe('output paths', () => {
  it('-o onto a folder is a usage error naming it (exit 2)', async () => {
    const ws = workspace();
    mkdirSync(path.join(ws.dir, 'pdfs'));
    const r = await run(['build', ws.guide, '--clinic', ws.clinic, '-o', 'pdfs'], ws.dir);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toContain('-o `pdfs` is a folder; give a file name such as `pdfs/handout.pdf`, or use --out-dir `pdfs`');
  });

  it('--out-dir that is a file is a usage error naming it (exit 2)', async () => {
    const ws = workspace();
    writeFileSync(path.join(ws.dir, 'out'), 'not a folder');
    const r = await run(['build', ws.guide, '--clinic', ws.clinic, '--out-dir', 'out'], ws.dir);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toContain('--out-dir `out` is a file, not a folder');
  });

  it('-o onto the guide itself is refused and the guide is untouched', async () => {
    const ws = workspace();
    const before = readFileSync(ws.guide);
    const r = await run(['build', ws.guide, '--clinic', ws.clinic, '-o', 'content/guides/alpha/en.md'], ws.dir);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toContain('refusing to write `content/guides/alpha/en.md`: it is an input of the build');
    expect(readFileSync(ws.guide)).toEqual(before);
  });

  it('-o onto an image the guide uses is refused (exit 1) and the image is untouched', async () => {
    const ws = workspace();
    const before = readFileSync(ws.image);
    const r = await run(['build', ws.guide, '--clinic', ws.clinic, '-o', 'content/guides/alpha/tiny.png'], ws.dir);
    expect(r.code).toBe(1);
    expect(oneLine(r.err)).toContain('refusing to write `content/guides/alpha/tiny.png`: it is an input of the build');
    expect(readFileSync(ws.image)).toEqual(before);
  });

  it('a read-only output is not replaced unless --force', async () => {
    const ws = workspace();
    const target = path.join(ws.dir, 'h.pdf');
    writeFileSync(target, 'kept');
    chmodSync(target, 0o444);
    const r = await run(['build', ws.guide, '--clinic', ws.clinic, '-o', 'h.pdf'], ws.dir);
    expect(r.code).toBe(1);
    expect(oneLine(r.err)).toContain(
      '`h.pdf` is read-only, so it was not replaced; make it writable (chmod u+w), or pass --force to replace it',
    );
    expect(readFileSync(target, 'utf8')).toBe('kept');
    const forced = await run(['build', ws.guide, '--clinic', ws.clinic, '-o', 'h.pdf', '--force'], ws.dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(target).subarray(0, 5).toString()).toBe('%PDF-');
    expect(statSync(target).mode & 0o200).not.toBe(0);
  });
});

describe('a guide that fails loses its old PDF', () => {
  it('when its front matter no longer validates (`version: x`), also with --force', async () => {
    const ws = workspace();
    const pdf = path.join(ws.dir, 'out', 'alpha.en.pdf');
    for (const extra of [[], ['--force']]) {
      writeFileSync(ws.guide, `${FRONT('alpha')}Rest well.\n`);
      expect((await run(['build', ws.guide, '--clinic', ws.clinic], ws.dir)).code).toBe(0);
      expect(existsSync(pdf)).toBe(true);
      writeFileSync(ws.guide, `${FRONT('alpha').replace('version: 1', 'version: x')}Rest well.\n`);
      const r = await run(['build', ws.guide, '--clinic', ws.clinic, ...extra], ws.dir);
      expect(r.code).toBe(1);
      expect(existsSync(pdf), `old PDF removed ${extra.join(' ')}`).toBe(false);
    }
  });

  it('when the guide is deleted before the build (found through the manifest)', async () => {
    const ws = workspace();
    const pdf = path.join(ws.dir, 'out', 'alpha.en.pdf');
    expect((await run(['build', ws.guide, '--clinic', ws.clinic], ws.dir)).code).toBe(0);
    rmSync(ws.guide);
    const r = await run(['build', ws.guide, '--clinic', ws.clinic], ws.dir);
    expect(r.code).toBe(1);
    expect(existsSync(pdf)).toBe(false);
  });

  it('when the guide is deleted during a multi-guide build', async () => {
    const ws = workspace();
    const other = path.join(ws.dir, 'content/guides/beta/en.md');
    mkdirSync(path.dirname(other), { recursive: true });
    writeFileSync(other, `${FRONT('beta')}Drink water.\n`);
    // a longer guide in between: the worker gets the next document as soon as it returns one (while that one is
    // written), so with one job alpha starts only after gamma was built, long after beta was delivered
    const long = path.join(ws.dir, 'content/guides/gamma/en.md');
    mkdirSync(path.dirname(long), { recursive: true });
    writeFileSync(
      long,
      readFileSync(path.join(ROOT, 'content/guides/first-ketamine-session/en.md'), 'utf8').replace(/^id: .*$/m, 'id: gamma'),
    );
    const args = ['build', other, long, ws.guide, '--clinic', ws.clinic, '--jobs', '1', '--force'];
    expect((await run(args, ws.dir)).code).toBe(0);
    const pdf = path.join(ws.dir, 'out', 'alpha.en.pdf');
    expect(existsSync(pdf)).toBe(true);
    // delete alpha once beta was delivered (gamma is being built)
    const r = await run(args, ws.dir, (s) => {
      if (s.includes('beta.en.pdf')) rmSync(ws.guide);
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain('guide-not-found');
    expect(existsSync(pdf)).toBe(false);
  }, 120_000);
});

describe('a single build has the same time budget as batch items', () => {
  it('a runaway guide built alone is stopped at --time-budget, reported, and its old PDF removed', async () => {
    const ws = workspace();
    writeFileSync(ws.guide, `${FRONT('alpha')}${'a'.repeat(2 * 1024 * 1024)}\n`);
    const target = path.join(ws.dir, 'old.pdf');
    writeFileSync(target, 'an old handout');
    const started = Date.now();
    const r = await run(['build', ws.guide, '--clinic', ws.clinic, '-o', 'old.pdf', '--time-budget', '1'], ws.dir);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^content\/guides\/alpha\/en\.md:1:1: error document exceeded its time budget of 1 s; .*\[time-budget\]\n$/);
    expect(existsSync(target)).toBe(false);
  }, 120_000);
});
