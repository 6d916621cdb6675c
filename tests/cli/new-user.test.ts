/**
 * What a new user hit (issue 10): files that are not UTF-8, stale translations left printable, two inputs
 * writing one output, a front-matter `lang` that disagrees with the file name.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticsOf, runHandout, summaryLine } from '../helpers/cli.js';
import { missingToolReason, pdftotext } from '../helpers/poppler.js';

const ROOT = path.resolve('.');
const CLINIC = path.join(ROOT, 'content/clinics/example-community/clinic.yaml');
/** Rules of `handout check`'s content review (readability, plain language), not about what this file tests. */
const OURS = /^(not-utf8|translation-|guide-|output-|clinic-|footer-|image-path|unknown-fill|missing-|page-limit|invalid-fill)/;
/** The summary line of `handout check` (its last line of stdout). */
const summaryOf = summaryLine;

async function run(args: string[], cwd: string) {
  const r = await runHandout(args, cwd);
  const diags = diagnosticsOf(r.err, (l) => expect.fail(`not a diagnostic: ${l}`));
  return { ...r, diags: diags.filter((d) => OURS.test(d.rule)) };
}

const guide = (lang: string, version: number, body: string, translatedFrom?: number, id = 'test-guide'): string =>
  `---\nid: ${id}\ntitle: Test guide\nlang: ${lang}\nversion: ${version}\n${translatedFrom === undefined ? '' : `translatedFrom: { version: ${translatedFrom} }\n`}---\n\n${body}\n`;

/** A folder `dir/<folder>/` with `files` and a copy of the sample clinic under `dir/clinic/`. */
function workspace(
  files: Record<string, string | Buffer>,
  folder = 'content/guides/test-guide',
): { dir: string; gdir: string; clinic: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-newuser-'));
  const gdir = path.join(dir, folder);
  const cdir = path.join(dir, 'clinic');
  mkdirSync(gdir, { recursive: true });
  mkdirSync(cdir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(gdir, name)), { recursive: true });
    writeFileSync(path.join(gdir, name), text);
  }
  copyFileSync(path.join(ROOT, 'content/clinics/example-community/logo.svg'), path.join(cdir, 'logo.svg'));
  writeFileSync(path.join(cdir, 'clinic.yaml'), readFileSync(CLINIC, 'utf8'));
  return { dir, gdir, clinic: path.join(cdir, 'clinic.yaml') };
}

const ES =
  '---\nid: test-guide\ntitle: Después de la cita\nlang: es\nversion: 1\n---\n\nDespués de la cita, descanse. La señora está aquí.\n';

describe('text files that are not UTF-8', () => {
  it('a Windows-1252 guide is an error at its first bad byte naming the encoding, in build and check, with no PDF', async () => {
    const ws = workspace({ 'es.md': Buffer.from(ES, 'latin1') });
    const file = path.join(ws.gdir, 'es.md');
    const b = await run(['build', file, '--clinic', ws.clinic, '--out-dir', 'out'], ws.dir);
    expect(b.code).toBe(1);
    expect(b.diags).toEqual([
      expect.objectContaining({ file: 'content/guides/test-guide/es.md', line: 3, column: 13, severity: 'error', rule: 'not-utf8' }),
    ]);
    expect(b.diags[0]!.message).toMatch(/Windows-1252|ISO-8859-1/);
    expect(b.diags[0]!.message).toContain('save it as UTF-8');
    expect(existsSync(path.join(ws.dir, 'out/test-guide.es.pdf'))).toBe(false);
    const c = await run(['check', file, '--clinic', ws.clinic], ws.dir);
    expect(c.code).toBe(1);
    expect(c.diags.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual(['3:13 not-utf8']);
  });

  it.skipIf(missingToolReason('pdftotext') !== null)(
    'a UTF-16 guide with a byte-order mark is decoded; no U+FFFD reaches the PDF',
    async () => {
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ES.replace(/\n/g, '\r\n'), 'utf16le')]);
      const ws = workspace({ 'es.md': utf16 });
      const b = await run(['build', path.join(ws.gdir, 'es.md'), '--clinic', ws.clinic, '-o', 'es.pdf'], ws.dir);
      expect(b.err).toBe('');
      expect(b.code).toBe(0);
      const text = pdftotext(readFileSync(path.join(ws.dir, 'es.pdf')));
      expect(text).toContain('Después de la cita');
      expect(text).not.toContain('\uFFFD');
    },
  );

  it('a UTF-16 guide without a byte-order mark is refused with that reason', async () => {
    const ws = workspace({ 'es.md': Buffer.from(ES, 'utf16le') });
    const b = await run(['build', path.join(ws.gdir, 'es.md'), '--clinic', ws.clinic, '-o', 'es.pdf'], ws.dir);
    expect(b.code).toBe(1);
    expect(b.diags).toEqual([expect.objectContaining({ line: 1, column: 1, rule: 'not-utf8' })]);
    expect(b.diags[0]!.message).toContain('without a byte-order mark');
  });

  it('a Windows-1252 clinic template override is an error in the template at its bad byte', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, 'Hello.') });
    const partials = path.join(path.dirname(ws.clinic), 'templates/partials');
    mkdirSync(partials, { recursive: true });
    const footer = readFileSync(path.join(ROOT, 'templates/partials/footer.hbs'), 'utf8');
    writeFileSync(path.join(partials, 'footer.hbs'), Buffer.from(`{{!-- pie de página --}}\n${footer}`, 'latin1'));
    const b = await run(['build', path.join(ws.gdir, 'en.md'), '--clinic', ws.clinic, '-o', 'en.pdf'], ws.dir);
    expect(b.code).toBe(1);
    expect(b.diags).toEqual([
      expect.objectContaining({ file: 'clinic/templates/partials/footer.hbs', line: 1, column: 15, rule: 'not-utf8' }),
    ]);
    expect(existsSync(path.join(ws.dir, 'en.pdf'))).toBe(false);
  });

  it('a Windows-1252 clinic profile is an error at its bad byte', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, 'Hello.') });
    writeFileSync(ws.clinic, Buffer.from(readFileSync(ws.clinic, 'utf8').replace('Example Community Clinic', 'Clínica Example'), 'latin1'));
    const b = await run(['build', path.join(ws.gdir, 'en.md'), '--clinic', ws.clinic, '-o', 'en.pdf'], ws.dir);
    expect(b.code).toBe(1);
    expect(b.diags).toEqual([expect.objectContaining({ file: 'clinic/clinic.yaml', line: 1, column: 9, rule: 'not-utf8' })]);
  });

  it('a Windows-1252 translation is reported as such, not as stale', async () => {
    const ws = workspace({
      'en.md': guide('en', 1, 'Hello.'),
      'es.md': Buffer.from(ES.replace('version: 1\n', 'version: 1\ntranslatedFrom: { version: 1 }\n'), 'latin1'),
    });
    const b = await run(['build', path.join(ws.gdir, 'es.md'), '--clinic', ws.clinic, '--translations', 'error'], ws.dir);
    expect(b.code).toBe(1);
    expect(b.diags.map((d) => d.rule)).toEqual(['not-utf8']);
  });
});

describe('stale and missing translations under --translations error', () => {
  it('removes the PDF an earlier build left for a translation that became stale', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, 'Hello.'), 'es.md': guide('es', 1, 'Hola.', 1) });
    const args = ['build', 'content/guides/test-guide/es.md', '--clinic', ws.clinic, '--translations', 'error'];
    expect((await run(args, ws.dir)).code).toBe(0);
    const pdf = path.join(ws.dir, 'out/test-guide.es.pdf');
    expect(existsSync(pdf)).toBe(true);
    writeFileSync(path.join(ws.gdir, 'en.md'), guide('en', 2, 'Hello again.'));
    const r = await run(args, ws.dir);
    expect(r.code).toBe(1);
    expect(r.diags).toEqual([
      expect.objectContaining({
        file: 'content/guides/test-guide/es.md',
        line: 6,
        column: 1,
        severity: 'error',
        rule: 'translation-stale',
      }),
    ]);
    expect(existsSync(pdf)).toBe(false);
  });

  it('removes the PDF of a translation that went missing', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, 'Hello.'), 'es.md': guide('es', 1, 'Hola.', 1) });
    const args = ['build', 'content/guides/test-guide/es.md', '--clinic', ws.clinic, '--translations', 'error'];
    expect((await run(args, ws.dir)).code).toBe(0);
    const pdf = path.join(ws.dir, 'out/test-guide.es.pdf');
    rmSync(path.join(ws.gdir, 'es.md'));
    const r = await run(args, ws.dir);
    expect(r.code).toBe(1);
    expect(r.diags.map((d) => d.rule)).toEqual(['translation-missing']);
    expect(existsSync(pdf)).toBe(false);
  });

  it('checks a translation against the source beside it in any folder, the same place in build and check', async () => {
    const ws = workspace({ 'en.md': guide('en', 2, 'Hello.'), 'es.md': guide('es', 1, 'Hola.', 1) }, 'handouts/colonoscopy');
    const es = 'handouts/colonoscopy/es.md';
    const b = await run(['build', es, '--clinic', ws.clinic, '--translations', 'error'], ws.dir);
    expect(b.code).toBe(1);
    expect(b.diags).toEqual([expect.objectContaining({ file: es, line: 6, column: 1, rule: 'translation-stale' })]);
    const w = await run(['build', es, '--clinic', ws.clinic], ws.dir);
    expect(w.diags).toEqual([expect.objectContaining({ file: es, line: 6, column: 1, severity: 'warning', rule: 'translation-stale' })]);
    const c = await run(['check', 'handouts/colonoscopy/en.md', es, '--clinic', ws.clinic], ws.dir);
    expect(c.diags).toEqual([expect.objectContaining({ file: es, line: 6, column: 1, severity: 'warning', rule: 'translation-stale' })]);
    expect(summaryOf(c.out)).toMatch(
      /^checked 2 files \(1 guide, 2 languages\): 0 errors, .*; translations: 0 up to date, 1 stale, 0 missing\n$/,
    );
  });
});

describe('two inputs, one output', () => {
  it('two guides with the same id are both refused, naming each other, and the old output is removed', async () => {
    const ws = workspace(
      { 'a/en.md': guide('en', 1, 'A.', undefined, 'after-colonoscopy'), 'b/en.md': guide('en', 1, 'B.', undefined, 'after-colonoscopy') },
      'g',
    );
    mkdirSync(path.join(ws.dir, 'out'));
    writeFileSync(path.join(ws.dir, 'out/after-colonoscopy.en.pdf'), 'old');
    const r = await run(['build', 'g/a/en.md', 'g/b/en.md', '--clinic', ws.clinic, '--jobs', '1'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.diags.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`).sort()).toEqual([
      'g/a/en.md:2:1 output-collision',
      'g/b/en.md:2:1 output-collision',
    ]);
    expect(r.diags.find((d) => d.file === 'g/a/en.md')!.message).toContain('`g/b/en.md`');
    expect(r.diags[0]!.message).toContain('out/after-colonoscopy.en.pdf');
    expect(existsSync(path.join(ws.dir, 'out/after-colonoscopy.en.pdf'))).toBe(false);
  });

  it('a guide named once is built once', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, 'Hello.') });
    const r = await run(['build', 'content/guides/test-guide/en.md', './content/guides/test-guide/en.md', '--clinic', ws.clinic], ws.dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^out\/test-guide\.en\.pdf \(1 page\)\nbuild: 1 built, 0 up to date, 0 failed in /);
  });

  it('a front-matter lang that disagrees with the file name is an error at the lang line', async () => {
    const ws = workspace({ 'es.md': guide('en', 1, 'Hola.') }, 'langmix');
    const r = await run(['build', 'langmix/es.md', '--clinic', ws.clinic], ws.dir);
    expect(r.code).toBe(1);
    expect(r.diags).toEqual([expect.objectContaining({ file: 'langmix/es.md', line: 4, column: 7, rule: 'guide-lang-mismatch' })]);
    expect(r.diags[0]!.message).toContain('`es.md`');
    expect(existsSync(path.join(ws.dir, 'out/test-guide.en.pdf'))).toBe(false);
  });
});

describe('messages', () => {
  it('--max-pages 1 says "more than 1 page" (plural rules)', async () => {
    const ws = workspace({
      'en.md': guide('en', 1, Array.from({ length: 120 }, (_, i) => `Paragraph ${i} of a long guide.`).join('\n\n')),
    });
    const r = await run(['build', 'content/guides/test-guide/en.md', '--clinic', ws.clinic, '--max-pages', '1'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.diags.map((d) => d.rule)).toEqual(['page-limit']);
    expect(r.diags[0]!.message).toContain('more than 1 page;');
  });

  it('the fallback warning does not suggest --translations fallback when it is in use', async () => {
    const ws = workspace({ 'en.md': guide('en', 2, 'Hello.'), 'es.md': guide('es', 1, 'Hola.', 1) });
    const f = await run(['build', 'content/guides/test-guide/es.md', '--clinic', ws.clinic, '--translations', 'fallback'], ws.dir);
    expect(f.code).toBe(0);
    expect(f.diags.map((d) => d.rule)).toEqual(['translation-stale']);
    expect(f.diags[0]!.message).not.toContain('--translations fallback');
    const e = await run(['build', 'content/guides/test-guide/es.md', '--clinic', ws.clinic, '--translations', 'error'], ws.dir);
    expect(e.diags[0]!.message).toContain('or build with --translations fallback');
  });

  it('an unquoted colour inside a YAML flow map is explained at its own line and column', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, 'Hello.') });
    writeFileSync(ws.clinic, 'name: X Clinic\nlogo: logo.svg\ncolors: { primary: #1F5FAD, accent: "#E8F0FB" }\npaper: letter\n');
    const r = await run(['build', 'content/guides/test-guide/en.md', '--clinic', ws.clinic], ws.dir);
    expect(r.code).toBe(1);
    expect(r.diags).toEqual([expect.objectContaining({ file: 'clinic/clinic.yaml', line: 3, column: 20, rule: 'clinic-invalid-color' })]);
    expect(r.diags[0]!.message).toContain('`primary: "#1F5FAD"`');
  });

  it('an image path with a space is a warning at its place, saying how to write it', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, 'See the chart.\n\n![Chart](fluids chart.png)') });
    const r = await run(['build', 'content/guides/test-guide/en.md', '--clinic', ws.clinic], ws.dir);
    expect(r.code).toBe(0);
    expect(r.diags).toEqual([expect.objectContaining({ line: 10, column: 1, severity: 'warning', rule: 'image-path-space' })]);
    expect(r.diags[0]!.message).toContain('`<fluids chart.png>` or `fluids%20chart.png`');
  });

  it('check counts only the languages the clinic serves', async () => {
    const ws = workspace({
      'en.md': guide('en', 1, 'Hello.'),
      'es.md': guide('es', 1, 'Hola.', 1),
      'vi.md': guide('vi', 1, 'Xin chào.', 1),
    });
    writeFileSync(ws.clinic, `${readFileSync(ws.clinic, 'utf8')}locales: [en, es]\n`);
    const files = ['en', 'es', 'vi'].map((l) => `content/guides/test-guide/${l}.md`);
    const c = await run(['check', ...files, '--clinic', ws.clinic], ws.dir);
    expect(c.code).toBe(0);
    expect(summaryOf(c.out)).toMatch(
      /^checked 3 files \(1 guide, 3 languages\): 0 errors, .*; translations: 1 up to date, 0 stale, 0 missing\n$/,
    );
  });
});

describe('per-language footer', () => {
  it.skipIf(missingToolReason('pdftotext') !== null)(
    'prints the footer in the handout language, falling back to English with a warning at the footer line',
    async () => {
      const ws = workspace({
        'en.md': guide('en', 1, 'Hello.'),
        'es.md': guide('es', 1, 'Hola.', 1),
        'vi.md': guide('vi', 1, 'Xin chào.', 1),
      });
      const base = readFileSync(ws.clinic, 'utf8').replace(
        /^footer:.*$/m,
        'footer: { en: "Not a substitute for medical advice.", es: "No sustituye el consejo médico." }',
      );
      writeFileSync(ws.clinic, base);
      const build = (lang: string) =>
        run(['build', `content/guides/test-guide/${lang}.md`, '--clinic', ws.clinic, '-o', `${lang}.pdf`], ws.dir);
      const es = await build('es');
      expect(es.err).toBe('');
      expect(pdftotext(readFileSync(path.join(ws.dir, 'es.pdf')))).toContain('No sustituye el consejo médico.');
      const en = await build('en');
      expect(en.err).toBe('');
      expect(pdftotext(readFileSync(path.join(ws.dir, 'en.pdf')))).toContain('Not a substitute for medical advice.');
      const vi = await build('vi');
      expect(vi.code).toBe(0);
      const line = base.split('\n').findIndex((l) => l.startsWith('footer:')) + 1;
      expect(vi.diags).toEqual([
        expect.objectContaining({ file: 'clinic/clinic.yaml', line, severity: 'warning', rule: 'footer-missing-lang' }),
      ]);
      expect(pdftotext(readFileSync(path.join(ws.dir, 'vi.pdf')))).toContain('Not a substitute for medical advice.');
    },
  );

  it('refuses a footer map whose key is not a language tag', async () => {
    const ws = workspace({ 'en.md': guide('en', 1, 'Hello.') });
    writeFileSync(ws.clinic, readFileSync(ws.clinic, 'utf8').replace(/^footer:.*$/m, 'footer: { en_US: "Hi" }'));
    const r = await run(['build', 'content/guides/test-guide/en.md', '--clinic', ws.clinic, '-o', 'en.pdf'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.diags.map((d) => d.rule)).toEqual(['clinic-invalid-value']);
  });
});
