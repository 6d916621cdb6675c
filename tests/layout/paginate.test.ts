import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countViolationsPer100Pages, PageLimitError, paginate, type FlowItem, type PaginateResult } from '../../src/layout/paginate.js';
import { underfillCost } from '../../src/layout/paginate/cost.js';

const LINE = 10;

/** Allocates refs and builds vertical lists the way the layout stage does. */
class Flow {
  readonly items: FlowItem[] = [];
  private nextRef = 1;

  /** A box; returns its ref. */
  box(height = LINE): number {
    const ref = this.nextRef++;
    this.items.push({ kind: 'box', height, ref });
    return ref;
  }

  glue(height: number): this {
    this.items.push({ kind: 'glue', height });
    return this;
  }

  penalty(cost: number, rule?: string): this {
    this.items.push(rule === undefined ? { kind: 'penalty', cost } : { kind: 'penalty', cost, rule });
    return this;
  }

  /** Break between blocks: legal break, then the space (discarded at a page top). */
  between(space = 0): this {
    this.penalty(0);
    if (space > 0) this.glue(space);
    return this;
  }

  /** A paragraph of `lines` lines: no orphan (first line alone) nor widow (last line alone). */
  paragraph(lines: number): number[] {
    const refs: number[] = [];
    for (let i = 0; i < lines; i++) {
      if (i > 0) {
        if (i === 1) this.penalty(Infinity, 'orphan');
        else if (i === lines - 1) this.penalty(Infinity, 'widow');
        else this.penalty(0);
      }
      refs.push(this.box());
    }
    return refs;
  }

  /** A heading kept with the first two lines of the paragraph that follows. */
  headingWithParagraph(lines: number): { heading: number; lines: number[] } {
    const heading = this.box();
    this.penalty(Infinity, 'keep-with-next');
    return { heading, lines: this.paragraph(lines) };
  }
}

const refsOf = (r: PaginateResult, page: number): number[] => r.pages[page]!.boxes.map((b) => b.ref);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('paginate: keep rules', () => {
  it('pushes a heading and its first two lines to the next page rather than splitting them', () => {
    const f = new Flow();
    const first = f.paragraph(7); // 0..70
    f.between(10); // heading would sit at 80..90, line 1 at 90..100, line 2 does not fit
    const { heading, lines } = f.headingWithParagraph(5);
    const r = paginate(f.items, { pageHeight: 100 });
    expect(r.pages).toHaveLength(2);
    expect(refsOf(r, 0)).toEqual(first);
    expect(r.pages[0]!.height).toBe(70); // trailing glue dropped
    expect(r.pages[1]!.boxes[0]).toEqual({ ref: heading, y: 0, height: LINE, repeated: false });
    expect(refsOf(r, 1)).toEqual([heading, ...lines]);
    expect(r.violations).toEqual([]);
  });

  it('avoids a widow: the last line never ends up alone', () => {
    const f = new Flow();
    const lines = f.paragraph(11); // 10 fit on a page
    const r = paginate(f.items, { pageHeight: 100 });
    expect(refsOf(r, 0)).toEqual(lines.slice(0, 9));
    expect(refsOf(r, 1)).toEqual(lines.slice(9));
    expect(r.violations).toEqual([]);
  });

  it('avoids an orphan: a paragraph does not start with one line at the bottom', () => {
    const f = new Flow();
    const a = f.paragraph(9);
    f.between();
    const b = f.paragraph(4);
    const r = paginate(f.items, { pageHeight: 100 });
    expect(refsOf(r, 0)).toEqual(a);
    expect(refsOf(r, 1)).toEqual(b);
  });

  it('records an emergency break at the last Infinity penalty with its rule', () => {
    const f = new Flow();
    for (let i = 0; i < 15; i++) {
      if (i > 0) f.penalty(Infinity, 'keep-together');
      f.box();
    }
    const r = paginate(f.items, { pageHeight: 100 });
    expect(refsOf(r, 0)).toEqual(range(1, 10));
    expect(refsOf(r, 1)).toEqual(range(11, 15));
    expect(r.violations).toEqual([{ page: 0, rule: 'keep-together', ref: 10 }]);
  });

  it('records "no-break-point" when a run of boxes has no penalty at all', () => {
    const f = new Flow();
    for (let i = 0; i < 13; i++) f.box(15); // 6 fit (90)
    const r = paginate(f.items, { pageHeight: 100 });
    expect(refsOf(r, 0)).toEqual(range(1, 6));
    expect(r.pages[0]!.height).toBe(90);
    expect(refsOf(r, 1)).toEqual(range(7, 12));
    expect(refsOf(r, 2)).toEqual([13]);
    expect(r.violations.map((v) => [v.page, v.rule, v.ref])).toEqual([
      [0, 'no-break-point', 6],
      [1, 'no-break-point', 12],
    ]);
    expect(countViolationsPer100Pages(r)).toBeCloseTo(200 / 3);
  });
});

describe('paginate: costs', () => {
  it('takes an earlier cheaper break over a later discouraged one', () => {
    const f = new Flow();
    for (let i = 0; i < 8; i++) f.box(); // 80
    f.penalty(0);
    f.box();
    f.box();
    f.penalty(500); // at 100, full page but expensive
    f.box();
    const r = paginate(f.items, { pageHeight: 100 });
    expect(refsOf(r, 0)).toEqual(range(1, 8));
    expect(refsOf(r, 1)).toEqual([9, 10, 11]);
  });

  it('does not leave a page half empty to avoid a cost-50 break', () => {
    const f = new Flow();
    for (let i = 0; i < 5; i++) f.box(); // 50
    f.penalty(0);
    for (let i = 0; i < 5; i++) f.box(); // 100
    f.penalty(50);
    f.box();
    const r = paginate(f.items, { pageHeight: 100 });
    expect(refsOf(r, 0)).toEqual(range(1, 10));
    expect(underfillCost(50, 100)).toBeGreaterThan(50);
    expect(underfillCost(30, 700)).toBeLessThan(2); // a heading and two lines
    expect(underfillCost(-5, 100)).toBe(0);
  });

  it('breaks at the latest of equally cheap breaks', () => {
    const f = new Flow();
    for (let i = 0; i < 9; i++) f.box();
    f.penalty(0);
    f.box(0); // zero-height: the next break has the same cost
    f.penalty(0);
    f.box(20);
    const r = paginate(f.items, { pageHeight: 100 });
    expect(refsOf(r, 0)).toEqual(range(1, 10));
    expect(refsOf(r, 1)).toEqual([11]);
  });

  it('takes a forced break, and ignores one at the top of a page', () => {
    const f = new Flow();
    f.box();
    f.penalty(-Infinity);
    f.penalty(-Infinity);
    f.glue(30);
    f.box();
    f.penalty(-Infinity);
    const r = paginate(f.items, { pageHeight: 100 });
    expect(r.pages.map((p) => p.boxes.map((b) => [b.ref, b.y]))).toEqual([[[1, 0]], [[2, 0]]]);
  });
});

describe('paginate: glue', () => {
  it('drops glue at the top and at the end of a page, keeps it between boxes', () => {
    const f = new Flow();
    f.box(40);
    f.glue(5);
    f.box(40); // 45..85
    f.glue(8);
    f.penalty(0);
    f.glue(12);
    f.box(40); // does not fit: page 2 at y 0
    f.glue(6);
    const r = paginate(f.items, { pageHeight: 100 });
    expect(r.pages[0]!.boxes.map((b) => b.y)).toEqual([0, 45]);
    expect(r.pages[0]!.height).toBe(85);
    expect(r.pages[1]!.boxes).toEqual([{ ref: 3, y: 0, height: 40, repeated: false }]);
    expect(r.pages[1]!.height).toBe(40);
  });
});

describe.each([
  ['header box after repeat-start', false],
  ['header box before repeat-start', true],
] as const)('paginate: repeated table headers (%s)', (_name, headerBefore) => {
  /** Opens a table group and emits its 20pt header box (ref 1000) in the convention under test. */
  function header(f: Flow): void {
    const open: FlowItem = { kind: 'repeat-start', headerHeight: 20, headerRef: 1000 };
    const box: FlowItem = { kind: 'box', height: 20, ref: 1000 };
    f.items.push(...(headerBefore ? [box, open] : [open, box]));
  }

  /** A table of `rows` rows after `before` lines of text; returns the header ref. */
  function table(f: Flow, before: number, rows: number): { header: number; rows: number[] } {
    f.paragraph(before);
    f.between(0);
    header(f);
    f.penalty(Infinity, 'table-header');
    const refs: number[] = [];
    for (let i = 0; i < rows; i++) {
      if (i > 0) f.penalty(0);
      refs.push(f.box(20));
    }
    f.items.push({ kind: 'repeat-end' });
    return { header: 1000, rows: refs };
  }

  it('repeats the header at the top of every continuation page with the right y', () => {
    const f = new Flow();
    const { rows } = table(f, 4, 10); // page 1: 40 text + 20 header + 2 rows
    f.between();
    const after = f.paragraph(2);
    const r = paginate(f.items, { pageHeight: 100 });
    expect(r.pages).toHaveLength(4);
    expect(r.pages[0]!.boxes.slice(4)).toEqual([
      { ref: 1000, y: 40, height: 20, repeated: false },
      { ref: rows[0], y: 60, height: 20, repeated: false },
      { ref: rows[1], y: 80, height: 20, repeated: false },
    ]);
    for (const page of [1, 2]) {
      const boxes = r.pages[page]!.boxes;
      expect(boxes[0]).toEqual({ ref: 1000, y: 0, height: 20, repeated: true });
      expect(boxes.slice(1).map((b) => b.y)).toEqual([20, 40, 60, 80]);
    }
    expect(refsOf(r, 1).slice(1)).toEqual(rows.slice(2, 6));
    expect(refsOf(r, 2).slice(1)).toEqual(rows.slice(6, 10));
    // the table ended: no header on the next page
    expect(refsOf(r, 3)).toEqual(after);
    expect(r.violations).toEqual([]);
  });

  it('never ends a page right after the header, even when the caller allows it', () => {
    const f = new Flow();
    f.box(70);
    f.penalty(0);
    header(f);
    f.penalty(0); // careless caller
    f.box(20);
    f.penalty(0);
    f.box(20);
    f.items.push({ kind: 'repeat-end' });
    const r = paginate(f.items, { pageHeight: 100 });
    expect(refsOf(r, 0)).toEqual([1]);
    expect(r.pages[1]!.boxes.map((b) => [b.ref, b.y, b.repeated])).toEqual([
      [1000, 0, false],
      [2, 20, false],
      [3, 40, false],
    ]);
  });

  it('keeps a header with an overlong first row on a fresh page (the row overflows)', () => {
    const f = new Flow();
    f.box(50);
    f.penalty(0);
    header(f);
    f.penalty(Infinity, 'table-header');
    const row = f.box(90); // 20 + 90 > 100
    f.items.push({ kind: 'repeat-end' });
    const r = paginate(f.items, { pageHeight: 100 });
    expect(refsOf(r, 0)).toEqual([1]);
    expect(r.pages[1]!.boxes.map((b) => [b.ref, b.y, b.repeated])).toEqual([
      [1000, 0, false],
      [row, 20, false],
    ]);
    expect(r.overflows).toEqual([row]);
    expect(r.violations).toEqual([]);
  });

  it('repeats the header after a forced break right after it', () => {
    const f = new Flow();
    header(f);
    f.penalty(-Infinity);
    const row = f.box(20);
    f.items.push({ kind: 'repeat-end' });
    const r = paginate(f.items, { pageHeight: 100 });
    expect(refsOf(r, 0)).toEqual([1000]);
    expect(r.pages[1]!.boxes).toEqual([
      { ref: 1000, y: 0, height: 20, repeated: true },
      { ref: row, y: 20, height: 20, repeated: false },
    ]);
  });

  it('in an emergency, breaks before a header rather than right after it', () => {
    const f = new Flow();
    f.box(70); // no legal break anywhere before the table
    header(f); // fits at 70..90
    f.penalty(Infinity, 'table-header');
    f.box(20); // does not fit
    f.items.push({ kind: 'repeat-end' });
    const r = paginate(f.items, { pageHeight: 100 });
    expect(refsOf(r, 0)).toEqual([1]);
    expect(r.pages[1]!.boxes.map((b) => [b.ref, b.repeated])).toEqual([
      [1000, false],
      [2, false],
    ]);
    expect(r.violations).toEqual([{ page: 0, rule: 'no-break-point', ref: 1 }]);
  });
});

describe('paginate: oversize and page sizes', () => {
  it('places a box taller than the page alone on its own page and reports it', () => {
    const f = new Flow();
    f.box(30);
    f.between(10);
    const big = f.box(150);
    f.between(10);
    f.box(30);
    const r = paginate(f.items, { pageHeight: 100 });
    expect(r.pages.map((p) => p.boxes.map((b) => b.ref))).toEqual([[1], [big], [3]]);
    expect(r.pages[1]!.boxes[0]!.y).toBe(0);
    expect(r.pages[1]!.height).toBe(150);
    expect(r.overflows).toEqual([big]);
    expect(r.violations).toEqual([]);
  });

  it('asks the page-height function for each page (0-based)', () => {
    const f = new Flow();
    for (let i = 0; i < 20; i++) {
      if (i > 0) f.penalty(0);
      f.box();
    }
    const asked: number[] = [];
    const r = paginate(f.items, {
      pageHeight: (page) => {
        asked.push(page);
        return page === 0 ? 50 : 100;
      },
    });
    expect(r.pages.map((p) => p.boxes.length)).toEqual([5, 10, 5]);
    expect(asked).toEqual([0, 1, 2]);
  });

  it('gives one empty page for an empty list', () => {
    expect(paginate([], { pageHeight: 100 }).pages).toEqual([{ boxes: [], height: 0 }]);
  });

  it('throws PageLimitError past maxPages', () => {
    const f = new Flow();
    for (let i = 0; i < 5; i++) {
      f.box(100);
      f.penalty(0);
    }
    expect(() => paginate(f.items, { pageHeight: 100, maxPages: 4 })).toThrow(PageLimitError);
    expect(paginate(f.items, { pageHeight: 100, maxPages: 5 }).pages).toHaveLength(5);
  });

  it('rejects a non-positive page height', () => {
    expect(() => paginate([{ kind: 'box', height: 1, ref: 1 }], { pageHeight: 0 })).toThrow(RangeError);
  });
});

describe('paginate: scale and invariants', () => {
  it('paginates 100k items in well under a second', () => {
    const f = new Flow();
    while (f.items.length < 100_000) {
      f.headingWithParagraph(6);
      f.between(6);
    }
    const started = performance.now();
    const r = paginate(f.items, { pageHeight: 700, maxPages: 100_000 });
    const elapsed = performance.now() - started;
    expect(r.pages.length).toBeGreaterThan(500);
    expect(elapsed).toBeLessThan(1000);
    const placed = r.pages.reduce((n, p) => n + p.boxes.length, 0);
    expect(placed).toBe(f.items.filter((i) => i.kind === 'box').length);
    expect(r.violations).toEqual([]);
  });

  it('places every box exactly once, in order, without overlap', () => {
    const item = fc.oneof(
      fc.record({ kind: fc.constant('box' as const), height: fc.integer({ min: 0, max: 130 }) }),
      fc.record({ kind: fc.constant('glue' as const), height: fc.integer({ min: 0, max: 30 }) }),
      fc.record({
        kind: fc.constant('penalty' as const),
        cost: fc.oneof(fc.integer({ min: -100, max: 1000 }), fc.constantFrom(Infinity, -Infinity)),
      }),
      fc.constant({ kind: 'repeat-start' as const }),
      fc.constant({ kind: 'repeat-end' as const }),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 120 }), (raw) => {
        let ref = 0;
        const items: FlowItem[] = raw.map((r): FlowItem => {
          if (r.kind === 'box') return { kind: 'box', height: r.height, ref: ref++ };
          if (r.kind === 'repeat-start') return { kind: 'repeat-start', headerHeight: 15, headerRef: -1 };
          return r;
        });
        const res = paginate(items, { pageHeight: 100 });
        const body = res.pages.flatMap((p) => p.boxes.filter((b) => !b.repeated).map((b) => b.ref));
        expect(body).toEqual(range(0, ref - 1));
        for (const page of res.pages) {
          let y = 0;
          for (const b of page.boxes) {
            expect(b.y).toBeGreaterThanOrEqual(y);
            y = b.y + b.height;
          }
          if (page.height > 100) {
            expect(page.boxes.some((b) => res.overflows.includes(b.ref))).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
