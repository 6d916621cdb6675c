/** `handout batch` config errors: positioned, exit 2, before any work (no output folder is created). */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/batch/config.js';
import { planLibrary } from '../../src/batch/plan.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { library, run, writeGuide } from './helpers.js';

async function configErrors(config: string): Promise<string[]> {
  const dir = library(config);
  const r = await run(['batch'], dir);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(existsSync(path.join(dir, 'out'))).toBe(false);
  return r.err.trim().split('\n');
}

describe('config errors', () => {
  test('unknown keys, with the allowed keys and a suggestion', async () => {
    expect(await configErrors('clinics: [content/clinics/*]\nguides: [content/guides/*]\nlanguage: [en]\n')).toEqual([
      'handout.config.yaml:3:1: error unknown key `language` in the config; allowed keys: `outDir`, `clinics`, `guides`, `languages`, `translations`, `variants`, `overrides`, `check` [config-unknown-key]',
      '  hint: did you mean `languages`?',
    ]);
    expect(await configErrors('clinics: [content/clinics/*]\nguides: [content/guides/*]\nvariants:\n  a4: { papr: a4 }\n')).toEqual([
      'handout.config.yaml:4:9: error unknown key `papr` in `variants.a4`; allowed keys: `template`, `largePrint`, `paper`, `fillable`, `archival` [config-unknown-key]',
      '  hint: did you mean `paper`?',
    ]);
  });

  test('a missing field, a bad language tag, a bad policy and a bad variant name', async () => {
    expect(await configErrors('guides: [content/guides/*]\n')).toEqual([
      'handout.config.yaml:1:1: error missing required field `clinics`: a list of globs over clinic folders, e.g. `clinics: [content/clinics/*]` [config-missing-field]',
    ]);
    const errs = await configErrors(
      'clinics: [content/clinics/*]\nguides: [content/guides/*]\nlanguages: [en, "es_MX!"]\ntranslations: maybe\nvariants:\n  Large_Print: {}\n',
    );
    expect(errs).toEqual([
      'handout.config.yaml:3:17: error `languages.1` is not valid (es_MX!); it must be a BCP 47 language tag (e.g. `es`, `zh-Hant`, `pt-BR`) [config-invalid-language]',
      'handout.config.yaml:4:15: error `translations` is not valid (maybe); it must be `error` or `fallback` [config-invalid-value]',
      'handout.config.yaml:6:3: error `Large_Print` is not a valid variant name: lowercase letters, digits and `-` (e.g. `large-print`) [config-invalid-value]',
    ]);
  });

  test('a glob that matches nothing, an unknown clinic, an unknown variant', async () => {
    const errs = await configErrors(
      'clinics: [content/clinics/*, content/clinic/x]\nguides: [content/guides/*]\noverrides:\n  c: { languages: [es] }\n  a: { variants: [a4] }\n',
    );
    expect(errs).toEqual([
      'handout.config.yaml:1:30: error `content/clinic/x` matches no clinic folder (a folder with clinic.yaml) [config-no-match]',
      'handout.config.yaml:4:3: error no clinic `c` among the clinics matched by `clinics` (`a`, `b`) [config-unknown-clinic]',
      '  hint: did you mean `a`?',
      'handout.config.yaml:5:19: error no variant `a4` in `variants` (`handout`) [config-unknown-variant]',
    ]);
  });

  test('checklist and large-print variants are accepted', async () => {
    const dir = library(
      'clinics: [content/clinics/*]\nguides: [content/guides/*]\nvariants:\n  checklist: { template: checklist }\n  large: { largePrint: true }\n',
    );
    const r = await run(['batch', '--dry-run'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\.checklist\.pdf/);
    expect(r.out).toMatch(/\.large\.pdf/);
  });

  test('an output folder that holds the content or the config is refused (outputs are removed from it)', async () => {
    expect(await configErrors('outDir: .\nclinics: [content/clinics/*]\nguides: [content/guides/*]\n')).toEqual([
      'handout.config.yaml:1:9: error the output folder `.` holds `content/clinics/a/clinic.yaml`; outputs it no longer produces are removed from it, so it must be a folder of its own, e.g. `outDir: out` [config-invalid-value]',
    ]);
  });

  test('an --only glob that matches no output is a usage error', async () => {
    const dir = library();
    const r = await run(['batch', '--only', 'a/fr/*'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'handout: --only `a/fr/*` matches no output of the config; outputs are named <clinic-id>/<lang>/<guide-id>[.<variant>].pdf, e.g. `a/en/alpha.pdf`\n',
    );
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('YAML syntax, custom tags and a missing config file', async () => {
    expect(await configErrors('clinics: [content/clinics/*\n')).toHaveLength(1);
    expect((await configErrors('clinics: !!js/function x\nguides: [a]\n'))[0]).toMatch(
      /^handout\.config\.yaml:1:10: error .*\[config-yaml-syntax\]$/,
    );
    const dir = library();
    const r = await run(['batch', '--config', 'nope.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'nope.yaml:1:1: error config file not found; create `handout.config.yaml` (see the README) or pass `--config <file>` [config-not-found]\n',
    );
  });

  test('two guides with the same id would write the same path: an error naming both, at the second id', async () => {
    const dir = library();
    writeGuide(dir, 'beta-copy', 'en', 'Same id as beta.\n');
    writeFileSync(path.join(dir, 'content/guides/beta-copy/en.md'), '---\nid: beta\ntitle: Copy\nlang: en\nversion: 1\n---\n\nCopy.\n');
    const r = await run(['batch'], dir);
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(3); // a/en, a/es and b/en
    expect(lines[0]).toBe(
      'content/guides/beta-copy/en.md:2:5: error two outputs would be written to `out/a/en/beta.pdf` (language `en`, variant `handout`): guide folders `content/guides/beta` and `content/guides/beta-copy` both have id `beta`; give each its own id [output-collision]',
    );
  });
});

describe('plan', () => {
  test('languages default to each clinic’s locales; overrides add languages, pick guides and variants', () => {
    const dir = library(
      'clinics: [content/clinics/*]\nguides: [content/guides/*]\nvariants: { handout: {}, a4: { paper: a4 } }\noverrides:\n  a: { guides: [content/guides/alpha], extraLanguages: [ES], variants: [a4] }\n',
    );
    writeFileSync(path.join(dir, 'content/clinics/b/clinic.yaml'), `${'name: B\ncolors: { primary: "#123456" }\n'}locales: [en, vi]\n`);
    const diags = new Diagnostics();
    const config = loadConfig(path.join(dir, 'handout.config.yaml'), diags);
    expect(diags.list).toEqual([]);
    const plan = planLibrary(config!, diags);
    expect(plan.map((o) => o.key)).toEqual([
      'a/en/alpha.a4.pdf',
      'a/es/alpha.a4.pdf',
      'b/en/alpha.pdf',
      'b/en/alpha.a4.pdf',
      'b/en/beta.pdf',
      'b/en/beta.a4.pdf',
      'b/vi/alpha.pdf',
      'b/vi/alpha.a4.pdf',
      'b/vi/beta.pdf',
      'b/vi/beta.a4.pdf',
    ]);
    expect(plan[1]!.item).toMatchObject({ guide: path.join(dir, 'content/guides/alpha/es.md'), paper: 'a4', translations: 'error' });
  });
});
