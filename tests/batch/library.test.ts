/**
 * `handout batch` is incremental: each kind of input (guide, translation source version, clinic.yaml,
 * logo, template override, fonts, tool version) rebuilds exactly the outputs that read it. Built in
 * this process (`inProcess`): the worker pool is covered by tests/cli/batch.test.ts.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/batch/config.js';
import { CLINICS_PER_BLOCK, buildOrder, runLibrary, type ItemStatus, type RunLibraryOptions } from '../../src/batch/library.js';
import { planLibrary, type PlannedOutput } from '../../src/batch/plan.js';
import { Diagnostics } from '../../src/diagnostics.js';
import type { JsonValue } from '../../src/incremental/canonical-json.js';
import { ROOT, checkManifestMatches, library, manifestOf, writeGuide } from './helpers.js';

async function runLib(dir: string, options: Partial<RunLibraryOptions> = {}): Promise<Record<string, ItemStatus>> {
  const diags = new Diagnostics();
  const config = loadConfig(path.join(dir, 'handout.config.yaml'), diags)!;
  const plan = planLibrary(config, diags);
  expect(diags.list).toEqual([]);
  const status: Record<string, ItemStatus> = {};
  const summary = await runLibrary(config, plan, {
    jobs: 1,
    inProcess: true,
    ...options,
    onItem: (e) => (status[e.output.key] = e.status),
  });
  expect(summary.failed).toBe(0);
  checkManifestMatches(path.join(dir, 'out'));
  return status;
}

/** Statuses of all six outputs, `built` for the listed ones and `up-to-date` for the others. */
function only(...built: string[]): Record<string, ItemStatus> {
  const all = ['a/en/alpha.pdf', 'a/en/beta.pdf', 'a/es/alpha.pdf', 'a/es/beta.pdf', 'b/en/alpha.pdf', 'b/en/beta.pdf'];
  return Object.fromEntries(all.map((k) => [k, built.includes(k) ? 'built' : 'up-to-date']));
}

let dir: string;
beforeAll(() => {
  dir = library();
});

describe('incremental handout batch', () => {
  test('first run builds all; a second run builds nothing and changes no byte', async () => {
    expect(await runLib(dir)).toEqual(
      only('a/en/alpha.pdf', 'a/en/beta.pdf', 'a/es/alpha.pdf', 'a/es/beta.pdf', 'b/en/alpha.pdf', 'b/en/beta.pdf'),
    );
    const m = manifestOf(path.join(dir, 'out'));
    expect(m.outputs['a/es/alpha.pdf']!.translation).toBe('current');
    expect(m.outputs['a/es/beta.pdf']!.translation).toBe('fallback'); // no es.md: the en handout with the notice
    expect(m.outputs['a/en/beta.pdf']!.translation).toBe('source');
    const before = readFileSync(path.join(dir, 'out/manifest.json'));
    expect(await runLib(dir)).toEqual(only());
    expect(readFileSync(path.join(dir, 'out/manifest.json'))).toEqual(before);
  }, 120_000);

  test('a PDF left in a clinic folder without a record is removed; folders that are not clinics are never touched', async () => {
    const out = path.join(dir, 'out');
    mkdirSync(path.join(out, 'archive/2024'), { recursive: true });
    writeFileSync(path.join(out, 'archive/2024/old.pdf'), '%PDF-1.7 kept by hand');
    copyFileSync(path.join(out, 'a/en/beta.pdf'), path.join(out, 'a/en/stray.pdf')); // e.g. left by a killed run of an older config
    const diags = new Diagnostics();
    const config = loadConfig(path.join(dir, 'handout.config.yaml'), diags)!;
    const summary = await runLibrary(config, planLibrary(config, diags), { jobs: 1, inProcess: true });
    expect(summary).toMatchObject({ built: 0, upToDate: 6, removed: ['a/en/stray.pdf'] });
    expect(existsSync(path.join(out, 'a/en/stray.pdf'))).toBe(false);
    expect(readFileSync(path.join(out, 'archive/2024/old.pdf'), 'utf8')).toBe('%PDF-1.7 kept by hand');
    rmSync(path.join(out, 'archive'), { recursive: true });
  });

  test('a guide: its outputs in every clinic and language (a translation falls back to it)', async () => {
    const beta = path.join(dir, 'content/guides/beta/en.md');
    writeFileSync(beta, readFileSync(beta, 'utf8') + '\nDrink water.\n');
    expect(await runLib(dir)).toEqual(only('a/en/beta.pdf', 'a/es/beta.pdf', 'b/en/beta.pdf'));
  });

  test('a translation: only its own output', async () => {
    writeGuide(dir, 'alpha', 'es', '## Antes\n\nLlame primero a {{clinic.name}}. Beba agua.\n', 1, 1);
    expect(await runLib(dir)).toEqual(only('a/es/alpha.pdf'));
  });

  test('the source version: the translation becomes stale and falls back to the source', async () => {
    writeGuide(dir, 'alpha', 'en', '## Before\n\nCall {{clinic.name}} first, and bring a list of your medicines.\n', 2);
    expect(await runLib(dir)).toEqual(only('a/en/alpha.pdf', 'a/es/alpha.pdf', 'b/en/alpha.pdf'));
    const m = manifestOf(path.join(dir, 'out'));
    expect(m.outputs['a/es/alpha.pdf']!.translation).toBe('fallback');
  });

  test('clinic.yaml, logo and template override: only that clinic’s outputs', async () => {
    const clinic = path.join(dir, 'content/clinics/b/clinic.yaml');
    writeFileSync(clinic, readFileSync(clinic, 'utf8').replace('Clinic b', 'Clinic B'));
    expect(await runLib(dir)).toEqual(only('b/en/alpha.pdf', 'b/en/beta.pdf'));
    const logo = path.join(dir, 'content/clinics/a/logo.svg');
    writeFileSync(logo, readFileSync(logo, 'utf8').replace('</svg>', '<!-- v2 --></svg>'));
    expect(await runLib(dir)).toEqual(only('a/en/alpha.pdf', 'a/en/beta.pdf', 'a/es/alpha.pdf', 'a/es/beta.pdf'));
    const partials = path.join(dir, 'content/clinics/b/templates/partials');
    mkdirSync(partials, { recursive: true });
    const footer = readFileSync(path.join(ROOT, 'templates/partials/footer.hbs'), 'utf8');
    writeFileSync(path.join(partials, 'footer.hbs'), footer.replace('<spacer height="5" />', '<spacer height="7" />'));
    expect(await runLib(dir)).toEqual(only('b/en/alpha.pdf', 'b/en/beta.pdf'));
  });

  test('fonts and the tool version take part (software fingerprint), and --force rebuilds', async () => {
    const one = { only: ['b/en/beta.pdf'] };
    const skippedOthers = (s: Record<string, ItemStatus>): Record<string, ItemStatus> =>
      Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'b/en/beta.pdf'));
    const fonts: { [key: string]: JsonValue } = { fonts: 'a-different-font-digest' };
    let s = await runLib(dir, { ...one, environment: fonts });
    expect(s['b/en/beta.pdf']).toBe('built');
    expect(new Set(Object.values(skippedOthers(s)))).toEqual(new Set(['skipped']));
    expect((await runLib(dir, { ...one, environment: fonts }))['b/en/beta.pdf']).toBe('up-to-date');
    s = await runLib(dir, { ...one, environment: { ...fonts, handoutkit: '9.9.9' } });
    expect(s['b/en/beta.pdf']).toBe('built');
    expect(manifestOf(path.join(dir, 'out')).outputs['b/en/beta.pdf']).toMatchObject({ tool: 'handoutkit 9.9.9' });
    expect((await runLib(dir, { ...one, environment: { ...fonts, handoutkit: '9.9.9' } }))['b/en/beta.pdf']).toBe('up-to-date');
    expect((await runLib(dir, { ...one, force: true, environment: { ...fonts, handoutkit: '9.9.9' } }))['b/en/beta.pdf']).toBe('built');
  });
});

describe('build order', () => {
  test('guide by guide (in plan order: clinic, language, variant), so a worker reuses what it made of the guide', () => {
    const diags = new Diagnostics();
    const config = loadConfig(path.join(library(), 'handout.config.yaml'), diags)!;
    const plan = planLibrary(config, diags);
    expect(plan.map((o) => o.key)).toEqual([
      'a/en/alpha.pdf',
      'a/en/beta.pdf',
      'a/es/alpha.pdf',
      'a/es/beta.pdf',
      'b/en/alpha.pdf',
      'b/en/beta.pdf',
    ]);
    expect(buildOrder(plan).map((o) => o.key)).toEqual([
      'a/en/alpha.pdf',
      'a/es/alpha.pdf',
      'b/en/alpha.pdf',
      'a/en/beta.pdf',
      'a/es/beta.pdf',
      'b/en/beta.pdf',
    ]);
  });

  test('in blocks of clinics, so that what a worker keeps of each clinic fits', () => {
    const clinics = CLINICS_PER_BLOCK + 2;
    const plan: PlannedOutput[] = [];
    for (let c = 0; c < clinics; c++)
      for (const g of ['x', 'y'])
        plan.push({ key: `c${c}/en/${g}.pdf`, clinic: { id: `c${c}` }, guide: { dir: `/g/${g}` } } as PlannedOutput);
    const order = buildOrder(plan).map((o) => o.key);
    const block = (g: string, from: number, to: number): string[] =>
      Array.from({ length: to - from }, (_, i) => `c${from + i}/en/${g}.pdf`);
    expect(order).toEqual([
      ...block('x', 0, CLINICS_PER_BLOCK),
      ...block('y', 0, CLINICS_PER_BLOCK),
      ...block('x', CLINICS_PER_BLOCK, clinics),
      ...block('y', CLINICS_PER_BLOCK, clinics),
    ]);
  });
});
