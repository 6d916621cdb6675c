/**
 * Consecutive text items on a page share one text object (`src/render/render.ts`,
 * `pdf-adapter/glyph-text.ts`). This keeps that change checkable: each guide is rendered
 * both ways (`textObjects: false` draws every item in its own `q … BT … ET Q`, as before)
 * and the two PDFs must place the same glyphs at the same positions in the same font, size,
 * colour and marked content (MCIDs, artifacts, ActualText spans), break no nesting rule of
 * text objects, and otherwise hold the same objects (structure tree, fonts, ToUnicode,
 * annotations); MuPDF must extract the same text and render the same pixels.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
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
import { readObjects } from '../helpers/pdf-expand.js';
import { extractPageTexts, renderPagePng } from '../helpers/pdf-read.js';
import { readContent, type ContentReading, type TextShow } from '../helpers/content-ops.js';

const SETTINGS = Object.freeze({ ...defaultSettings(), sourceDateEpoch: null });

let brand: Brand;
beforeAll(async () => {
  brand = (await loadClinic(sampleClinicPath(), new Diagnostics(), nodeWorld))!;
  expect(brand).toBeDefined();
});

async function paged(guide: string): Promise<PagedDocument> {
  const file = path.resolve(guide);
  const diags = new Diagnostics();
  const parsed = parse(file, readFileSync(file, 'utf8'), diags)!;
  const resolved = (await resolve({ doc: parsed, brand, world: nodeWorld, roots: [path.dirname(file)] }, SETTINGS, diags))!;
  const tree = applyTemplate({ doc: resolved, world: nodeWorld }, SETTINGS, diags)!;
  const doc = layout({ tree, fonts: sharedFontBook() }, SETTINGS, diags)!;
  expect(diags.hasErrors, diags.list.map((d) => d.message).join('\n')).toBe(false);
  return doc;
}

/** Each page's content stream (inflated), by page order, and every other object's text by number. */
function split(pdf: Buffer): { pages: string[]; others: Map<number, string> } {
  const { objects } = readObjects(pdf);
  const text = (n: number): string => {
    const o = objects.get(n)!;
    return 'value' in o ? o.value : `${o.dict}\n${o.data.toString('latin1')}`;
  };
  const contents = new Set<number>();
  const pageObjects = [...objects.keys()].filter((n) => /\/Type \/Page\n/.test(text(n)));
  const pages = pageObjects.map((n) => {
    const ref = Number(/\/Contents (\d+) 0 R/.exec(text(n))![1]);
    contents.add(ref);
    const o = objects.get(ref)!;
    if (!('dict' in o)) throw new Error(`page content ${ref} is not a stream`);
    return inflateSync(o.data).toString('latin1');
  });
  const others = new Map<number, string>();
  for (const n of objects.keys()) if (!contents.has(n)) others.set(n, text(n));
  return { pages, others };
}

/** The shows without their matrices, and the largest difference between the two lists' matrices. */
function compareShows(
  a: ContentReading,
  b: ContentReading,
): { a: Omit<TextShow, 'matrix'>[]; b: Omit<TextShow, 'matrix'>[]; drift: number } {
  const strip = (r: ContentReading): Omit<TextShow, 'matrix'>[] => r.shows.map(({ matrix: _m, ...s }) => s);
  let drift = 0;
  a.shows.forEach((s, i) => s.matrix.forEach((v, k) => (drift = Math.max(drift, Math.abs(v - (b.shows[i]?.matrix[k] ?? Infinity))))));
  return { a: strip(a), b: strip(b), drift };
}

const cases = [
  { name: 'seed guide (English)', guide: 'content/guides/first-ketamine-session/en.md', fillable: false, atMost: 0.25 },
  {
    name: 'seed guide (Arabic: right-to-left runs, mirrored brackets as ActualText)',
    guide: 'content/guides/first-ketamine-session/ar.md',
    fillable: false,
    atMost: 1,
  },
  {
    name: 'rich guide, fillable (links, underlines, tables, form fields)',
    guide: 'tests/fixtures/guides/rich/en.md',
    fillable: true,
    atMost: 0.6,
  },
];

describe('text items sharing text objects', () => {
  for (const c of cases) {
    it(`${c.name}: same glyphs, places, fonts, colours and marked content as one text object per item`, { timeout: 60_000 }, async () => {
      const doc = await paged(c.guide);
      const fonts = sharedFontBook();
      const shared = await render({ paged: doc, fonts, fillable: c.fillable }, SETTINGS);
      const alone = await render({ paged: doc, fonts, fillable: c.fillable, textObjects: false }, SETTINGS);
      const a = split(shared);
      const b = split(alone);
      expect(a.pages.length).toBe(doc.pages.length);
      expect(b.pages.length).toBe(doc.pages.length);
      let sharedObjects = 0;
      let aloneObjects = 0;
      a.pages.forEach((content, i) => {
        const ra = readContent(content);
        const rb = readContent(b.pages[i]!);
        expect(ra.violations, `page ${i + 1}`).toEqual([]);
        expect(rb.violations, `page ${i + 1}`).toEqual([]);
        expect(ra.shows.length, `page ${i + 1}`).toBeGreaterThan(0);
        const cmp = compareShows(ra, rb);
        expect(cmp.a, `page ${i + 1}`).toEqual(cmp.b);
        // the same text rendering matrices (the two forms write the baseline as h − y and as y, each to 6 decimals)
        expect(cmp.drift, `page ${i + 1}: largest difference of a text matrix entry`).toBeLessThan(1e-5);
        expect(content.length, `page ${i + 1}: shared is shorter`).toBeLessThan(b.pages[i]!.length);
        sharedObjects += ra.textObjects;
        aloneObjects += rb.textObjects;
      });
      // (right-to-left runs, drawn word by word, each keep a text object of their own: see beginTextObject)
      expect(sharedObjects, 'text objects shared').toBeLessThanOrEqual(aloneObjects * c.atMost);
      // everything but the page content is the same object for object
      expect(a.others).toEqual(b.others);
      expect(extractPageTexts(shared)).toEqual(extractPageTexts(alone));
      for (let p = 0; p < doc.pages.length; p++)
        expect(renderPagePng(shared, p, 60).equals(renderPagePng(alone, p, 60)), `page ${p + 1} pixels`).toBe(true);
    });
  }
});
