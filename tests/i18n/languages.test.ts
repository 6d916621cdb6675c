/**
 * The language corpus: Article 1 of the UDHR in about forty languages
 * (tests/fixtures/languages). Each builds with no error, every drawn glyph
 * comes from a bundled font (no .notdef), and the text MuPDF extracts from
 * the PDF equals the source after NFC normalisation and whitespace folding.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { defaultSettings } from '../../src/settings.js';
import { nodeWorld } from '../../src/world.js';
import { sampleClinicPath } from '../../src/build.js';
import { loadClinic } from '../../src/brand/load-clinic.js';
import { parse } from '../../src/parse/parse.js';
import { resolve } from '../../src/resolve/resolve.js';
import { applyTemplate } from '../../src/template/apply-template.js';
import { layout } from '../../src/layout/layout.js';
import { render } from '../../src/render/render.js';
import { sharedFontBook } from '../../src/layout/fonts/font-book.js';
import type { Brand } from '../../src/types/brand.js';
import type { PagedDocument } from '../../src/types/paged.js';
import { extractPageTexts } from '../helpers/pdf-read.js';
import { hasTool, pdftotext } from '../helpers/poppler.js';

/** Default settings with the date pinned to the fixed default (no SOURCE_DATE_EPOCH). */
const SETTINGS = Object.freeze({ ...defaultSettings(), sourceDateEpoch: null });

const dir = path.resolve('tests/fixtures/languages');
const langs = readdirSync(dir)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => f.slice(0, -3))
  .sort();

/** The paragraph of a fixture (the text after the front matter). */
function bodyOf(source: string): string {
  return source.split(/^---$/m)[2]!.trim();
}

/** NFC, no soft hyphens, no white space at all (line breaks in CJK/Thai text add white space the source lacks). */
function fold(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u00AD-]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/gu, '');
}

/**
 * Known gaps of the reader, not of the PDF: MuPDF (1.28) mis-handles
 * `/ActualText` when the glyphs' last character matches the actual text's
 * (it counts bytes for characters and repeats the tail: Khmer, Gurmukhi), puts
 * zero-width marks of right-to-left text at word ends in the wrong place
 * (Arabic tanween, Hebrew points, Urdu full stop), and drops U+200C. For these
 * the text layer must still hold exactly the source's characters (same
 * multiset), which catches missing or wrong ToUnicode entries.
 */
const READER_GAPS: Readonly<Record<string, string>> = {
  ar: 'zero-width mark order in RTL words',
  ur: 'Arabic full stop order at a word end',
  fa: 'U+200C dropped by MuPDF',
  yi: 'Hebrew point order in RTL words',
  km: 'MuPDF ActualText tail repeated',
  pa: 'MuPDF ActualText tail repeated',
};

/** Languages with a MuPDF gap that Poppler's `pdftotext -raw` reads back exactly. */
const POPPLER_EXACT: ReadonlySet<string> = new Set(['km', 'pa']);

function sortedChars(s: string): string {
  return [...s].sort().join('');
}

let brand: Brand;

beforeAll(async () => {
  const diags = new Diagnostics();
  brand = (await loadClinic(sampleClinicPath(), diags, nodeWorld))!;
  expect(brand).toBeDefined();
});

async function build(lang: string): Promise<{ paged: PagedDocument; pdf: Buffer; diags: Diagnostics; source: string }> {
  const file = path.join(dir, `${lang}.md`);
  const source = readFileSync(file, 'utf8');
  const diags = new Diagnostics();
  const parsed = parse(file, source, diags)!;
  const resolved = (await resolve({ doc: parsed, brand, world: nodeWorld, roots: [dir] }, SETTINGS, diags))!;
  const tree = applyTemplate({ doc: resolved, world: nodeWorld }, SETTINGS, diags)!;
  const paged = layout({ tree, fonts: sharedFontBook() }, SETTINGS, diags)!;
  const pdf = await render({ paged, fonts: sharedFontBook(), fillable: false }, SETTINGS);
  return { paged, pdf, diags, source };
}

describe('language corpus (UDHR article 1)', () => {
  it('covers the languages the issue lists', () => {
    for (const l of [
      'es',
      'zh-Hans',
      'zh-Hant',
      'vi',
      'tl',
      'ko',
      'ar',
      'ru',
      'ht',
      'pt',
      'fr',
      'pl',
      'hi',
      'ja',
      'fa',
      'ur',
      'bn',
      'pa',
      'km',
      'so',
      'am',
      'he',
      'yi',
      'ti',
      'ka',
      'hy',
      'lo',
      'my',
    ]) {
      expect(langs).toContain(l);
    }
    expect(langs.length).toBeGreaterThanOrEqual(40);
  });

  it.each(langs)('%s builds, draws every glyph from a bundled font and reads back', async (lang) => {
    const { paged, pdf, diags, source } = await build(lang);
    expect(diags.list.filter((d) => d.severity === 'error')).toEqual([]);
    const fonts = sharedFontBook();
    for (const page of paged.pages) {
      for (const item of page.items) {
        if (item.kind !== 'text') continue;
        const glyphs = fonts.font(item.font).layout(item.text).glyphs;
        const missing = glyphs.filter((g) => g.id === 0);
        expect(missing, `${lang}: .notdef in ${item.font} for ${JSON.stringify(item.text)}`).toEqual([]);
      }
    }
    const text = extractPageTexts(pdf).join('\n');
    const body = fold(bodyOf(source));
    if (!READER_GAPS[lang]) {
      expect(fold(text)).toContain(body);
      return;
    }
    // where MuPDF has a known gap, Poppler (a second independent reader) must read the text back exactly if it can
    if (POPPLER_EXACT.has(lang) && hasTool('pdftotext')) {
      expect(fold(pdftotext(pdf, { mode: 'raw' }))).toContain(body);
      return;
    }
    // the paragraph's characters, as a multiset, are all there (the chrome around it is English or the UI locale)
    const joined = fold(text);
    const bodyChars = sortedChars(body.replace(/\u200C/g, ''));
    const found = [...bodyChars]
      .filter((c, i, a) => a.indexOf(c) === i)
      .every((c) => [...joined].filter((x) => x === c).length >= [...bodyChars].filter((x) => x === c).length);
    expect(found, `${lang}: every character of the source reads back`).toBe(true);
  });
});
