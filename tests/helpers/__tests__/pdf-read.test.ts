import { beforeAll, describe, expect, it } from 'vitest';
import { extractPageTexts, extractWords, listFonts, outline, pageSizes, renderPagePng } from '../pdf-read.js';
import { comparePng } from '../png-compare.js';
import { buildPdf, findElement } from './build-pdf.js';

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await buildPdf();
});

describe('extractPageTexts', () => {
  it('returns one string per page, in reading order, including artifacts', () => {
    const pages = extractPageTexts(pdf);
    expect(pages).toHaveLength(2);
    const [one, two] = pages.map((p) => p.replace(/\s+/g, ' '));
    expect(one).toContain('Clinic header');
    expect(one?.indexOf('First ketamine session')).toBeLessThan(one?.indexOf('Before you come') ?? -1);
    expect(one).toContain('bring a friend who can drive you home afterwards.');
    expect(two).toContain('Bring a driver home.');
    expect(two).not.toContain('First ketamine session');
  });
});

describe('extractWords', () => {
  it('gives word boxes in points with a top-left origin', () => {
    const words = extractWords(pdf);
    const heading = words.find((w) => w.text === 'First');
    expect(heading).toBeDefined();
    if (!heading) return;
    expect(heading.page).toBe(0);
    expect(heading.x0).toBeCloseTo(72, 0);
    // The heading was placed at y = 72 from the top; its box starts there and is about one line high.
    expect(heading.y0).toBeGreaterThanOrEqual(70);
    expect(heading.y1 - heading.y0).toBeGreaterThan(8);
    expect(heading.y1 - heading.y0).toBeLessThan(24);
    const ketamine = words.find((w) => w.text === 'ketamine' && w.page === 0);
    expect(ketamine && ketamine.x0 > heading.x1).toBe(true);
    const page2 = words.filter((w) => w.page === 1).map((w) => w.text);
    expect(page2).toEqual(['Page', '2', 'Bring', 'a', 'driver', 'home.']);
  });

  it('gives one box per character with granularity "char"', () => {
    const chars = extractWords(pdf, { granularity: 'char' }).filter((c) => c.page === 1);
    expect(chars.map((c) => c.text).join('')).toBe('Page2Bringadriverhome.');
    const bring = chars.slice(5, 10);
    for (let i = 1; i < bring.length; i++) expect(bring[i]!.x0).toBeGreaterThanOrEqual(bring[i - 1]!.x0);
  });
});

describe('pageSizes, listFonts, outline', () => {
  it('reports US Letter pages in points', () => {
    expect(pageSizes(pdf)).toEqual([
      { width: 612, height: 792 },
      { width: 612, height: 792 },
    ]);
  });

  it('lists the embedded Noto Sans font with its ToUnicode map', () => {
    const fonts = listFonts(pdf);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatchObject({ embedded: true, subtype: 'Type0', hasToUnicode: true });
    expect(fonts[0]?.name).toMatch(/^[A-Z]{6}\+NotoSans-Regular$/);
  });

  it('reports a font that lost its program and ToUnicode', async () => {
    const broken = await buildPdf({
      mutate: (d) => {
        d.findPage(0)
          .get('Resources', 'Font')
          .forEach((f) => {
            f.delete('ToUnicode');
            f.get('DescendantFonts', 0, 'FontDescriptor').delete('FontFile2');
          });
      },
    });
    expect(listFonts(broken)[0]).toMatchObject({ embedded: false, hasToUnicode: false });
  });

  it('flattens the outline with levels and 0-based pages', async () => {
    expect(outline(pdf)).toEqual([]);
    const withOutline = await buildPdf({
      mutate: (d) => {
        // Sanity: the document is tagged, so there is an H1 to bookmark.
        findElement(d, 'H1');
        const root = d.getTrailer().get('Root');
        const outlines = d.addObject(d.newDictionary());
        const top = d.addObject(d.newDictionary());
        const child = d.addObject(d.newDictionary());
        top.put('Title', d.newString('Top'));
        top.put('Parent', outlines);
        top.put('Dest', [d.findPage(0), d.newName('Fit')]);
        top.put('First', child);
        top.put('Last', child);
        top.put('Count', 1);
        child.put('Title', d.newString('Child'));
        child.put('Parent', top);
        child.put('Dest', [d.findPage(1), d.newName('Fit')]);
        outlines.put('First', top);
        outlines.put('Last', top);
        outlines.put('Count', 2);
        root.put('Outlines', outlines);
      },
    });
    expect(outline(withOutline)).toEqual([
      { title: 'Top', level: 1, page: 0 },
      { title: 'Child', level: 2, page: 1 },
    ]);
  });
});

describe('renderPagePng', () => {
  it('renders a page to a PNG of the requested resolution', async () => {
    const png = renderPagePng(pdf, 0, 36);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const sharp = (await import('sharp')).default;
    const meta = await sharp(png).metadata();
    expect(meta.width).toBe(306);
    expect(meta.height).toBe(396);
  });

  it('renders deterministically, and different pages differently', async () => {
    const a = renderPagePng(pdf, 0, 36);
    const again = await comparePng(a, renderPagePng(pdf, 0, 36));
    expect(again.differentPixels).toBe(0);
    const other = await comparePng(a, renderPagePng(pdf, 1, 36));
    expect(other.ratio).toBeGreaterThan(0.001);
  });

  it('rejects a page index out of range', () => {
    expect(() => renderPagePng(pdf, 2, 36)).toThrow(/out of range.*2 page/);
  });
});
