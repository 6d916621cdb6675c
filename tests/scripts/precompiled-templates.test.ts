/**
 * `scripts/precompiled-templates.mjs`: the package's templates compiled ahead of time into the bundles. The table has
 * one entry per template file, keyed by its text; the environment bundled with it renders exactly what it renders
 * unbundled (compiling at run time), takes every shipped template from the table, and still compiles (and reports
 * errors in) a text it does not ship.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompiledModule, precompiledTemplatesPlugin } from '../../scripts/precompiled-templates.mjs';
import * as unbundled from '../../src/template/environment.js';
import type { TemplateContext } from '../../src/template/environment.js';
import { nodeWorld } from '../../src/world.js';
import { bundleForTest } from './bundle-for-test.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const templates = path.join(root, 'templates');
const require = createRequire(import.meta.url);

let dir = '';
let bundled: typeof unbundled;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'precompiled-templates-'));
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(entry, `export * from ${JSON.stringify(path.join(root, 'src/template/environment.ts'))};\n`);
  const out = path.join(dir, 'environment.cjs');
  await bundleForTest(entry, out, [precompiledTemplatesPlugin]);
  bundled = require(out) as typeof unbundled;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The template files (relative paths). */
function templateFiles(): string[] {
  const partials = readdirSync(path.join(templates, 'partials')).filter((f) => f.endsWith('.hbs'));
  return ['handout.hbs', ...partials.map((f) => `partials/${f}`)];
}

function context(lang: string, over: Partial<TemplateContext> = {}): TemplateContext {
  const strings = JSON.parse(readFileSync(path.join(root, 'locales', `${lang}.json`), 'utf8')) as Record<string, string>;
  const rtl = lang === 'ar';
  return {
    paper: 'letter',
    clinic: {
      name: 'Harbor <Health> & Co',
      logo: true,
      contact: { phone: '+1 555 0100', website: 'https://example.org', address: '1 Main St', email: null },
      footer: 'Footer text',
      contactCard: { phone: '+1 555 0101', hours: 'Mon–Fri 9–5', website: null, address: null },
      safety: 'Call 911 in an emergency.',
    },
    guide: { title: 'Your first session', subtitle: 'What to expect', version: 3, reviewed: '2026-01-02', reviewDue: '2027-01-02', lang },
    locale: { lang, strings },
    direction: rtl ? 'rtl' : 'ltr',
    languageAssistance: [{ lang: 'es', dir: 'ltr', text: 'Ayuda gratis' }],
    interpreterNotice: null,
    largePrint: false,
    ...over,
  };
}

describe('templates compiled ahead of time', () => {
  it('holds every template file, keyed by the SHA-256 of its text', () => {
    const code = precompiledModule();
    for (const file of templateFiles()) {
      const key = createHash('sha256')
        .update(readFileSync(path.join(templates, file), 'utf8'))
        .digest('hex');
      expect(code).toContain(`// ${file}\n  "${key}": {`);
    }
    expect(code.match(/"compiler":/g)).toHaveLength(templateFiles().length);
  });

  it('leaves out a template Handlebars cannot parse (the build reports it at run time)', () => {
    const copy = path.join(dir, 'broken');
    mkdirSync(copy);
    writeFileSync(path.join(copy, 'good.hbs'), 'Hello {{name}}');
    writeFileSync(path.join(copy, 'bad.hbs'), 'Hello {{#if}}');
    const code = precompiledModule(copy);
    expect(code).toContain('// good.hbs');
    expect(code).not.toContain('// bad.hbs');
  });

  it('renders what the run-time compiled templates render, taking each shipped template from the table', () => {
    const before = bundled.precompiledTemplatesUsed();
    const fromBundle = bundled.loadTemplates('handout.hbs', [templates], nodeWorld);
    expect(bundled.precompiledTemplatesUsed() - before).toBe(templateFiles().length);
    const fromSource = unbundled.loadTemplates('handout.hbs', [templates], nodeWorld);
    expect(unbundled.precompiledTemplatesUsed()).toBe(0);
    const cases = [
      context('en'),
      context('ar', { largePrint: true, interpreterNotice: { lang: 'ar', dir: 'rtl', text: 'مترجم' } }),
      context('es', { clinic: { ...context('es').clinic, logo: false, contactCard: null, safety: null, footer: null } }),
    ];
    for (const ctx of cases) {
      const markup = fromBundle.render(ctx);
      expect(markup.length).toBeGreaterThan(200);
      expect(markup).toBe(fromSource.render(ctx));
    }
  });

  it('compiles a text it does not ship (an override), and reports a syntax error in one at its place', () => {
    const copy = path.join(dir, 'override');
    cpSync(templates, copy, { recursive: true });
    const footer = path.join(copy, 'partials', 'footer.hbs');
    writeFileSync(footer, `${readFileSync(footer, 'utf8')}{{!-- edited --}}`);
    const before = bundled.precompiledTemplatesUsed();
    const set = bundled.loadTemplates('handout.hbs', [copy], nodeWorld);
    expect(bundled.precompiledTemplatesUsed() - before).toBe(templateFiles().length - 1);
    expect(set.render(context('en'))).toBe(unbundled.loadTemplates('handout.hbs', [templates], nodeWorld).render(context('en')));
    writeFileSync(footer, 'broken {{#if}}\n');
    const thrown = (load: () => unknown): unknown => {
      try {
        load();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const error = thrown(() => bundled.loadTemplates('handout.hbs', [copy], nodeWorld));
    expect(error).toMatchObject({ name: 'TemplateError', ruleId: 'template-syntax', place: { file: footer } });
    const same = thrown(() => unbundled.loadTemplates('handout.hbs', [copy], nodeWorld)) as Error & { place: unknown };
    expect(same).toMatchObject({
      ruleId: 'template-syntax',
      message: (error as Error).message,
      place: (error as { place: unknown }).place,
    });
  });
});
