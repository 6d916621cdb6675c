/**
 * Quotes and callouts: a long one is split line by line through the flow
 * builder, and what it holds keeps its page rules — a table inside
 * `:::note` repeats its header on every page, as it does outside.
 */
import { describe, expect, it } from 'vitest';
import { layoutGuide } from '../quality/page-quality.js';
import type { PagedDocument, TextItem } from '../../../src/types/paged.js';

const FRONT = '---\nid: t\ntitle: Table in a callout\nlang: en\nversion: 1\n---\n\n';
const TABLE = [
  '| Medicine | Dose | When |',
  '| --- | --- | --- |',
  ...Array.from({ length: 120 }, (_, i) => `| Row${i + 1} medicine | ${i + 1} mg | morning |`),
].join('\n');

/** For every page, whether it shows the header cell `Medicine` and the table rows it holds. */
function pagesOf(paged: PagedDocument): { header: number; rows: number; headerAboveRows: boolean }[] {
  return paged.pages.map((p) => {
    const texts = p.items.filter((i): i is TextItem => i.kind === 'text');
    const headers = texts.filter((t) => t.text === 'Medicine');
    const rows = texts.filter((t) => /^Row\d+ medicine$/.test(t.text));
    const topRow = Math.min(...rows.map((r) => r.y));
    return { header: headers.length, rows: rows.length, headerAboveRows: headers.every((h) => h.y < topRow) };
  });
}

describe('quote/callout layout', () => {
  it('repeats a table header on every page of a 120-row table inside :::note, as outside a callout', async () => {
    const inside = await layoutGuide('content/guides/t/en.md', `${FRONT}:::note\n${TABLE}\n:::\n`);
    const outside = await layoutGuide('content/guides/t/en.md', `${FRONT}${TABLE}\n`);
    expect(inside.diags.list.filter((d) => d.severity === 'error')).toEqual([]);
    const pages = pagesOf(inside.paged!).filter((p) => p.rows > 0);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const p of pages) {
      expect(p.header).toBe(1);
      expect(p.headerAboveRows).toBe(true);
    }
    expect(pages.reduce((n, p) => n + p.rows, 0)).toBe(120); // no row lost or doubled
    const plain = pagesOf(outside.paged!).filter((p) => p.rows > 0);
    expect(plain.every((p) => p.header === 1)).toBe(true);
  });
});
