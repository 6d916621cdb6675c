/**
 * Front matter kept by its text (`front-matter-store.ts`): values JSON holds exactly are kept, across processes in a
 * private file of the cache folder; a guide read with kept values gets what reading its YAML gives, errors included.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  keepFrontMatter,
  keptFrontMatter,
  openFrontMatterStore,
  resetFrontMatterStore,
  saveFrontMatterStore,
} from '../../src/parse/front-matter-store.js';
import { guideMetaOf } from '../../src/i18n/translation-status.js';
import { parse } from '../../src/parse/parse.js';
import { Diagnostics } from '../../src/diagnostics.js';

const dirs: string[] = [];
function cacheDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fm-store-'));
  dirs.push(dir);
  return dir;
}

// another test file of this worker may have run a CLI that opened a store
beforeEach(() => resetFrontMatterStore());

afterEach(() => {
  resetFrontMatterStore();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const guide = (front: string, body = '# Title\n\nText.\n'): string => `---\n${front}\n---\n\n${body}`;
const VALID = 'id: sample\ntitle: "A guide"\nlang: en\nversion: 2\nreviewed: 2025-01-31\ntranslatedFrom: { version: 1 }';

describe('front matter store', () => {
  it('keeps nothing until a store is open (a build worker opens none)', () => {
    guideMetaOf('/g/en.md', guide(VALID));
    keepFrontMatter('a: 1', { a: 1 });
    expect(keptFrontMatter(VALID)).toBeUndefined();
    expect(keptFrontMatter('a: 1')).toBeUndefined();
  });

  it('keeps values JSON holds exactly, as a copy, and nothing else', () => {
    openFrontMatterStore(cacheDir(), 'options');
    const data = { id: 'a', nested: { list: [1, 'two', null, true] } };
    keepFrontMatter('text', data);
    expect(keptFrontMatter('text')).toEqual(data);
    expect(keptFrontMatter('text')).not.toBe(data);
    keepFrontMatter('inf', { version: Infinity });
    keepFrontMatter('minus-zero', { version: -0 });
    keepFrontMatter('date', { reviewed: new Date(0) });
    for (const t of ['inf', 'minus-zero', 'date']) expect(keptFrontMatter(t)).toBeUndefined();
  });

  it('reads a guide with kept values as it reads it from the YAML', () => {
    openFrontMatterStore(cacheDir(), 'options');
    const text = guide(VALID);
    const fresh = guideMetaOf('/g/en.md', text);
    expect(fresh).toMatchObject({ id: 'sample', lang: 'en', version: 2, reviewed: '2025-01-31', translatedFrom: { version: 1 } });
    expect(keptFrontMatter(VALID)).toBeDefined();
    expect(guideMetaOf('/g/en.md', text)).toEqual(fresh);
  });

  it('reports a problem the kept values have for another file from the YAML, at its place', () => {
    openFrontMatterStore(cacheDir(), 'options');
    const text = guide(VALID);
    guideMetaOf('/g/en.md', text);
    expect(keptFrontMatter(VALID)).toBeDefined();
    const withStore = new Diagnostics();
    parse('/g/fr.md', text, withStore);
    resetFrontMatterStore();
    const without = new Diagnostics();
    parse('/g/fr.md', text, without);
    expect(without.list.map((d) => d.ruleId)).toContain('guide-lang-mismatch');
    expect(withStore.list).toEqual(without.list);
  });

  it('keeps nothing for front matter with an error', () => {
    openFrontMatterStore(cacheDir(), 'options');
    const bad = 'id: Not A Slug\ntitle: x\nlang: en\nversion: 1';
    expect(guideMetaOf('/g/en.md', guide(bad))).toBeUndefined();
    expect(keptFrontMatter(bad)).toBeUndefined();
    const tagged = 'id: a\ntitle: !custom x\nlang: en\nversion: 1';
    expect(guideMetaOf('/g/en.md', guide(tagged))).toBeUndefined();
    expect(keptFrontMatter(tagged)).toBeUndefined();
  });

  it('keeps the values across processes in a private file of the cache folder, read once', () => {
    const dir = cacheDir();
    openFrontMatterStore(dir, 'options');
    guideMetaOf('/g/en.md', guide(VALID));
    expect(saveFrontMatterStore()).toBe(true);
    expect(saveFrontMatterStore()).toBe(false); // nothing new
    const [file] = readdirSync(dir).filter((f) => f.startsWith('front-matter-'));
    expect(statSync(path.join(dir, file!)).mode & 0o777).toBe(0o600);
    resetFrontMatterStore(); // a new process
    expect(keptFrontMatter(VALID)).toBeUndefined();
    openFrontMatterStore(dir, 'options');
    expect(keptFrontMatter(VALID)).toMatchObject({ id: 'sample', version: 2 });
    resetFrontMatterStore();
    openFrontMatterStore(dir, 'other options'); // another file: other values
    expect(keptFrontMatter(VALID)).toBeUndefined();
  });

  it('ignores a corrupt or foreign file and writes it again', () => {
    const dir = cacheDir();
    openFrontMatterStore(dir, 'options');
    keepFrontMatter('a: 1', { a: 1 });
    saveFrontMatterStore();
    const file = path.join(
      dir,
      readdirSync(dir).find((f) => f.startsWith('front-matter-'))!,
    );
    for (const junk of ['{not json', JSON.stringify({ format: 99, entries: [['a: 1', { a: 2 }]] }), '[]']) {
      writeFileSync(file, junk, { mode: 0o600 });
      resetFrontMatterStore();
      openFrontMatterStore(dir, 'options');
      expect(keptFrontMatter('a: 1')).toBeUndefined();
    }
    keepFrontMatter('a: 1', { a: 1 });
    expect(saveFrontMatterStore()).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ format: 1, entries: [['a: 1', { a: 1 }]] });
  });
});
