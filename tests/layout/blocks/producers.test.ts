/**
 * Producer-level page-break tests: the flow (boxes, glue, penalties) that
 * block handlers emit, and the paginator's decisions on it. Real fonts, no PDF.
 */
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../src/diagnostics.js';
import { FlowBuilder } from '../../../src/layout/flow.js';
import { layoutBlocks, keepLinesAfter } from '../../../src/layout/blocks/index.js';
import type { BlockContext } from '../../../src/layout/blocks/context.js';
import { fitTable } from '../../../src/layout/blocks/table.js';
import { Measurer } from '../../../src/layout/fonts/measure.js';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { paginate, type FlowItem } from '../../../src/layout/paginate.js';
import { StructureBuilder } from '../../../src/layout/structure.js';
import type { Block, HeadingBlock, ImageBlock, ParagraphBlock, TableBlock, TextStyle } from '../../../src/types/layout-tree.js';

const measurer = new Measurer(sharedFontBook());
const PLACE = { file: 'g.md', line: 1, column: 1 };
const BODY: TextStyle = { face: 'regular', size: 10.5, leading: 15, color: '#222222', strike: false, underline: false };
const WIDTH = 468;

function ctx(bodyHeight = 600): BlockContext {
  return { measurer, diags: new Diagnostics(), structure: new StructureBuilder(), bodyHeight, tagged: true, direction: 'ltr' };
}

const words = (n: number): string =>
  Array.from({ length: n }, (_, i) => ['care', 'session', 'provider', 'dose', 'comfort'][i % 5]).join(' ');

function para(text: string): ParagraphBlock {
  return {
    kind: 'paragraph',
    inlines: [{ kind: 'text', text, style: BODY }],
    align: 'start',
    space: { before: 0, after: 9 },
    place: PLACE,
    lang: 'en',
    hyphenate: true,
  };
}

function heading(text: string, level = 2): HeadingBlock {
  const style = { ...BODY, face: 'bold' as const, size: 15, leading: 20 };
  return {
    kind: 'heading',
    level,
    inlines: [{ kind: 'text', text, style }],
    anchor: text.toLowerCase(),
    text,
    space: { before: 18, after: 6 },
    place: PLACE,
    lang: 'en',
    outline: true,
  };
}

function table(rows: number, cell: (r: number, c: number) => string, cols = 3): TableBlock {
  const row = (r: number) => ({
    cells: Array.from({ length: cols }, (_, c) => ({
      inlines: [{ kind: 'text' as const, text: cell(r, c), style: { ...BODY, size: 9.5, leading: 13 } }],
      align: 'start' as const,
    })),
    place: { ...PLACE, line: r + 2 },
  });
  return {
    kind: 'table',
    header: row(-1),
    rows: Array.from({ length: rows }, (_, r) => row(r)),
    borderColor: '#CCCCCC',
    headerBackground: '#EEEEEE',
    cellPadding: 4,
    space: { before: 0, after: 9 },
    place: PLACE,
    lang: 'en',
  };
}

function flowOf(blocks: readonly Block[], c = ctx()): FlowBuilder {
  const flow = new FlowBuilder();
  layoutBlocks(blocks, flow, { x: 0, width: WIDTH, parent: 0 }, c);
  return flow;
}

/** The flow as a compact string: B = box, g = glue, 0/∞/-∞ = penalty cost. */
function shape(items: readonly FlowItem[]): string {
  return items
    .map((it) =>
      it.kind === 'box'
        ? 'B'
        : it.kind === 'glue'
          ? 'g'
          : it.kind === 'penalty'
            ? it.cost === Infinity
              ? '∞'
              : it.cost === -Infinity
                ? '-∞'
                : '0'
            : it.kind === 'repeat-start'
              ? '['
              : ']',
    )
    .join(' ');
}

describe('keep rules in the producers', () => {
  it('keeps a heading with two lines even when the paragraph after it has one line', () => {
    const flow = flowOf([heading('Side effects'), para('One short line.'), para(words(30)), para('Last.')]);
    // heading ∞ line ∞(kept: second line) line ∞(orphan) line 0 line ...
    const s = shape(flow.items);
    expect(s.startsWith('B ∞ g B ∞ g B ∞ B')).toBe(true);
    const rules = flow.items.filter((i) => i.kind === 'penalty' && i.rule === 'keep-with-next');
    expect(rules.length).toBe(2);
  });

  it('does not extend the keep past two lines of a long paragraph', () => {
    const flow = flowOf([heading('Dosing'), para(words(120))]);
    const s = shape(flow.items);
    // heading ∞ line1 ∞ line2, then free breaks inside the paragraph.
    expect(s.startsWith('B ∞ g B ∞ B 0 B')).toBe(true);
  });

  it('counts only non-heading lines: a heading run keeps with two lines of text', () => {
    const flow = flowOf([heading('Part'), heading('Chapter', 3), para('Only line.'), para('Next line.'), para('Free after.')]);
    expect(shape(flow.items)).toBe('B ∞ g B ∞ g B ∞ g B 0 g B');
  });

  it('moves a heading to the next page rather than leaving it with one line at the bottom', () => {
    const flow = flowOf([para(words(40)), heading('Side effects'), para('One short line.'), para('Another line.')]);
    const lines = flow.items.filter((i) => i.kind === 'box').length;
    // Page tall enough for everything but the very last line.
    const total = flow.height;
    const result = paginate(flow.items, { pageHeight: total - 5 });
    expect(result.pages.length).toBe(2);
    const headingRef = 4; // 4 lines of the first paragraph, then the heading
    expect(lines).toBe(7);
    expect(result.pages[1]!.boxes[0]!.ref).toBe(headingRef);
    expect(result.violations).toEqual([]);
  });

  it('keepLinesAfter turns free breaks into keeps until the line count is reached', () => {
    const flow = new FlowBuilder();
    const line = (y: number) => ({
      height: 15,
      items: [
        {
          kind: 'text' as const,
          x: 0,
          y,
          width: 10,
          text: 'x',
          font: 'f',
          size: 10,
          color: '#000000' as const,
          wordSpacing: 0,
          direction: 'ltr' as const,
          underline: false,
          strike: false,
          owner: null,
        },
      ],
      marks: [],
    });
    flow.box(line(11));
    flow.penalty(0);
    flow.box(line(11));
    flow.penalty(0);
    flow.box(line(11));
    flow.penalty(0);
    expect(keepLinesAfter(flow, 1, 2, new Set())).toBe(true);
    expect(shape(flow.items)).toBe('B ∞ B ∞ B 0');
  });

  it('gives a forced break (::pagebreak) a -∞ penalty and ends the keep', () => {
    const flow = flowOf([para('Before.'), { kind: 'pagebreak', place: PLACE }, para('After.')]);
    expect(shape(flow.items)).toBe('B -∞ B');
    expect(paginate(flow.items, { pageHeight: 600 }).pages.length).toBe(2);
  });
});

describe('tables', () => {
  it('emits the header before the repeat group, keeps it with the first row, and repeats it', () => {
    const flow = flowOf([table(40, (r, c) => (r < 0 ? `Head ${c}` : `row ${r} cell ${c}`))]);
    expect(shape(flow.items).slice(0, 11)).toBe('B [ ∞ B 0 B');
    const result = paginate(flow.items, { pageHeight: 300 });
    expect(result.pages.length).toBeGreaterThan(1);
    for (const page of result.pages.slice(1)) {
      expect(page.boxes[0]!.repeated).toBe(true);
      expect(page.boxes[0]!.ref).toBe(0);
    }
    expect(result.violations).toEqual([]);
  });

  it('shrinks the font of a table too wide for the column, then squeezes it, and stays inside', () => {
    const long = 'Supercalifragilisticexpialidocious';
    const c = ctx();
    const fitted = fitTable(
      table(2, (r, col) => `${long}${r}${col}`, 6),
      WIDTH,
      c,
    );
    expect(fitted.scale).toBeLessThan(1);
    expect(fitted.widths.reduce((a, w) => a + w, 0)).toBeLessThanOrEqual(WIDTH + 0.01);

    const flow = flowOf([table(2, (r, col) => `${long}${r}${col}`, 6)], c);
    const rules = c.diags.list.map((d) => d.ruleId);
    expect(rules).toContain('table-too-wide');
    for (const f of flow.fragments) {
      for (const it of f.items) if (it.kind === 'text') expect(it.x + it.width).toBeLessThanOrEqual(WIDTH + 0.5);
    }
  });

  it('gives a column its longest word rather than hyphenating it while another column has room (“Day of proce-dure”)', () => {
    const long =
      'Bring a list of your medicines, your photo ID and your insurance card, and plan a ride home with a friend or relative who can stay with you for the evening.';
    const t = table(3, (r, col) => (r < 0 ? ['Day of procedure', 'What to do', 'Notes'][col]! : col === 0 ? 'Mon' : long));
    const c = ctx();
    const { widths } = fitTable(t, WIDTH, c);
    const first = widths[0]!;
    const flow = flowOf([t], c);
    const header = flow.fragments[0]!.items.filter((i) => i.kind === 'text' && i.x < first);
    const text = header.map((i) => (i.kind === 'text' ? i.text : '')).join('|');
    expect(text).toContain('procedure');
    expect(text).not.toMatch(/-|\u00AD/);
    // the words still fit: no text item runs past its cell
    for (const i of header) if (i.kind === 'text') expect(i.x + i.width).toBeLessThanOrEqual(first);
  });

  it('keeps hyphenation when even the longest words do not fit side by side', () => {
    const word = 'Incomprehensibilities';
    const t = table(1, (r, col) => (r < 0 ? `${word} ${col}` : `${word} ${word} ${col}`), 6);
    const c = ctx();
    const { widths, scale } = fitTable(t, WIDTH, c);
    expect(scale).toBe(1);
    expect(widths.reduce((a, w) => a + w, 0)).toBeCloseTo(WIDTH, 1);
  });

  it('does not shrink or warn for a table that fits', () => {
    const c = ctx();
    const fitted = fitTable(
      table(3, (r, col) => `r${r}c${col}`),
      WIDTH,
      c,
    );
    expect(fitted.scale).toBe(1);
    flowOf([table(3, (r, col) => `r${r}c${col}`)], c);
    expect(c.diags.list).toEqual([]);
  });
});

describe('images', () => {
  const img = (w: number, h: number): ImageBlock => ({
    kind: 'image',
    image: { data: Buffer.alloc(0), format: 'png', width: w, height: h, key: `k${w}x${h}` },
    alt: 'A chart',
    decorative: false,
    maxWidth: WIDTH,
    align: 'center',
    space: { before: 0, after: 9 },
    place: PLACE,
  });

  it('scales an image to the column keeping its aspect ratio', () => {
    const flow = flowOf([img(1600, 400)]);
    const it = flow.fragments[0]!.items[0]!;
    expect(it.kind).toBe('image');
    if (it.kind !== 'image') return;
    expect(it.width).toBeCloseTo(WIDTH);
    expect(it.height).toBeCloseTo(WIDTH / 4);
  });

  it('prints an image at the width its author gave: a share of the column, or a length (at most the column)', () => {
    const widthOf = (b: ImageBlock, c = ctx()): number => {
      const item = flowOf([b], c).fragments[0]!.items[0]!;
      return item.kind === 'image' ? item.width : NaN;
    };
    // 320 px is 240 pt at its natural size; a share of the column may print it larger
    expect(widthOf(img(320, 160))).toBeCloseTo(240);
    expect(widthOf({ ...img(320, 160), printWidth: { fraction: 0.75 } })).toBeCloseTo(WIDTH * 0.75);
    expect(widthOf({ ...img(1600, 400), printWidth: { fraction: 0.25 } })).toBeCloseTo(WIDTH / 4);
    expect(widthOf({ ...img(1600, 400), printWidth: { points: 144 } })).toBeCloseTo(144);
    const c = ctx();
    expect(widthOf({ ...img(1600, 400), printWidth: { points: 720 } }, c)).toBeCloseTo(WIDTH);
    expect(c.diags.list.map((d) => d.ruleId)).toEqual(['image-too-wide']);
  });

  it('tells the author of a blurry guide image how wide it prints sharp; a logo gets no such hint', () => {
    const c = ctx();
    flowOf(
      [
        { ...img(300, 150), printWidth: { fraction: 1 }, inGuide: true },
        { ...img(300, 150), printWidth: { fraction: 1 }, place: { ...PLACE, line: 2 } },
      ],
      c,
    );
    expect(c.diags.list.map((d) => [d.ruleId, d.hint])).toEqual([
      ['image-low-resolution', 'or print it smaller: at most 50mm wide, e.g. `{width=50mm}`'],
      ['image-low-resolution', undefined],
    ]);
  });

  it('scales an image taller than the page down with a warning, leaving room for its heading', () => {
    const c = ctx(600);
    const flow = flowOf([heading('Chart'), img(300, 2400)], c);
    expect(c.diags.list.map((d) => d.ruleId)).toEqual(['image-too-tall']);
    expect(flow.height).toBeLessThanOrEqual(600);
    const result = paginate(flow.items, { pageHeight: 600 });
    expect(result.pages.length).toBe(1);
    expect(result.overflows).toEqual([]);
  });
});
