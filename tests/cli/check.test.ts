/** `handout check`: diagnostics and translation status, exit codes, and no file written. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist } from '../robustness/ensure-dist.js';
import { diagnosticsOf, filesUnder, runHandout, summaryLine } from '../helpers/cli.js';
import { checkJsonSchema } from '../../src/check/json-report.js';

beforeAll(async () => {
  await ensureDist(); // `handout build` builds every document in a worker thread, from dist/
}, 120_000);

const ROOT = path.resolve('.');
const CLINIC = path.join(ROOT, 'content/clinics/example-community/clinic.yaml');

async function run(args: string[], cwd: string, onlyDiagnostics = true) {
  const r = await runHandout(args, cwd);
  const diags = diagnosticsOf(r.err, onlyDiagnostics ? (l) => expect.fail(`not a diagnostic: ${l}`) : undefined);
  return { ...r, diags };
}

/** Every file under `dir` (relative paths, sorted). */
const tree = filesUnder;

const guide = (lang: string, version: number, body: string, translatedFrom?: number): string =>
  `---\nid: test-guide\ntitle: Test guide\nlang: ${lang}\nversion: ${version}\n${translatedFrom === undefined ? '' : `translatedFrom: { version: ${translatedFrom} }\n`}---\n\n${body}\n`;

// bodies that pass every content rule (a key-points section with a call to action), so only the cases under test report
const EN_BODY = '## Key points\n\nCall {{clinic.contact.phone}} if you have questions before your visit.';
const ES_BODY = '## Puntos clave\n\nLlame al {{clinic.contact.phone}} si tiene preguntas antes de su visita.';

/** The summary line (the last line of stdout). */
const summary = summaryLine;

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
    expect(summary(r.out)).toBe(
      'checked 2 files (1 guide, 2 languages): 0 errors, 0 warnings, 0 notes; translations: 1 up to date, 0 stale, 0 missing\n',
    );
    expect(tree(ws.dir)).toEqual(before);
  });

  it('checks every bundled guide when none is given, without writing out/', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'handout-check-cwd-'));
    const bundledOut = readdirSync(ROOT).includes('out') ? tree(path.join(ROOT, 'out')) : [];
    const r = await run(['check'], cwd);
    expect(r.code).toBe(0);
    expect(summary(r.out)).toMatch(
      /^checked \d+ files \(\d+ guides?, \d+ languages?\): 0 errors, \d+ warnings, \d+ notes; translations: \d+ up to date, 0 stale, 0 missing\n$/,
    );
    // every sample guide and translation reports a reading level, or that it needs human review
    const levels = r.out.split('\n').filter((l) => /^\S.*\.md \[/.test(l));
    const byLang = Object.fromEntries(levels.map((l) => [/\[([a-zA-Z-]+)\]/.exec(l)![1]!, l.replace(/^.*\]: /, '')]));
    expect(Object.keys(byLang).sort()).toEqual(['ar', 'en', 'es', 'ko', 'vi', 'zh-Hans']);
    expect(byLang['en']).toMatch(/^Flesch–Kincaid grade \d+\.\d, SMOG grade \d+\.\d; \d+ sentences/);
    expect(byLang['es']).toMatch(/^INFLESZ \d+\.\d \([a-z ]+\), Fernández-Huerta \d+\.\d/);
    for (const lang of ['ar', 'ko', 'vi', 'zh-Hans']) expect(byLang[lang]).toMatch(/^reading level needs human review/);
    expect(r.diags.filter((d) => d.rule === 'reading-level-unsupported').map((d) => d.severity)).toEqual(['note', 'note', 'note', 'note']);
    expect(readdirSync(cwd)).toEqual([]);
    expect(readdirSync(ROOT).includes('out') ? tree(path.join(ROOT, 'out')) : []).toEqual(bundledOut);
  });

  it('reports a stale translation at its translatedFrom line: a warning, an error with --translations error', async () => {
    const ws = workspace({ 'en.md': guide('en', 2, EN_BODY), 'es.md': guide('es', 2, ES_BODY, 1) });
    const before = tree(ws.dir);
    const r = await run(['check', ...GUIDES, ...CLINIC_ARG], ws.dir);
    expect(r.code).toBe(0);
    expect(r.diags).toEqual([
      expect.objectContaining({
        file: 'content/guides/test-guide/es.md',
        line: 6,
        column: 1,
        severity: 'warning',
        rule: 'translation-stale',
      }),
    ]);
    expect(r.diags[0]!.message).toContain('version 1');
    expect(summary(r.out)).toBe(
      'checked 2 files (1 guide, 2 languages): 0 errors, 1 warning, 0 notes; translations: 0 up to date, 1 stale, 0 missing\n',
    );

    const e = await run(['check', ...GUIDES, ...CLINIC_ARG, '--translations', 'error'], ws.dir);
    expect(e.code).toBe(1);
    expect(e.diags).toEqual([
      expect.objectContaining({
        file: 'content/guides/test-guide/es.md',
        line: 6,
        column: 1,
        severity: 'error',
        rule: 'translation-stale',
      }),
    ]);
    expect(summary(e.out)).toBe(
      'checked 2 files (1 guide, 2 languages): 1 error, 0 warnings, 0 notes; translations: 0 up to date, 1 stale, 0 missing\n',
    );

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
      expect.objectContaining({
        file: 'content/guides/test-guide/en.md',
        line: 1,
        column: 1,
        severity: 'warning',
        rule: 'translation-missing',
      }),
    ]);
    expect(r.diags[0]!.message).toContain('`vi`');
    expect(summary(r.out)).toBe(
      'checked 2 files (1 guide, 2 languages): 0 errors, 1 warning, 0 notes; translations: 1 up to date, 0 stale, 1 missing\n',
    );

    const e = await run(['check', ...GUIDES, ...CLINIC_ARG, '--translations', 'error'], ws.dir);
    expect(e.code).toBe(1);
    expect(e.diags.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual([
      'content/guides/test-guide/en.md:1:1 error translation-missing',
    ]);
    expect(tree(ws.dir)).toEqual(before);
  });

  it('exits 1 with a positioned error for a guide with a content error, and writes no PDF', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, `${EN_BODY}\n\nOr call {{clinic.phnoe}}.`), 'es.md': guide('es', 1, ES_BODY, 1) });
    const before = tree(ws.dir);
    const r = await run(['check', ...GUIDES, ...CLINIC_ARG], ws.dir);
    expect(r.code).toBe(1);
    expect(r.diags).toEqual([
      expect.objectContaining({
        file: 'content/guides/test-guide/en.md',
        line: 12,
        column: 9,
        severity: 'error',
        rule: 'unknown-variable',
      }),
    ]);
    expect(summary(r.out)).toBe(
      'checked 2 files (1 guide, 2 languages): 1 error, 0 warnings, 0 notes; translations: 1 up to date, 0 stale, 0 missing\n',
    );
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

describe('handout check: content review', () => {
  const NO_SUMMARY = 'Rest well before your visit. Call us at {{clinic.contact.phone}} if you feel unwell.';

  it('--json prints one document that matches the published schema', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, NO_SUMMARY), 'es.md': guide('es', 1, ES_BODY, 1) });
    const r = await run(['check', ...GUIDES, ...CLINIC_ARG, '--json'], ws.dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = checkJsonSchema.parse(JSON.parse(r.out));
    expect(doc.summary).toEqual({ guides: 2, errors: 0, warnings: 2, notes: 0 });
    expect(doc.diagnostics).toEqual([
      {
        file: 'content/guides/test-guide/en.md',
        line: 8,
        column: 1,
        severity: 'warning',
        ruleId: 'no-summary',
        message: expect.stringContaining('summary'),
      },
      {
        file: 'content/guides/test-guide/es.md',
        line: 9,
        column: 1,
        severity: 'warning',
        ruleId: 'translation-structure',
        message: expect.stringContaining('1 headings and its source en.md has 0'),
      },
    ]);
    const [en, es] = doc.guides;
    expect(en).toMatchObject({
      file: 'content/guides/test-guide/en.md',
      id: 'test-guide',
      lang: 'en',
      built: true,
      warnings: 1,
      errors: 0,
    });
    expect(es).toMatchObject({ lang: 'es', warnings: 1 });
    expect(en!.readability!.scores.map((s) => s.formula)).toEqual(['flesch-kincaid-grade', 'smog']);
    expect(en!.readability!.longestSentences[0]).toMatchObject({ line: 8, column: 30, words: 7 });
    expect(es!.readability!.scores.map((s) => s.formula)).toEqual(['inflesz', 'fernandez-huerta']);
    expect(doc.translations).toEqual({ current: 1, stale: 0, missing: 0 });
    expect(doc.clinics).toEqual([{ file: 'content/clinics/test-clinic/clinic.yaml', errors: 0, warnings: 0, notes: 0 }]);
  });

  it('an error-level rule fails check (exit 1) and the build refuses the guide; enforceInBuild: false lets it build', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, NO_SUMMARY) });
    writeFileSync(path.join(ws.dir, 'handout.config.yaml'), 'batch: { jobs: 1 }\ncheck:\n  rules:\n    no-summary: error\n');
    const c = await run(['check', 'content/guides/test-guide/en.md', ...CLINIC_ARG], ws.dir);
    expect(c.code).toBe(1);
    expect(c.diags.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual(['8:1 error no-summary']);
    const b = await run(['build', 'content/guides/test-guide/en.md', ...CLINIC_ARG, '--out-dir', 'out'], ws.dir);
    expect(b.code).toBe(1);
    expect(b.diags.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual([
      'content/guides/test-guide/en.md:8:1 error no-summary',
    ]);
    expect(tree(ws.dir).filter((f) => f.endsWith('.pdf'))).toEqual([]);
    writeFileSync(path.join(ws.dir, 'handout.config.yaml'), 'check:\n  enforceInBuild: false\n  rules:\n    no-summary: error\n');
    const b2 = await run(['build', 'content/guides/test-guide/en.md', ...CLINIC_ARG, '--out-dir', 'out'], ws.dir);
    expect(b2.code).toBe(0);
    expect(tree(ws.dir).filter((f) => f.endsWith('.pdf'))).toEqual(['out/test-guide.en.pdf']);
  });

  it('a config file with a mistake is a positioned error and exit 2; --config names another file', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, EN_BODY) });
    writeFileSync(path.join(ws.dir, 'strict.yaml'), 'check:\n  maxGrade: 6\n  rules: { long-sentence: eror }\n');
    const r = await run(['check', 'content/guides/test-guide/en.md', '--config', 'strict.yaml'], ws.dir);
    expect(r.code).toBe(2);
    expect(r.diags).toEqual([expect.objectContaining({ file: 'strict.yaml', line: 3, column: 27, rule: 'config-invalid' })]);
    expect((await run(['check', '--config', 'missing.yaml'], ws.dir)).code).toBe(2);
    expect((await run(['check', '--today', '2026-02-30'], ws.dir, false)).code).toBe(2);
  });

  it('checks a clinic profile given as a path: colours below WCAG AA contrast', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, EN_BODY) });
    const yaml = readFileSync(ws.clinic, 'utf8').replace('primary: "#1F5FAD"', 'primary: "#7FB2E5"');
    writeFileSync(ws.clinic, yaml);
    const r = await run(['check', 'content/clinics/test-clinic/clinic.yaml'], ws.dir);
    // the clinic profile's own contrast gate refuses it (an error at its line); check reports it and exits 1
    expect(r.code).toBe(1);
    expect(r.diags).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: 'content/clinics/test-clinic/clinic.yaml', severity: 'error' })]),
    );
    expect(r.diags.some((d) => d.message.includes(':1') && d.message.includes('4.5:1'))).toBe(true);
  });

  it('reports reviewDue against --today', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, EN_BODY).replace('version: 1\n', 'version: 1\nreviewDue: 2026-12-01\n') });
    const r = await run(['check', 'content/guides/test-guide/en.md', ...CLINIC_ARG, '--today', '2026-11-28'], ws.dir);
    expect(r.diags.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual(['6:1 note review-due']);
    const late = await run(['check', 'content/guides/test-guide/en.md', ...CLINIC_ARG, '--today', '2027-01-05'], ws.dir);
    expect(late.diags.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual(['6:1 warning review-due']);
  });
});

describe('handout build with error-level check rules', () => {
  it('an incremental build re-checks a guide when the config changes', async () => {
    const NO_SUMMARY = 'Rest well before your visit. Call us at {{clinic.contact.phone}} if you feel unwell.';
    const ws = workspace({ 'en.md': guide('en', 1, NO_SUMMARY) });
    const args = ['build', 'content/guides/test-guide/en.md', ...CLINIC_ARG, '--out-dir', 'out'];
    expect((await run(args, ws.dir)).code).toBe(0);
    writeFileSync(path.join(ws.dir, 'handout.config.yaml'), 'check:\n  rules:\n    no-summary: error\n');
    const b = await run(args, ws.dir);
    expect(b.code).toBe(1);
    expect(b.diags.map((d) => d.rule)).toEqual(['no-summary']);
    expect(tree(ws.dir).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });
});

describe('handout check: hygiene found by the build', () => {
  it('reports missing alt text, a missing image, an unknown variable and a character no font has, each at its place', async () => {
    const ws = workspace({
      'en.md': guide('en', 1, `${EN_BODY}\n\n![](chart.svg)\n\n![A chart](nothere.png)\n\nCall {{clinic.phnoe}}.`),
    });
    copyFileSync(path.join(ROOT, 'content/clinics/example-community/logo.svg'), path.join(ws.gdir, 'chart.svg'));
    mkdirSync(path.join(ws.dir, 'content/guides/other-guide'));
    writeFileSync(
      path.join(ws.dir, 'content/guides/other-guide/en.md'),
      guide('en', 1, `${EN_BODY}\n\nA mark: \u{2C00}.`).replace('id: test-guide', 'id: other-guide'),
    );
    const r = await run(['check', 'content/guides/test-guide/en.md', 'content/guides/other-guide/en.md', ...CLINIC_ARG], ws.dir);
    expect(r.code).toBe(1);
    const got = r.diags.map((d) => `${path.basename(path.dirname(d.file))}/${path.basename(d.file)}:${d.line}:${d.column} ${d.rule}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'test-guide/en.md:12:1 image-missing-alt',
        'test-guide/en.md:14:1 image-not-found',
        'test-guide/en.md:16:6 unknown-variable',
        'other-guide/en.md:12:9 missing-glyph',
      ]),
    );
    const clean = await run(
      ['check', 'content/guides/test-guide/en.md', ...CLINIC_ARG],
      workspace({ 'en.md': guide('en', 1, EN_BODY) }).dir,
    );
    expect(clean.diags).toEqual([]);
  });
});
