import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { defaultSettings } from '../../src/settings.js';
import { layout } from '../../src/layout/layout.js';
import { sharedFontBook } from '../../src/layout/fonts/font-book.js';
import type { Block, HeadingBlock, LayoutTree, TextStyle, TocBlock } from '../../src/types/layout-tree.js';
import type { TextItem } from '../../src/types/paged.js';

const PLACE = { file: 'g.md', line: 1, column: 1 };
const BODY: TextStyle = { face: 'regular', size: 10.5, leading: 15, color: '#222222', strike: false, underline: false };
const PAGE = {
  width: 612,
  height: 792,
  margin: { top: 90, right: 60, bottom: 80, left: 60 },
  header: [],
  headerHeight: 0,
  footer: [],
  footerHeight: 0,
};

function heading(text: string, level = 2): HeadingBlock {
  return {
    kind: 'heading',
    level,
    inlines: [{ kind: 'text', text, style: { ...BODY, face: 'bold' } }],
    anchor: text.toLowerCase().replace(/ /g, '-'),
    text,
    space: { before: 12, after: 6 },
    place: PLACE,
    lang: 'en',
    outline: true,
  };
}

function tree(titles: readonly string[]): LayoutTree {
  const toc: TocBlock = {
    kind: 'toc',
    entries: titles.map((t, i) => ({
      inlines: [{ kind: 'text', text: t, style: BODY }],
      text: t,
      anchor: t.toLowerCase().replace(/ /g, '-'),
      level: i % 3 === 2 ? 3 : 2,
    })),
    style: BODY,
    indent: 12,
    entryGap: 3,
    leaderColor: '#555555',
    space: { before: 0, after: 18 },
    place: PLACE,
    lang: 'en',
  };
  const body: Block[] = [toc];
  titles.forEach((t, i) => {
    body.push(heading(t, i % 3 === 2 ? 3 : 2));
    if (i % 2 === 1) body.push({ kind: 'pagebreak', place: PLACE });
    body.push({
      kind: 'paragraph',
      inlines: [{ kind: 'text', text: 'Some text under the heading, long enough for a line or two of body copy.', style: BODY }],
      align: 'start',
      space: { before: 0, after: 9 },
      place: PLACE,
      lang: 'en',
      hyphenate: true,
    });
  });
  return { page: PAGE, body, info: { title: 'T', lang: 'en', author: 'A', subject: 'S', created: new Date(0), direction: 'ltr' } };
}

describe('table of contents', () => {
  it('fills each entry with the page its heading landed on, right-aligned at the margin, linked and tagged', () => {
    const titles = ['Before', 'During the session', 'Nausea', 'After', 'Side effects'];
    const doc = layout({ tree: tree(titles), fonts: sharedFontBook() }, defaultSettings(), new Diagnostics())!;
    const first = doc.pages[0]!.items;
    const numbers = first.filter((i): i is TextItem => i.kind === 'text' && /^\d+$/.test(i.text));
    const expected = titles.map((t) => String(doc.anchors.get(t.toLowerCase().replace(/ /g, '-'))!.page + 1));
    expect(numbers.map((n) => n.text)).toEqual(expected);
    expect(new Set(expected).size).toBeGreaterThan(1);
    for (const n of numbers) expect(n.x + n.width).toBeCloseTo(612 - 60, 3);
    const links = first.filter((i) => i.kind === 'link' && i.target.kind === 'anchor');
    expect(links.length).toBeGreaterThanOrEqual(titles.length);
    const roles = doc.structure.map((n) => n.role);
    expect(roles.filter((r) => r === 'TOC')).toHaveLength(1);
    expect(roles.filter((r) => r === 'TOCI')).toHaveLength(titles.length);
    // Leaders are artifacts, and line up on one grid.
    const leaders = first.filter((i): i is TextItem => i.kind === 'text' && i.text.startsWith('.'));
    expect(leaders.length).toBe(titles.length);
    expect(leaders.every((l) => l.owner === null)).toBe(true);
    const ends = leaders.map((l) => Math.round((l.x + l.width) * 10));
    expect(new Set(ends).size).toBe(1);
  });

  it('reserves the same height whatever the page numbers are', () => {
    const short = layout({ tree: tree(['A', 'B']), fonts: sharedFontBook() }, defaultSettings(), new Diagnostics())!;
    const many = layout(
      { tree: tree(Array.from({ length: 24 }, (_, i) => `Section ${i + 1}`)), fonts: sharedFontBook() },
      defaultSettings(),
      new Diagnostics(),
    )!;
    const entryTops = (doc: typeof short) =>
      doc.pages[0]!.items.filter((i): i is TextItem => i.kind === 'text' && /^(A|B|Section 1|Section 2)$/.test(i.text)).map((i) => i.y);
    const a = entryTops(short);
    const b = entryTops(many);
    expect(a[1]! - a[0]!).toBeCloseTo(b[1]! - b[0]!, 6);
    expect(many.pages.length).toBeGreaterThan(9);
  });
});
