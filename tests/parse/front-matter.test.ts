/**
 * `src/parse/front-matter.ts`: the language a guide's file name declares. Tags of the shipped languages skip ICU's
 * display names (made only when another language is met); the answer is the one ICU gives for every tag.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHIPPED_LANGUAGES, languageOfFileName } from '../../src/parse/front-matter.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The answer with ICU asked for every tag (what `languageOfFileName` did before it knew the shipped languages). */
function byIcu(file: string): string | undefined {
  const base = path.basename(file).replace(/\.md$/i, '');
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(base)) return undefined;
  try {
    const tag = Intl.getCanonicalLocales(base)[0];
    const primary = tag?.split('-')[0];
    return tag && primary && names.of(primary) !== undefined ? tag : undefined;
  } catch {
    return undefined;
  }
}

describe('languageOfFileName', () => {
  it('knows the shipped languages as ICU does', () => {
    const shipped = new Set(readdirSync(path.join(root, 'locales')).map((f) => f.replace(/\.json$/, '').split('-')[0]!));
    expect([...SHIPPED_LANGUAGES].sort()).toEqual([...shipped].sort());
    for (const lang of SHIPPED_LANGUAGES) expect(names.of(lang), lang).toBeDefined();
  });

  it('gives ICU’s answer for every two-letter tag, and for regions, scripts and other names', () => {
    const files: string[] = ['guide.md', 'toc.md', 'EN.md', 'pt-BR.md', 'zh-Hans.md', 'sr-Latn-RS.md', 'iw.md', 'in.md', 'haw.md'];
    files.push('xx.md', 'qaa.md', 'en-US-x.md', 'e.md', 'en_US.md', 'abcd.md');
    for (let a = 97; a <= 122; a++) for (let b = 97; b <= 122; b++) files.push(`${String.fromCharCode(a, b)}.md`);
    for (const file of files) expect(languageOfFileName(path.join('guides', 'g', file)), file).toBe(byIcu(file));
    expect(languageOfFileName('es.md')).toBe('es');
    expect(languageOfFileName('guide.md')).toBeUndefined();
  });
});
