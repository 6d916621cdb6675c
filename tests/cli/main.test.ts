/** The `handout` command line: exit codes, diagnostics format, output naming, no partial output. */
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { runHandout, tempDir } from '../helpers/cli.js';
import { ensureDist } from '../robustness/ensure-dist.js';

beforeAll(async () => {
  await ensureDist(); // every document is built in a worker thread, from dist/
}, 120_000);

const ROOT = path.resolve('.');
const SEED = path.join(ROOT, 'content/guides/first-ketamine-session/en.md');
const CLINIC = path.join(ROOT, 'content/clinics/example-community/clinic.yaml');
const DIAG = /^(.+):(\d+):(\d+): (error|warning) (.+) \[([a-z0-9-]+)\]$/;

async function run(args: string[], cwd = tempDir('handout-cli-')) {
  return { ...(await runHandout(args, cwd)), cwd };
}

/** A content folder with one guide (and a copy of the sample clinic) that a test can break. */
function workspace(guide: string, clinicYaml?: string): { dir: string; guide: string; clinic: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-ws-'));
  const gdir = path.join(dir, 'content/guides/test-guide');
  const cdir = path.join(dir, 'content/clinics/test-clinic');
  mkdirSync(gdir, { recursive: true });
  mkdirSync(cdir, { recursive: true });
  writeFileSync(path.join(gdir, 'en.md'), guide);
  copyFileSync(path.join(ROOT, 'content/clinics/example-community/logo.svg'), path.join(cdir, 'logo.svg'));
  writeFileSync(path.join(cdir, 'clinic.yaml'), clinicYaml ?? readFileSync(CLINIC, 'utf8'));
  return { dir, guide: path.join(gdir, 'en.md'), clinic: path.join(cdir, 'clinic.yaml') };
}

const FRONT = '---\nid: test-guide\ntitle: Test guide\nlang: en\nversion: 1\n---\n\n';

describe('handout build', () => {
  it('builds the bundled samples into out/ with no guide given', async () => {
    const r = await run(['build']);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(r.cwd, 'out'))).toContain('first-ketamine-session.en.pdf');
  });

  it('names files <guide-id>.<lang>.pdf with --out-dir and honours -o', async () => {
    const r = await run(['build', SEED, '--out-dir', 'pdfs']);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(r.cwd, 'pdfs/first-ketamine-session.en.pdf'))).toBe(true);
    const o = await run(['build', SEED, '-o', 'x/handout.pdf']);
    expect(o.code).toBe(0);
    expect(readFileSync(path.join(o.cwd, 'x/handout.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('has --help and --version', async () => {
    const h = await run(['--help']);
    expect(h.code).toBe(0);
    expect(h.out).toContain('build');
    const bh = await run(['build', '--help']);
    expect(bh.out).toContain('--out-dir');
    const v = await run(['--version']);
    expect(v.code).toBe(0);
    expect(v.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['build', SEED, '--paper', 'legal'])).code).toBe(2);
    expect((await run(['build', '--bogus'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    const both = await run(['build', SEED, SEED, '-o', 'a.pdf']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--out-dir');
  });
});

interface BadCase {
  readonly name: string;
  readonly guide: string;
  readonly clinic?: string;
  readonly rule: string;
  readonly line?: number;
  readonly setup?: (dir: string) => void;
  readonly clinicArg?: (ws: { clinic: string; dir: string }) => string;
}

const baseClinic = readFileSync(CLINIC, 'utf8');
const cases: BadCase[] = [
  { name: 'missing guide file', guide: FRONT, rule: 'guide-not-found', setup: () => {}, clinicArg: (ws) => ws.clinic },
  {
    name: 'missing clinic file',
    guide: FRONT + 'Hello.\n',
    rule: 'clinic-not-found',
    clinicArg: (ws) => path.join(ws.dir, 'nope/clinic.yaml'),
  },
  { name: 'bad clinic YAML', guide: FRONT + 'Hello.\n', clinic: 'name: [unclosed\n', rule: 'clinic-yaml-syntax' },
  {
    name: 'unknown front-matter key',
    guide: '---\nid: test-guide\ntitle: T\nlang: en\nversion: 1\nauthr: me\n---\nHi.\n',
    rule: 'guide-unknown-key',
    line: 6,
  },
  { name: 'missing image', guide: FRONT + 'Text.\n\n![A chart](missing.png)\n', rule: 'image-not-found', line: 10 },
  {
    name: 'corrupt image',
    guide: FRONT + '![A chart](bad.png)\n',
    rule: 'image-corrupt',
    line: 8,
    setup: (d) => copyFileSync(path.join(ROOT, 'tests/fixtures/images/truncated.png'), path.join(d, 'content/guides/test-guide/bad.png')),
  },
  {
    name: 'image escaping the content folder',
    guide: FRONT + '![Secret](../../../../etc/passwd)\n',
    rule: 'image-outside-content',
    line: 8,
  },
  { name: 'unknown variable', guide: FRONT + 'Call {{clinic.phnoe}} today.\n', rule: 'unknown-variable', line: 8 },
  { name: 'invalid colour', guide: FRONT + 'Hello.\n', clinic: baseClinic.replace('"#1F5FAD"', '"#12345G"'), rule: 'clinic-invalid-color' },
];

describe('bad input: one positioned diagnostic, exit 1, no PDF', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const ws = workspace(c.guide, c.clinic);
      c.setup?.(ws.dir);
      const guide = c.name === 'missing guide file' ? path.join(ws.dir, 'content/guides/test-guide/missing.md') : ws.guide;
      const target = path.join(ws.dir, 'out.pdf');
      writeFileSync(target, 'stale'); // a stale handout from an earlier build must not survive a failed one
      const r = await run(['build', guide, '--clinic', c.clinicArg ? c.clinicArg(ws) : ws.clinic, '-o', target], ws.dir);
      expect(r.code, r.err).toBe(1);
      const lines = r.err.trim().split('\n');
      const errors = lines.filter((l) => DIAG.exec(l)?.[4] === 'error');
      expect(errors, r.err).toHaveLength(1);
      const m = DIAG.exec(errors[0]!)!;
      expect(m[6]).toBe(c.rule);
      if (c.line) expect(Number(m[2])).toBe(c.line);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(ws.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
  }
});
