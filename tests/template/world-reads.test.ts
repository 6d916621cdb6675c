/**
 * Templates and locale strings are read through the build's World: confined to their folders (a link out is
 * refused) and recorded by incremental builds (a changed or newly added override is an input that changed).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/build.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { recordingWorld } from '../../src/incremental/recording-world.js';
import { loadTemplates, TemplateError } from '../../src/template/environment.js';
import { localeLoader } from '../../src/template/locale.js';
import { nodeWorld } from '../../src/world.js';

const tmp = (): string => realpathSync(mkdtempSync(path.join(os.tmpdir(), 'handout-world-')));

describe('template stage reads through the World', () => {
  it('records a clinic template override, and the overrides looked for and not found, in the build inputs', async () => {
    const dir = tmp();
    const clinicDir = path.join(dir, 'clinics', 'c');
    cpSync(path.resolve('content/clinics/example-community'), clinicDir, { recursive: true });
    mkdirSync(path.join(clinicDir, 'templates', 'partials'), { recursive: true });
    const footer = path.join(clinicDir, 'templates', 'partials', 'footer.hbs');
    writeFileSync(footer, readFileSync(path.resolve('templates/partials/footer.hbs'), 'utf8'));
    const guideDir = path.join(dir, 'guides', 'g');
    mkdirSync(guideDir, { recursive: true });
    const guide = path.join(guideDir, 'en.md');
    writeFileSync(guide, '---\nid: g\ntitle: A guide\nlang: en\nversion: 1\n---\n\nRest for a while.\n');
    const r = await buildHandout({ guide, clinic: path.join(clinicDir, 'clinic.yaml'), recordInputs: true });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const inputs = new Map((r.inputs ?? []).map((i) => [i.path, i.sha256]));
    expect(inputs.get(footer)).toMatch(/^[0-9a-f]{64}$/);
    // not overridden (yet): recorded as absent, so adding the file later rebuilds
    expect(inputs.has(path.join(clinicDir, 'templates', 'handout.hbs'))).toBe(true);
    expect(inputs.get(path.join(clinicDir, 'templates', 'handout.hbs'))).toBeNull();
    // bundled templates and locales are covered by the run fingerprint (hashed by content), not listed per build
    expect([...inputs.keys()].filter((p) => p.startsWith(path.resolve('templates')) || p.startsWith(path.resolve('locales')))).toEqual([]);
  });

  it('records each locale file read and each one looked for in vain', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'en.json'), JSON.stringify({ note: 'Note' }));
    writeFileSync(path.join(dir, 'es.json'), JSON.stringify({ note: 'Nota' }));
    const rec = recordingWorld(nodeWorld, []);
    const diags = new Diagnostics();
    const load = localeLoader(rec.world, dir, diags);
    expect(load('es')).toEqual({ note: 'Nota' });
    expect(load('es')).toEqual({ note: 'Nota' }); // once per loader
    expect(load('pt')).toBeNull();
    expect(rec.reads().map((i) => [path.basename(i.path), i.sha256 === null])).toEqual([
      ['es.json', false],
      ['pt.json', true],
    ]);
    expect(diags.list).toEqual([]);
  });

  it('refuses a locale file or a template linked from outside its folder, as a positioned error', () => {
    const dir = tmp();
    const outside = path.join(dir, 'outside.json');
    writeFileSync(outside, JSON.stringify({ note: 'secret' }));
    const locales = path.join(dir, 'locales');
    mkdirSync(locales);
    symlinkSync(outside, path.join(locales, 'de.json'));
    const diags = new Diagnostics();
    expect(localeLoader(nodeWorld, locales, diags)('de')).toBeNull();
    expect(diags.list).toMatchObject([{ file: path.join(locales, 'de.json'), line: 1, column: 1, ruleId: 'locale-invalid' }]);
    expect(diags.list[0]!.message).toContain('outside');

    const templates = path.join(dir, 'templates');
    cpSync(path.resolve('templates'), templates, { recursive: true });
    const secret = path.join(dir, 'secret.hbs');
    writeFileSync(secret, 'top secret');
    const partial = path.join(templates, 'partials', 'leak.hbs');
    symlinkSync(secret, partial);
    let error: unknown;
    try {
      loadTemplates('handout.hbs', [templates], nodeWorld);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).place).toEqual({ file: partial, line: 1, column: 1 });
    expect((error as TemplateError).message).toContain('outside');
  });

  it('reports a locale file that is not a JSON object of texts', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'fr.json'), '["not", "an", "object"]');
    const diags = new Diagnostics();
    expect(localeLoader(nodeWorld, dir, diags)('fr')).toBeNull();
    expect(diags.list).toMatchObject([{ file: path.join(dir, 'fr.json'), ruleId: 'locale-invalid', severity: 'error' }]);
  });

  it('a template override that is not UTF-8 stops the build with a positioned error (no exception, no PDF)', async () => {
    const dir = tmp();
    const clinicDir = path.join(dir, 'clinics', 'c');
    cpSync(path.resolve('content/clinics/example-community'), clinicDir, { recursive: true });
    mkdirSync(path.join(clinicDir, 'templates', 'partials'), { recursive: true });
    const footer = path.join(clinicDir, 'templates', 'partials', 'footer.hbs');
    writeFileSync(footer, Buffer.concat([Buffer.from('<footer>\n  caf'), Buffer.from([0xe9, 0x20]), Buffer.from('</footer>\n')]));
    const guideDir = path.join(dir, 'guides', 'g');
    mkdirSync(guideDir, { recursive: true });
    writeFileSync(path.join(guideDir, 'en.md'), '---\nid: g\ntitle: A guide\nlang: en\nversion: 1\n---\n\nRest.\n');
    const r = await buildHandout({ guide: path.join(guideDir, 'en.md'), clinic: path.join(clinicDir, 'clinic.yaml') });
    expect(r.pdf).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ file: footer, line: 2, column: 6, severity: 'error', ruleId: 'not-utf8' }]);
  });
});
