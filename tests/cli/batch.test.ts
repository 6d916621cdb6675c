/**
 * `handout batch` from the command line, with the worker pool: failure isolation, `--json` lines
 * (zod schema), removal of outputs the config dropped, the `error` policy removing an older PDF,
 * byte-identical output across `--jobs 1` and `--jobs 2`, `--dry-run` and `--only`.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { jsonEventSchema, type ItemJson, type SummaryJson } from '../../src/batch/json-events.js';
import { ensureDist } from '../robustness/ensure-dist.js';
import { CONFIG, checkManifestMatches, filesUnder, library, manifestOf, run } from '../batch/helpers.js';

beforeAll(async () => {
  await ensureDist(); // workers run compiled code
}, 120_000);

function parseJsonLines(out: string): { items: ItemJson[]; summary: SummaryJson } {
  const events = out
    .trim()
    .split('\n')
    .map((l) => jsonEventSchema.parse(JSON.parse(l)));
  const summary = events.at(-1);
  if (summary?.type !== 'summary') throw new Error('the last line is not the summary');
  expect(events.filter((e) => e.type === 'summary')).toHaveLength(1);
  return { items: events.filter((e): e is ItemJson => e.type === 'item'), summary };
}

describe('handout batch', () => {
  test('a broken guide and a corrupt logo fail only their outputs; --json prints one valid object per output and a summary', async () => {
    const dir = library();
    writeFileSync(path.join(dir, 'content/clinics/b/logo.svg'), '<svg this is not xml');
    writeFileSync(path.join(dir, 'content/guides/beta/en.md'), '---\nid: beta\ntitle: Beta\nlang: en\nversion: one\n---\n\nText.\n');
    const r = await run(['batch', '--json', '--jobs', '2'], dir);
    expect(r.code).toBe(1);
    const { items, summary } = parseJsonLines(r.out);
    const status = Object.fromEntries(items.map((i) => [i.output, i.status]));
    expect(status).toEqual({
      'a/en/alpha.pdf': 'built',
      'a/en/beta.pdf': 'failed',
      'a/es/alpha.pdf': 'built',
      'a/es/beta.pdf': 'failed',
      'b/en/alpha.pdf': 'failed',
      'b/en/beta.pdf': 'failed',
    });
    expect(summary).toMatchObject({
      total: 6,
      built: 2,
      upToDate: 0,
      failed: 4,
      skipped: 0,
      removed: [],
      interrupted: false,
      dryRun: false,
    });
    const logoFailure = items.find((i) => i.output === 'b/en/alpha.pdf')!;
    expect(logoFailure.diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual(['content/clinics/b/clinic.yaml image-corrupt']);
    const guideFailure = items.find((i) => i.output === 'a/en/beta.pdf')!;
    expect(guideFailure.diagnostics[0]).toMatchObject({ file: 'content/guides/beta/en.md', line: 5, severity: 'error' });
    const built = items.find((i) => i.output === 'a/es/alpha.pdf')!;
    expect(built).toMatchObject({
      path: 'out/a/es/alpha.pdf',
      clinic: 'a',
      guide: 'alpha',
      lang: 'es',
      variant: 'handout',
      translation: 'current',
      pages: 1,
    });
    expect(checkManifestMatches(path.join(dir, 'out'))).toEqual(['a/en/alpha.pdf', 'a/es/alpha.pdf']);
  }, 240_000);

  test('outputs the config drops are removed after the run; under `error` a failed translation loses its older PDF', async () => {
    const dir = library();
    const first = await run(['batch', '--jobs', '2'], dir);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^batch: 6 built, 0 up to date, 0 failed, 0 skipped, 0 removed in \d+\.\d s \(\d+(\.\d+)? docs\/s\)\n$/);
    expect(checkManifestMatches(path.join(dir, 'out'))).toHaveLength(6);
    expect(manifestOf(path.join(dir, 'out')).outputs['a/es/beta.pdf']!.translation).toBe('fallback');
    // clinic b leaves the library; clinic a no longer accepts a missing translation
    writeFileSync(
      path.join(dir, 'handout.config.yaml'),
      CONFIG.replace('content/clinics/*', 'content/clinics/a').replace('fallback', 'error'),
    );
    const dry = await run(['batch', '--dry-run'], dir);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('remove     out/b/en/alpha.pdf\nremove     out/b/en/beta.pdf\n');
    expect(filesUnder(path.join(dir, 'out'))).toHaveLength(7); // the dry run wrote and removed nothing
    const second = await run(['batch', '--jobs', '2'], dir);
    expect(second.code).toBe(1);
    expect(second.err).toContain('content/guides/beta/es.md:1:1: error no `es` translation of this guide');
    expect(second.err).toContain('out/a/es/beta.pdf: failed, no PDF written\n');
    expect(second.out).toMatch(/^batch: 3 built, 0 up to date, 1 failed, 0 skipped, 2 removed in /);
    expect(checkManifestMatches(path.join(dir, 'out'))).toEqual(['a/en/alpha.pdf', 'a/en/beta.pdf', 'a/es/alpha.pdf']);
    expect(filesUnder(path.join(dir, 'out'))).toEqual(['a/en/alpha.pdf', 'a/en/beta.pdf', 'a/es/alpha.pdf', 'manifest.json']); // b/ is gone
  }, 240_000);

  test('--jobs 1 and --jobs 2 give byte-identical trees, manifest included; --only builds a subset', async () => {
    const dir = library();
    const config = readFileSync(path.join(dir, 'handout.config.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'one.yaml'), `outDir: out1\n${config}`);
    writeFileSync(path.join(dir, 'two.yaml'), `outDir: out2\n${config}`);
    expect((await run(['batch', '--config', 'one.yaml', '--jobs', '1'], dir)).code).toBe(0);
    expect((await run(['batch', '--config', 'two.yaml', '--jobs', '2'], dir)).code).toBe(0);
    const files = filesUnder(path.join(dir, 'out1'));
    expect(files).toEqual(filesUnder(path.join(dir, 'out2')));
    expect(files).toHaveLength(7);
    for (const f of files) expect(readFileSync(path.join(dir, 'out2', f)).equals(readFileSync(path.join(dir, 'out1', f))), f).toBe(true);

    cpSync(path.join(dir, 'out1'), path.join(dir, 'out'), { recursive: true });
    writeFileSync(
      path.join(dir, 'content/guides/alpha/en.md'),
      readFileSync(path.join(dir, 'content/guides/alpha/en.md'), 'utf8') + '\nMore.\n',
    );
    const r = await run(['batch', '--json', '--only', '*/en/*'], dir);
    expect(r.code).toBe(0);
    const status = Object.fromEntries(parseJsonLines(r.out).items.map((i) => [i.output, `${i.status}${i.reason ? ` (${i.reason})` : ''}`]));
    expect(status).toEqual({
      'a/en/alpha.pdf': 'built',
      'a/en/beta.pdf': 'up-to-date',
      'a/es/alpha.pdf': 'skipped (not-selected)',
      'a/es/beta.pdf': 'skipped (not-selected)',
      'b/en/alpha.pdf': 'built',
      'b/en/beta.pdf': 'up-to-date',
    });
    expect(checkManifestMatches(path.join(dir, 'out'))).toHaveLength(6);
  }, 240_000);
});
