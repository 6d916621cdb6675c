/**
 * Clinic template overrides are bounded and their errors positioned: syntax errors at the override's own
 * file:line:column with the parser's whole message, runaway partial expansion stopped with an error naming the
 * override, no `log` helper, own-property lookups in `{{t}}`.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { sampleClinicPath } from '../../src/build.js';
import { packageDir } from '../../src/package-dir.js';
import { buildSource, FRONT_MATTER, tempDir } from '../robustness/helpers.js';

function clinicCopy(): { clinic: string; templates: string } {
  const dir = path.join(tempDir('handout-tpl-'), 'clinic');
  cpSync(path.dirname(sampleClinicPath()), dir, { recursive: true });
  const templates = path.join(dir, 'templates');
  mkdirSync(path.join(templates, 'partials'), { recursive: true });
  return { clinic: path.join(dir, 'clinic.yaml'), templates };
}

const bundled = (name: string): string => readFileSync(path.join(packageDir(), 'templates', name), 'utf8');

async function buildWith(clinic: string): Promise<Awaited<ReturnType<typeof buildSource>>> {
  return buildSource(`${FRONT_MATTER}Hello.\n`, tempDir(), 'guide.md', { clinic });
}

describe('template overrides', () => {
  test('a syntax error in a partial override is reported at that file, line and column, with the whole parser message', async () => {
    const { clinic, templates } = clinicCopy();
    const footer = path.join(templates, 'partials', 'footer.hbs');
    writeFileSync(footer, '<p style="small">\n  line two\n  {{> (x}}\n</p>\n');
    const r = await buildWith(clinic);
    expect(r.pdf).toBeUndefined();
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e).toMatchObject({ file: footer, line: 3, column: 9, ruleId: 'template-syntax' });
    expect(e.message).toContain("Expecting 'OPEN_SEXPR'");
    expect(e.message).toContain("got 'CLOSE'");
  });

  test('a syntax error in the main override is reported at its line with the whole message', async () => {
    const { clinic, templates } = clinicCopy();
    const main = path.join(templates, 'handout.hbs');
    writeFileSync(main, bundled('handout.hbs').replace('{{> footer}}', '{{#if paper}}{{> footer}}{{/each}}'));
    const r = await buildWith(clinic);
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e).toMatchObject({ file: main, line: 9, ruleId: 'template-syntax' });
    expect(e.message).toContain("if doesn't match each");
  });

  test('a runtime error inside a partial override names that partial and its line', async () => {
    const { clinic, templates } = clinicCopy();
    const footer = path.join(templates, 'partials', 'footer.hbs');
    writeFileSync(footer, '<p style="small">\n{{clinic.nosuchfield}}</p>\n');
    const r = await buildWith(clinic);
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e).toMatchObject({ file: footer, line: 2, ruleId: 'template-error' });
    expect(e.message).toContain('nosuchfield');
  });

  test('partials that include the next one twice, 24 levels deep, stop with a bounded error (no memory blow-up)', async () => {
    const { clinic, templates } = clinicCopy();
    for (let i = 0; i < 24; i++) writeFileSync(path.join(templates, 'partials', `p${i}.hbs`), `{{> p${i + 1}}}{{> p${i + 1}}}`);
    writeFileSync(path.join(templates, 'partials', 'p24.hbs'), 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');
    writeFileSync(path.join(templates, 'partials', 'footer.hbs'), '<p style="small">{{> p0}}</p>');
    const started = Date.now();
    const r = await buildWith(clinic);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.pdf).toBeUndefined();
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e.ruleId).toBe('template-too-large');
    expect(e.file).toContain(path.join('templates', 'partials', 'p'));
  });

  test('a partial that includes itself stops at the depth limit, naming the override', async () => {
    const { clinic, templates } = clinicCopy();
    const loop = path.join(templates, 'partials', 'loop.hbs');
    writeFileSync(loop, 'a{{> loop}}');
    writeFileSync(path.join(templates, 'partials', 'footer.hbs'), '<p style="small">{{> loop}}</p>');
    const r = await buildWith(clinic);
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e).toMatchObject({ file: loop, ruleId: 'template-too-deep' });
  });

  test('there is no `log` helper: nothing is printed to stdout', async () => {
    const { clinic, templates } = clinicCopy();
    const footer = path.join(templates, 'partials', 'footer.hbs');
    writeFileSync(footer, '<p style="small">{{log "leak" clinic.name level="error"}}x</p>\n');
    const spies = (['log', 'info', 'error', 'warn', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    const r = await buildWith(clinic);
    for (const s of spies) expect(s).not.toHaveBeenCalled();
    expect(r.pdf).toBeUndefined();
    expect(r.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ file: footer, ruleId: 'template-error' });
  });

  test('`{{t "constructor"}}` is an unknown UI string, not a prototype lookup', async () => {
    const { clinic, templates } = clinicCopy();
    const footer = path.join(templates, 'partials', 'footer.hbs');
    writeFileSync(footer, '<p style="small">{{t "constructor"}}</p>\n');
    const r = await buildWith(clinic);
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e).toMatchObject({ file: footer, ruleId: 'template-error' });
    expect(e.message).toContain('unknown UI string `constructor`');
  });
});
