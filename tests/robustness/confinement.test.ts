/**
 * Confinement rules: each refusal and its message. Images only from inside
 * the content folder (no `../`, absolute paths, symlinks out, URLs); template
 * overrides only from inside the clinic folder; YAML without tags or
 * `__proto__`; Handlebars without prototype access; author text never compiled.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildHandout, sampleClinicPath } from '../../src/build.js';
import { packageDir } from '../../src/package-dir.js';
import { extractPageTexts } from '../helpers/pdf-read.js';
import { buildSource, errorsOf, expectPositioned, FRONT_MATTER, tempDir } from './helpers.js';

const TINY_PNG = path.join(packageDir(), 'tests', 'fixtures', 'images', 'tiny.png');

/** A content folder with `guides/g/` and an image outside it. */
function contentWithOutsideImage(): { guideDir: string; outside: string } {
  const root = tempDir('handout-confine-');
  const guideDir = path.join(root, 'content', 'guides', 'g');
  mkdirSync(guideDir, { recursive: true });
  const outside = path.join(root, 'secret.png');
  copyFileSync(TINY_PNG, outside);
  return { guideDir, outside };
}

async function imageRefusal(ref: string, guideDir: string): Promise<{ ruleId: string; message: string; line: number }> {
  const source = `${FRONT_MATTER}Before.\n\n![A picture](${ref})\n`;
  const r = await buildSource(source, guideDir, 'en.md');
  expect(r.pdf).toBeUndefined();
  expectPositioned(r.diagnostics, r.file, source);
  const [e] = errorsOf(r.diagnostics);
  expect(e).toBeDefined();
  return e!;
}

describe('images are confined to the content folder', () => {
  test('`../` escape is refused', async () => {
    const { guideDir } = contentWithOutsideImage();
    const e = await imageRefusal('../../../secret.png', guideDir);
    expect(e.ruleId).toBe('image-outside-content');
    expect(e.message).toContain('`../../../secret.png` is outside the content folder');
    expect(e.line).toBe(10);
  });

  test('an absolute path is refused', async () => {
    const { guideDir, outside } = contentWithOutsideImage();
    const e = await imageRefusal(outside, guideDir);
    expect(e.ruleId).toBe('image-outside-content');
    expect(e.message).toContain('is an absolute path');
  });

  test('a symlink inside the folder pointing out is refused', async () => {
    const { guideDir, outside } = contentWithOutsideImage();
    symlinkSync(outside, path.join(guideDir, 'innocent.png'));
    const e = await imageRefusal('innocent.png', guideDir);
    expect(e.ruleId).toBe('image-outside-content');
    expect(e.message).toContain('`innocent.png` is outside the content folder');
  });

  test.each(['http://example.org/logo.png', 'https://example.org/x.png', 'file:///etc/passwd', '//example.org/x.png'])(
    'remote URL %s is refused, never fetched',
    async (url) => {
      const { guideDir } = contentWithOutsideImage();
      const e = await imageRefusal(url, guideDir);
      expect(['image-remote', 'image-outside-content']).toContain(e.ruleId);
      if (url.includes(':')) expect(e.message).toContain('images are never downloaded during a build');
    },
  );

  test('the same image inside the folder is accepted (the refusals are about place, not the file)', async () => {
    const { guideDir } = contentWithOutsideImage();
    copyFileSync(TINY_PNG, path.join(guideDir, 'ok.png'));
    const r = await buildSource(`${FRONT_MATTER}![A picture](ok.png)\n`, guideDir, 'en.md');
    expect(errorsOf(r.diagnostics)).toEqual([]);
    expect(r.pdf).toBeDefined();
  });

  test('links are printed, never fetched', async () => {
    const dir = tempDir();
    const r = await buildSource(`${FRONT_MATTER}See [the site](http://127.0.0.1:9/never) and <https://example.invalid/x>.\n`, dir);
    expect(r.pdf).toBeDefined();
    expect(extractPageTexts(r.pdf!).join(' ')).toContain('the site');
  });
});

/** A copy of the sample clinic in a temp folder, with `templates/`. */
function clinicCopy(): { clinic: string; templates: string; root: string } {
  const root = tempDir('handout-clinic-');
  const dir = path.join(root, 'clinic');
  cpSync(path.dirname(sampleClinicPath()), dir, { recursive: true });
  const templates = path.join(dir, 'templates');
  mkdirSync(path.join(templates, 'partials'), { recursive: true });
  return { clinic: path.join(dir, 'clinic.yaml'), templates, root };
}

describe('template overrides stay in the clinic folder and cannot reach prototypes', () => {
  test('a template override symlinked from outside the clinic folder is refused', async () => {
    const { clinic, templates, root } = clinicCopy();
    const outside = path.join(root, 'evil.hbs');
    writeFileSync(outside, readFileSync(path.join(packageDir(), 'templates', 'handout.hbs')));
    symlinkSync(outside, path.join(templates, 'handout.hbs'));
    const dir = tempDir();
    const r = await buildSource(`${FRONT_MATTER}Hello.\n`, dir, 'guide.md', { clinic });
    expect(r.pdf).toBeUndefined();
    const e = r.diagnostics.find((d) => d.ruleId === 'template-outside-clinic');
    expect(e?.message).toContain('`templates/handout.hbs` points outside the clinic folder');
    expect(e?.file).toBe(clinic);
  });

  test('a linked templates folder pointing out is refused', async () => {
    const { clinic, templates, root } = clinicCopy();
    const outsideDir = path.join(root, 'elsewhere');
    mkdirSync(outsideDir);
    symlinkSync(outsideDir, path.join(templates, 'partials', 'more'));
    const r = await buildSource(`${FRONT_MATTER}Hello.\n`, tempDir(), 'guide.md', { clinic });
    expect(r.diagnostics.map((d) => d.ruleId)).toContain('template-outside-clinic');
  });

  test.each([
    ['constructor lookup', '{{clinic.constructor.name}}'],
    ['lookup helper', '{{lookup clinic "__proto__"}}'],
    ['__defineGetter__', '{{clinic.__defineGetter__}}'],
  ])('prototype access in a clinic template (%s) is refused', async (_name, expr) => {
    const { clinic, templates } = clinicCopy();
    const main = readFileSync(path.join(packageDir(), 'templates', 'handout.hbs'), 'utf8');
    writeFileSync(path.join(templates, 'handout.hbs'), main.replace('{{clinic.name}}', `{{clinic.name}} ${expr}`));
    const r = await buildSource(`${FRONT_MATTER}Hello.\n`, tempDir(), 'guide.md', { clinic });
    if (r.pdf) {
      const text = extractPageTexts(r.pdf).join(' ');
      expect(text).not.toMatch(/Object|function|\[native code\]/);
    } else {
      expect(r.diagnostics.map((d) => d.ruleId)).toContain('template-error');
    }
  });

  test('`{{` in author text is never compiled: helpers and prototype paths are reported, not run', async () => {
    const dir = tempDir();
    const source = `${FRONT_MATTER}Hi {{#each this}}x{{/each}} {{constructor.constructor}}\n`;
    const r = await buildSource(source, dir);
    expect(r.pdf).toBeUndefined();
    expectPositioned(r.diagnostics, r.file, source);
    const unknown = r.diagnostics.filter((d) => d.ruleId === 'unknown-variable');
    expect(unknown.map((d) => d.column)).toEqual([4, 19, 29]);
    expect(unknown[2]!.message).toContain('unknown variable `constructor.constructor`');
  });

  test('escaped `\\{{` prints braces literally', async () => {
    const r = await buildSource(`${FRONT_MATTER}Write \\{{clinic.name}} to insert the name.\n`, tempDir());
    expect(r.pdf).toBeDefined();
    expect(extractPageTexts(r.pdf!).join(' ')).toContain('{{clinic.name}}');
  });
});

describe('YAML: no custom tags, no prototype pollution', () => {
  test('`__proto__` in guide front matter is refused', async () => {
    const source = '---\nid: x\n__proto__: { polluted: true }\ntitle: X\nlang: en\nversion: 1\n---\n\nHi\n';
    const r = await buildSource(source, tempDir());
    expect(r.pdf).toBeUndefined();
    const e = r.diagnostics.find((d) => d.ruleId === 'guide-unknown-key');
    expect(e).toMatchObject({ line: 3, column: 1 });
    expect(e!.message).toContain('`__proto__` is not allowed');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test.each([
    ['!!js/function "function () {}"', 'tag:yaml.org,2002:js/function'],
    ['!custom X', '!custom'],
    ['!!binary aGVsbG8=', 'tag:yaml.org,2002:binary'],
  ])('a YAML tag in front matter (%s) is refused', async (value, tag) => {
    const source = `---\nid: x\ntitle: ${value}\nlang: en\nversion: 1\n---\n\nHi\n`;
    const r = await buildSource(source, tempDir());
    expect(r.pdf).toBeUndefined();
    const e = r.diagnostics.find((d) => d.ruleId === 'guide-yaml-syntax');
    expect(e).toMatchObject({ line: 3, column: 8 });
    expect(e!.message).toBe(`YAML tag \`${tag}\` is not allowed in front matter; remove it and write a plain value`);
  });

  test('`__proto__` and custom tags in a clinic profile are refused', async () => {
    const dir = tempDir();
    const clinic = path.join(dir, 'clinic.yaml');
    writeFileSync(clinic, 'name: Evil Clinic\ncolors: { primary: "#123456" }\n__proto__:\n  polluted: true\nfooter: !custom hello\n');
    const r = await buildHandout({ guide: path.join(dir, 'missing.md'), clinic });
    expect(r.pdf).toBeUndefined();
    const rules = r.diagnostics.filter((d) => d.file === clinic).map((d) => `${d.line}:${d.ruleId}`);
    expect(rules).toContain('3:clinic-forbidden-key');
    expect(rules).toContain('5:clinic-yaml-syntax');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
