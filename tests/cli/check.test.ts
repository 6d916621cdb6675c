/** `handout check`: diagnostics and translation status, exit codes, and no file written. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

const ROOT = path.resolve('.');
const CLINIC = path.join(ROOT, 'content/clinics/example-community/clinic.yaml');
const DIAG = /^(.+):(\d+):(\d+): (error|warning) (.+) \[([a-z0-9-]+)\]$/;

async function run(args: string[], cwd: string, onlyDiagnostics = true) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd });
  const diags = err
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const m = DIAG.exec(l);
      if (onlyDiagnostics) expect(m, `not a diagnostic: ${l}`).not.toBeNull();
      if (!m) return undefined;
      return { file: m[1]!, line: Number(m[2]), column: Number(m[3]), severity: m[4]!, message: m[5]!, rule: m[6]! };
    })
    .filter((d) => d !== undefined);
  return { code, out, err, diags };
}

/** Every file under `dir` (relative paths, sorted). */
function tree(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, e.name);
    if (e.isDirectory()) out.push(...tree(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

const guide = (lang: string, version: number, body: string, translatedFrom?: number): string =>
  `---\nid: test-guide\ntitle: Test guide\nlang: ${lang}\nversion: ${version}\n${translatedFrom === undefined ? '' : `translatedFrom: { version: ${translatedFrom} }\n`}---\n\n${body}\n`;

const EN_BODY = 'Call {{clinic.contact.phone}} if you have questions before your visit.';
const ES_BODY = 'Llame al {{clinic.contact.phone}} si tiene preguntas antes de su visita.';

/** A content folder with `files` under `content/guides/test-guide/` and the sample clinic (plus `clinicExtra`). */
function workspace(files: Record<string, string>, clinicExtra = ''): { dir: string; gdir: string; clinic: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-check-'));
  const gdir = path.join(dir, 'content/guides/test-guide');
  const cdir = path.join(dir, 'content/clinics/test-clinic');
  mkdirSync(gdir, { recursive: true });
  mkdirSync(cdir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(gdir, name), text);
  copyFileSync(path.join(ROOT, 'content/clinics/example-community/logo.svg'), path.join(cdir, 'logo.svg'));
  writeFileSync(path.join(cdir, 'clinic.yaml'), readFileSync(CLINIC, 'utf8') + clinicExtra);
  return { dir, gdir, clinic: path.join(cdir, 'clinic.yaml') };
}

const GUIDES = ['content/guides/test-guide/en.md', 'content/guides/test-guide/es.md'];
const CLINIC_ARG = ['--clinic', 'content/clinics/test-clinic/clinic.yaml'];

describe('handout check', () => {
  it('passes clean guides with a summary and writes nothing', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, EN_BODY), 'es.md': guide('es', 1, ES_BODY, 1) });
    const before = tree(ws.dir);
    const r = await run(['check', ...GUIDES, ...CLINIC_ARG], ws.dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('checked 2 files (1 guide, 2 languages): 0 errors, 0 warnings; translations: 1 up to date, 0 stale, 0 missing\n');
    expect(tree(ws.dir)).toEqual(before);
  });

  it('checks every bundled guide when none is given, without writing out/', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'handout-check-cwd-'));
    const bundledOut = readdirSync(ROOT).includes('out') ? tree(path.join(ROOT, 'out')) : [];
    const r = await run(['check'], cwd);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^checked \d+ files \(\d+ guides?, \d+ languages?\): 0 errors, \d+ warnings; translations: \d+ up to date, 0 stale, 0 missing\n$/);
    expect(readdirSync(cwd)).toEqual([]);
    expect(readdirSync(ROOT).includes('out') ? tree(path.join(ROOT, 'out')) : []).toEqual(bundledOut);
  });

  it('reports a stale translation at its translatedFrom line: a warning, an error with --translations error', async () => {
    const ws = workspace({ 'en.md': guide('en', 2, EN_BODY), 'es.md': guide('es', 2, ES_BODY, 1) });
    const before = tree(ws.dir);
    const r = await run(['check', ...GUIDES, ...CLINIC_ARG], ws.dir);
    expect(r.code).toBe(0);
    expect(r.diags).toEqual([
      expect.objectContaining({ file: 'content/guides/test-guide/es.md', line: 6, column: 1, severity: 'warning', rule: 'translation-stale' }),
    ]);
    expect(r.diags[0]!.message).toContain('version 1');
    expect(r.out).toBe('checked 2 files (1 guide, 2 languages): 0 errors, 1 warning; translations: 0 up to date, 1 stale, 0 missing\n');

    const e = await run(['check', ...GUIDES, ...CLINIC_ARG, '--translations', 'error'], ws.dir);
    expect(e.code).toBe(1);
    expect(e.diags).toEqual([expect.objectContaining({ file: 'content/guides/test-guide/es.md', line: 6, column: 1, severity: 'error', rule: 'translation-stale' })]);
    expect(e.out).toBe('checked 2 files (1 guide, 2 languages): 1 error, 0 warnings; translations: 0 up to date, 1 stale, 0 missing\n');

    const f = await run(['check', ...GUIDES, ...CLINIC_ARG, '--translations', 'fallback'], ws.dir);
    expect(f.code).toBe(0);
    expect(f.diags.map((d) => `${d.severity} ${d.rule}`)).toEqual(['warning translation-stale']);
    expect(tree(ws.dir)).toEqual(before);
  });

  it('reports a translation the clinic serves but the guide lacks, at the source guide', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, EN_BODY), 'es.md': guide('es', 1, ES_BODY, 1) }, 'locales: [en, es, vi]\n');
    const before = tree(ws.dir);
    const r = await run(['check', ...GUIDES, ...CLINIC_ARG], ws.dir);
    expect(r.code).toBe(0);
    expect(r.diags).toEqual([
      expect.objectContaining({ file: 'content/guides/test-guide/en.md', line: 1, column: 1, severity: 'warning', rule: 'translation-missing' }),
    ]);
    expect(r.diags[0]!.message).toContain('`vi`');
    expect(r.out).toBe('checked 2 files (1 guide, 2 languages): 0 errors, 1 warning; translations: 1 up to date, 0 stale, 1 missing\n');

    const e = await run(['check', ...GUIDES, ...CLINIC_ARG, '--translations', 'error'], ws.dir);
    expect(e.code).toBe(1);
    expect(e.diags.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual(['content/guides/test-guide/en.md:1:1 error translation-missing']);
    expect(tree(ws.dir)).toEqual(before);
  });

  it('exits 1 with a positioned error for a guide with a content error, and writes no PDF', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, `${EN_BODY}\n\nOr call {{clinic.phnoe}}.`), 'es.md': guide('es', 1, ES_BODY, 1) });
    const before = tree(ws.dir);
    const r = await run(['check', ...GUIDES, ...CLINIC_ARG], ws.dir);
    expect(r.code).toBe(1);
    expect(r.diags).toEqual([
      expect.objectContaining({ file: 'content/guides/test-guide/en.md', line: 10, column: 9, severity: 'error', rule: 'unknown-variable' }),
    ]);
    expect(r.out).toBe('checked 2 files (1 guide, 2 languages): 1 error, 0 warnings; translations: 1 up to date, 0 stale, 0 missing\n');
    expect(tree(ws.dir)).toEqual(before);
    expect(tree(ws.dir).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });

  it('prints a clinic problem once, not once per guide', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, EN_BODY), 'es.md': guide('es', 1, ES_BODY, 1) }, 'bogus: 1\n');
    const r = await run(['check', ...GUIDES, ...CLINIC_ARG], ws.dir);
    expect(r.code).toBe(1);
    expect(r.diags.map((d) => d.rule)).toEqual(['clinic-unknown-key']);
  });

  it('exits 2 on usage errors', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'handout-check-cwd-'));
    expect((await run(['check', '--translations', 'sometimes'], cwd, false)).code).toBe(2);
    expect((await run(['check', '--bogus'], cwd, false)).code).toBe(2);
  });
});
