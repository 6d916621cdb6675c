import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  frontMatterBlock,
  frontMatterTree,
  readGuideMeta,
  translationReport,
  translationState,
} from '../../src/i18n/translation-status.js';
import { parseMarkdown } from '../../src/parse/processor.js';
import { readdirSync, readFileSync } from 'node:fs';
import { packageDir } from '../../src/package-dir.js';
import type { World } from '../../src/world.js';
import { buildHandout } from '../../src/build.js';
import { directionOfLang } from '../../src/i18n/direction.js';
import { extractPageTexts } from '../helpers/pdf-read.js';

const guide = (lang: string, version: number, extra = ''): string =>
  `---\nid: t\ntitle: "Title ${lang}"\nlang: ${lang}\nversion: ${version}\n${extra}---\n\nText in ${lang}.\n`;

let dir: string;
beforeAll(() => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'handout-i18n-'));
  dir = path.join(root, 'guides', 't');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'en.md'), guide('en', 3));
  writeFileSync(path.join(dir, 'es.md'), guide('es', 1, 'translatedFrom: { version: 2 }\n'));
  writeFileSync(path.join(dir, 'vi.md'), guide('vi', 1, 'translatedFrom: { version: 3 }\n'));
});

describe('translation status', () => {
  it('finds current, stale and missing translations', () => {
    const report = translationReport(dir, ['es', 'vi', 'ko']);
    const by = Object.fromEntries(report.map((r) => [r.lang, r.state]));
    expect(by).toEqual({ en: 'source', es: 'stale', vi: 'current', ko: 'missing' });
    const es = translationState(dir, 'es', 3);
    expect(es).toMatchObject({ state: 'stale', translatedFrom: 2, sourceVersion: 3 });
  });

  it('under policy error, a stale translation is a positioned error and no PDF', async () => {
    const r = await buildHandout({ guide: path.join(dir, 'es.md'), translations: 'error' });
    expect(r.pdf).toBeUndefined();
    const d = r.diagnostics.find((x) => x.ruleId === 'translation-stale')!;
    expect(d.severity).toBe('error');
    expect(d.file).toBe(path.join(dir, 'es.md'));
    expect(d.message).toContain('version 2');
    expect(d.message).toContain('version 3');
  });

  it('under policy fallback, builds the source handout with an interpreter notice in the patient language', async () => {
    const r = await buildHandout({ guide: path.join(dir, 'es.md'), translations: 'fallback' });
    expect(r.pdf).toBeDefined();
    expect(r.outputLang).toBe('es');
    expect(r.meta?.lang).toBe('en');
    expect(r.diagnostics.find((x) => x.ruleId === 'translation-stale')?.severity).toBe('warning');
    const text = extractPageTexts(r.pdf!).join('\n');
    expect(text).toContain('Text in en.');
    expect(text.replace(/\s+/g, ' ')).toContain('Un intérprete gratuito puede explicárselo');
  });

  it('a missing translation is an error under policy error, and falls back under fallback', async () => {
    const missing = path.join(dir, 'ko.md');
    expect((await buildHandout({ guide: missing })).diagnostics.map((d) => d.ruleId)).toEqual(['guide-not-found']);
    const r = await buildHandout({ guide: missing, translations: 'error' });
    expect(r.pdf).toBeUndefined();
    expect(r.diagnostics.map((d) => d.ruleId)).toContain('translation-missing');
    const f = await buildHandout({ guide: missing, translations: 'fallback' });
    expect(f.pdf).toBeDefined();
    expect(f.outputLang).toBe('ko');
  });

  it('builds a current translation as is', async () => {
    const r = await buildHandout({ guide: path.join(dir, 'vi.md'), translations: 'error' });
    expect(r.pdf).toBeDefined();
    expect(r.diagnostics.filter((d) => d.ruleId?.startsWith('translation-'))).toEqual([]);
  });
});

describe('direction of a language', () => {
  it('is rtl for Arabic, Persian, Urdu, Pashto, Hebrew and Yiddish', () => {
    for (const l of ['ar', 'fa', 'ur', 'ps', 'he', 'yi', 'pa-Arab']) expect(directionOfLang(l)).toBe('rtl');
    for (const l of ['en', 'zh-Hans', 'hi', 'pa', 'am', 'bogus!']) expect(directionOfLang(l)).toBe('ltr');
  });
});

describe('readGuideMeta', () => {
  it('reads the front matter only, through the World it is given', () => {
    const body = 'x '.repeat(200_000);
    const source = `---\nid: t\ntitle: T\nlang: en\nversion: 7\n---\n\n${body}\n`;
    expect(frontMatterBlock(source)).toBe('---\nid: t\ntitle: T\nlang: en\nversion: 7\n---\n');
    expect(frontMatterBlock('no front matter\n---\n')).toBe('');
    const reads: string[] = [];
    const world: World = {
      read(ref, baseDir) {
        reads.push(path.join(baseDir, ref));
        return { ok: true, path: path.join(baseDir, ref), data: Buffer.from(source) };
      },
    };
    expect(readGuideMeta('/guides/t/en.md', world)?.version).toBe(7);
    expect(reads).toEqual([path.join('/guides/t', 'en.md')]);
  });
});

describe('translation status reads through the build World', () => {
  it('records the translation and its source guide, and a source guide that does not exist yet', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'handout-i18n-rec-'));
    const d = path.join(root, 'guides', 'u');
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, 'es.md'), guide('es', 1, 'translatedFrom: { version: 1 }\n'));
    const alone = await buildHandout({ guide: path.join(d, 'es.md'), recordInputs: true });
    expect(alone.pdf).toBeDefined();
    // en.md is looked for through the World: creating it later (a newer version makes es stale) is a change
    expect(alone.inputs).toContainEqual({ path: path.join(d, 'en.md'), sha256: null });
    writeFileSync(path.join(d, 'en.md'), guide('en', 1));
    const both = await buildHandout({ guide: path.join(d, 'es.md'), recordInputs: true });
    const files = (both.inputs ?? []).filter((i) => i.path.startsWith(d)).map((i) => [path.basename(i.path), i.sha256 !== null]);
    expect(files).toEqual([
      ['en.md', true],
      ['es.md', true],
    ]);
  });
});

describe('frontMatterTree', () => {
  /** Every guide of the repository (content and test fixtures). */
  function guides(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')
        ? guides(path.join(dir, e.name))
        : e.name.endsWith('.md')
          ? [path.join(dir, e.name)]
          : [],
    );
  }
  const tricky = [
    '---\nid: t\n---\n',
    '---\r\nid: t\r\ntitle: "a\r\n  b"\r\n---\r\nbody',
    '\uFEFF---\nid: t\n---',
    '--- \t\nid: t\n---  \nx',
    '---\n---\n',
    '---\nid: t\n--- x\nlang: en\n---\n',
    '---\nkey: |\n  ---\n  text\n---\n',
    '----\nid: t\n----\n',
    '---\nid: t\n',
    '\n---\nid: t\n---\n',
    '---\r\n\r\n---\r\n',
  ];

  it('is the tree the Markdown parser makes of the front matter block (every guide here and edge cases)', () => {
    const root = packageDir();
    const sources = [
      ...[...guides(path.join(root, 'content')), ...guides(path.join(root, 'tests'))].map((f) => readFileSync(f, 'utf8')),
      ...tricky,
    ];
    expect(sources.length).toBeGreaterThan(20);
    for (const source of sources) {
      const block = frontMatterBlock(source);
      const parsed = parseMarkdown(block).children.filter((n) => n.type === 'yaml');
      const made = frontMatterTree(block).children;
      expect(made.map((n) => n.type === 'yaml' && n.value)).toEqual(parsed.map((n) => n.type === 'yaml' && n.value));
      if (parsed.length > 0) expect(parseMarkdown(block).children[0]!.type).toBe('yaml');
    }
  });
});
