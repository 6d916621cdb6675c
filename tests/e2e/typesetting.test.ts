/**
 * Print quality on adversarial guides (tests/fixtures/stress): page breaks,
 * margins, repeated table headers and the outline, checked on the positioned
 * page items and, independently, on the PDF through MuPDF.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/build.js';
import { extractPageTexts, extractWords, outline, type PdfWord } from '../helpers/pdf-read.js';
import { checkPdfUa } from '../helpers/pdfua-check.js';
import { checkPages, layoutGuide, type QualityViolation } from '../layout/quality/page-quality.js';

const STRESS = path.join('tests', 'fixtures', 'stress');
const STRESS_GUIDES = readdirSync(STRESS)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => path.join(STRESS, f));
const SEED = path.join('content', 'guides', 'first-ketamine-session', 'en.md');
const BUNDLED = [...STRESS_GUIDES, SEED];

/** Heading texts of a guide's Markdown (ATX headings). */
function headingsOf(file: string): { level: number; text: string }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ level: m[1]!.length, text: m[2]! }));
}

describe('page quality of the bundled fixtures (positioned items)', () => {
  const results: { file: string; pages: number; violations: QualityViolation[]; fills: number[] }[] = [];

  beforeAll(async () => {
    for (const file of BUNDLED) {
      const { paged, tree, diags } = await layoutGuide(file);
      if (!paged || !tree) throw new Error(`${file} did not lay out: ${diags.list.map((d) => d.message).join('; ')}`);
      const { margin, height } = tree.page;
      const body = height - margin.top - margin.bottom;
      // How far down each page (but the last) the body content reaches, as a fraction of the body height.
      const fills = paged.pages.slice(0, -1).map((p) => {
        const bottoms = p.items.flatMap((i) =>
          i.owner === null ? [] : i.kind === 'image' ? [i.y + i.height] : i.kind === 'text' ? [i.y] : [],
        );
        return (Math.max(margin.top, ...bottoms) - margin.top) / body;
      });
      results.push({ file, pages: paged.pages.length, violations: checkPages(paged, tree.page), fills });
    }
  });

  it('has a page-quality figure of zero rule-breaking breaks per 100 pages', () => {
    const pages = results.reduce((s, r) => s + r.pages, 0);
    const violations = results.flatMap((r) => r.violations.map((v) => `${r.file} p${v.page + 1}: ${v.rule} ${v.detail}`));
    const figure = (violations.length * 100) / pages;
    console.log(
      `page quality: ${violations.length} rule-breaking breaks on ${pages} pages = ${figure.toFixed(2)} per 100 pages (${results.length} guides)`,
    );
    expect(pages).toBeGreaterThan(40);
    expect(violations).toEqual([]);
    expect(figure).toBe(0);
  });

  it('fills the pages: keep rules do not push content around wholesale', () => {
    // Guard against "solving" keeps by pushing everything to new pages: the mean fill of pages that end
    // at a chosen break (not the last page of a guide) stays high.
    const fills = results.flatMap((r) => r.fills);
    const mean = fills.reduce((a, b) => a + b, 0) / fills.length;
    console.log(`mean fill of non-final pages: ${(mean * 100).toFixed(1)}% over ${fills.length} pages`);
    expect(fills.length).toBeGreaterThan(30);
    expect(mean).toBeGreaterThan(0.85);
  });
});

describe('stress PDFs read back with MuPDF', () => {
  const pdfs = new Map<string, Buffer>();

  beforeAll(async () => {
    for (const file of STRESS_GUIDES) {
      const r = await buildHandout({ guide: file });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (!r.pdf || errors.length > 0) throw new Error(`${file}: ${errors.map((d) => d.message).join('; ')}`);
      pdfs.set(file, r.pdf);
    }
  });

  it('keeps every word box inside the page margins', () => {
    for (const [file, pdf] of pdfs) {
      const outside = extractWords(pdf).filter((w: PdfWord) => w.x0 < 60 - 1 || w.x1 > 612 - 60 + 1);
      expect(outside.map((w) => `${file} p${w.page + 1} ${w.text} ${w.x0.toFixed(1)}–${w.x1.toFixed(1)}`)).toEqual([]);
    }
  });

  it('never ends a page with a heading line', () => {
    for (const [file, pdf] of pdfs) {
      const headings = new Set(headingsOf(file).map((h) => h.text));
      const words = extractWords(pdf);
      const pages = extractPageTexts(pdf).length;
      for (let p = 0; p < pages - 1; p++) {
        // Body words only: above the footer region (bottom margin 78pt on letter).
        const body = words.filter((w) => w.page === p && w.y1 < 792 - 78 + 2);
        const lastTop = Math.max(...body.map((w) => w.y0));
        const lastLine = body
          .filter((w) => Math.abs(w.y0 - lastTop) < 2)
          .sort((a, b) => a.x0 - b.x0)
          .map((w) => w.text)
          .join(' ');
        expect(headings.has(lastLine), `${file} page ${p + 1} ends with heading "${lastLine}"`).toBe(false);
      }
    }
  });

  it('repeats the table header row at the top of every page a table continues on', () => {
    const pdf = pdfs.get(path.join(STRESS, 'tables.md'))!;
    const texts = extractPageTexts(pdf);
    const withRows = texts
      .map((t, i) => ({ i, t }))
      .filter(({ t }) => /\n(?:[2-9]|[1-5]\d|60)\n\d{1,2}:00\n/.test(t) || /\d{1,2}:00/.test(t));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const { i, t } of withRows) {
      const header = t.indexOf('Day\nTime\nDose\nNotes');
      const firstRow = t.search(/\d{1,2}:00/);
      expect(header, `page ${i + 1} has the dosing table header`).toBeGreaterThanOrEqual(0);
      expect(header).toBeLessThan(firstRow);
    }
    const symptomPages = texts.filter((t) => /(?:Nausea|Dizziness|Headache|Anxiety|Blurred vision) \d+/.test(t));
    expect(symptomPages.length).toBeGreaterThanOrEqual(2);
    for (const t of symptomPages) expect(t).toMatch(/Symptom\s+When to call/);
  });

  it('has an outline that matches the headings of the guide', () => {
    for (const [file, pdf] of pdfs) {
      const expected = headingsOf(file).map((h) => h.text.replace(/\*\*|`/g, ''));
      const title = /^title: "(.*)"$/m.exec(readFileSync(file, 'utf8'))![1]!;
      // The title (H1 from the template) may come first; the TOC heading is not in the outline.
      const got = outline(pdf)
        .map((e) => e.title)
        .filter((t, i) => !(i === 0 && t === title));
      expect(got, file).toEqual(expected);
      expect(outline(pdf).every((e) => e.page >= 0)).toBe(true);
    }
  });

  it('prints a table of contents with page numbers that match the outline', () => {
    const pdf = pdfs.get(path.join(STRESS, 'headings.md'))!;
    const entries = outline(pdf).filter((e) => e.title !== 'Headings Near Page Ends');
    const text = extractPageTexts(pdf).slice(0, 3).join('\n');
    expect(text).toContain('Contents');
    for (const e of entries.slice(0, 10)) {
      const line = text.split('\n').findIndex((l) => l.startsWith(e.title));
      expect(line, e.title).toBeGreaterThanOrEqual(0);
    }
    // Every entry's number is the page its heading landed on.
    const words = extractWords(pdf).filter((w) => w.page <= 2);
    const numbers = words.filter((w) => /^\d+$/.test(w.text) && w.x1 > 612 - 60 - 2 && w.y1 < 792 - 78);
    const expected = entries.map((e) => String(e.page + 1));
    expect(numbers.map((w) => w.text)).toEqual(expected);
  });

  it('passes the PDF/UA checker, table of contents and shrunk tables included', () => {
    for (const [file, pdf] of pdfs) expect(checkPdfUa(pdf), file).toEqual([]);
  });
});
