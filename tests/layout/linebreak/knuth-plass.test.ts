import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakLines, layoutQuality, type BreakOptions, type LineBreak, type Segment } from '../../../src/layout/linebreak/knuth-plass.js';
import { LETTER, SPACE, greedyBreak, paragraph, randomWidths, rng, textParagraph } from './segments.js';

const justify = (width: number): BreakOptions => ({ mode: 'justify', lineWidth: () => width });
const ragged = (width: number): BreakOptions => ({ mode: 'ragged', lineWidth: () => width });
const spans = (lines: readonly LineBreak[]): Array<[number, number]> => lines.map((l) => [l.start, l.end]);

/** Structural invariants every result must satisfy. */
function expectWellFormed(segments: readonly Segment[], lines: readonly LineBreak[]): void {
  if (segments.length === 0) {
    expect(lines).toEqual([]);
    return;
  }
  expect(lines[0]?.start).toBe(0);
  expect(lines.at(-1)?.end).toBe(segments.length);
  lines.forEach((line, i) => {
    expect(line.end).toBeGreaterThan(line.start);
    if (i > 0) expect(line.start).toBe(lines[i - 1]?.end);
    const lastSeg = segments[line.end - 1] as Segment;
    if (line.end < segments.length) expect(lastSeg.breakAfter).not.toBe('none');
    // No mandatory break inside a line.
    for (let k = line.start; k < line.end - 1; k++) expect((segments[k] as Segment).breakAfter).not.toBe('mandatory');
  });
}

/** Badness of a line from first principles (independent of the implementation). */
function lineBadness(segments: readonly Segment[], start: number, end: number, width: number, last: boolean): number {
  let nat = 0;
  let inner = 0;
  for (let k = start; k < end; k++) {
    const s = segments[k] as Segment;
    nat += s.width;
    if (k < end - 1) {
      nat += s.spaceWidth;
      inner += s.spaceWidth;
    }
  }
  const gap = width - nat;
  if (gap < 0) return -gap <= inner / 3 + 1e-9 ? 100 * (-gap / (inner / 3)) ** 3 : Infinity;
  if (last || gap === 0) return 0;
  return inner > 0 ? Math.min(10000, 100 * (gap / (inner / 2)) ** 3) : 10000;
}

/** Whether some breaking of a plain paragraph keeps every line's badness ≤ tolerance (dynamic programming). */
function feasibleWithin(segments: readonly Segment[], width: number, tolerance: number): boolean {
  const n = segments.length;
  const ok: boolean[] = [true];
  for (let end = 1; end <= n; end++) {
    ok[end] = false;
    for (let start = 0; start < end && !ok[end]; start++) {
      if (ok[start] && lineBadness(segments, start, end, width, end === n) <= tolerance) ok[end] = true;
    }
  }
  return ok[n] === true;
}

describe('breakLines — basics', () => {
  it('returns no lines for no segments', () => {
    expect(breakLines([], justify(100))).toEqual([]);
    expect(breakLines([], ragged(100))).toEqual([]);
  });

  it('puts a single segment on one unadjusted line', () => {
    const lines = breakLines(paragraph([40]), justify(100));
    expect(lines).toEqual([{ start: 0, end: 1, naturalWidth: 40, hyphenated: false, adjustment: 0, overfull: false }]);
  });

  it('justifies every line but the last to the full width', () => {
    const segs = paragraph(randomWidths(7, 60));
    const lines = breakLines(segs, justify(200));
    expectWellFormed(segs, lines);
    expect(lines.length).toBeGreaterThan(3);
    lines.slice(0, -1).forEach((l) => expect(l.naturalWidth + l.adjustment).toBeCloseTo(200, 6));
    expect(lines.at(-1)?.adjustment).toBe(0);
  });

  it('reports natural width without the trailing space and never adjusts in ragged mode', () => {
    const segs = paragraph([50, 50, 50]);
    const lines = breakLines(segs, ragged(110));
    expect(spans(lines)).toEqual([
      [0, 2],
      [2, 3],
    ]);
    expect(lines[0]?.naturalWidth).toBe(50 + SPACE + 50);
    expect(lines.every((l) => l.adjustment === 0 && !l.overfull)).toBe(true);
  });

  it('respects a different width per line (narrow first line)', () => {
    const segs = paragraph(randomWidths(3, 40));
    const opts: BreakOptions = { mode: 'ragged', lineWidth: (i) => (i === 0 ? 80 : 220) };
    const lines = breakLines(segs, opts);
    expectWellFormed(segs, lines);
    expect(lines[0]?.naturalWidth).toBeLessThanOrEqual(80);
    expect(Math.max(...lines.map((l) => l.naturalWidth))).toBeGreaterThan(80);
    expect(lines.every((l) => !l.overfull)).toBe(true);
  });
});

describe('breakLines — total fit (justify)', () => {
  it('beats first-fit on the classic example where greedy leaves a very loose line', () => {
    // Nine 8-pt words, a 5-pt word, a 91-pt word, two 30-pt words; 100 pt lines.
    // Greedy squeezes the 5-pt word onto line 1 and leaves the 91-pt word alone on a
    // line with 9 pt of gap and no space to stretch. Total fit moves the small word down.
    const segs = paragraph([8, 8, 8, 8, 8, 8, 8, 8, 8, 5, 91, 30, 30]);
    const opts = justify(100);
    const greedy = greedyBreak(segs, opts);
    const kp = breakLines(segs, opts);
    expect(spans(greedy)).toEqual([
      [0, 10],
      [10, 11],
      [11, 13],
    ]);
    expect(layoutQuality(greedy, opts, segs).maxLooseness).toBe(Infinity);
    expect(spans(kp)).toEqual([
      [0, 9],
      [9, 11],
      [11, 13],
    ]);
    const q = layoutQuality(kp, opts, segs);
    expect(q.maxLooseness).toBeLessThan(1);
    expect(q.maxBadness).toBeLessThanOrEqual(100);
  });

  it('keeps every line within the tolerance whenever such a breaking exists', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 40 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 60, max: 240 }),
        (widths, width) => {
          const segs = paragraph(widths);
          const opts = justify(width);
          const lines = breakLines(segs, opts);
          expectWellFormed(segs, lines);
          if (feasibleWithin(segs, width, 200)) {
            lines.forEach((l, i) => {
              expect(lineBadness(segs, l.start, l.end, width, i === lines.length - 1)).toBeLessThanOrEqual(200 + 1e-6);
              expect(l.overfull).toBe(false);
            });
          }
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('honours a custom tolerance', () => {
    // With the default tolerance some line has badness > 50, though a breaking within 50 exists.
    const segs = paragraph(randomWidths(24, 30).map((w) => w / 2));
    const badnesses = (lines: LineBreak[]): number[] => lines.map((l, i) => lineBadness(segs, l.start, l.end, 250, i === lines.length - 1));
    expect(feasibleWithin(segs, 250, 50)).toBe(true);
    expect(Math.max(...badnesses(breakLines(segs, justify(250))))).toBeGreaterThan(50);
    expect(Math.max(...badnesses(breakLines(segs, { ...justify(250), tolerance: 50 })))).toBeLessThanOrEqual(50 + 1e-6);
  });
});

describe('breakLines — ragged', () => {
  it('is more evenly ragged than first-fit (variance of line-end gaps)', () => {
    let kpVariance = 0;
    let greedyVariance = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const segs = paragraph(randomWidths(seed, 60));
      const opts = ragged(220);
      const kp = breakLines(segs, opts);
      expectWellFormed(segs, kp);
      kpVariance += layoutQuality(kp, opts, segs).gapVariance;
      greedyVariance += layoutQuality(greedyBreak(segs, opts), opts, segs).gapVariance;
    }
    expect(kpVariance).toBeLessThan(greedyVariance * 0.8);
  });

  it('does not leave a very short line before a long one', () => {
    // First-fit: [45 45] [5 5] [85 10] — an almost empty middle line. Total fit spreads the gap.
    const segs = paragraph([45, 45, 5, 5, 85, 10]);
    const opts = ragged(100);
    const greedy = greedyBreak(segs, opts);
    expect(spans(greedy)).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
    ]);
    const kp = breakLines(segs, opts);
    expect(spans(kp)).toEqual([
      [0, 1],
      [1, 4],
      [4, 6],
    ]);
    expect(Math.max(...layoutQuality(kp, opts, segs).gaps)).toBeLessThan(Math.max(...layoutQuality(greedy, opts, segs).gaps));
  });

  it('hyphenates only when that helps', () => {
    // Plenty of room: no hyphen although every long word offers one.
    const easy = textParagraph('the pa|tient should re|main calm and ask ques|tions be|fore the ses|sion starts today');
    const easyLines = breakLines(easy, ragged(400));
    expect(easyLines.some((l) => l.hyphenated)).toBe(false);
    // A narrow column where unhyphenated lines would leave huge gaps: hyphenation is used.
    const hard = textParagraph('ab anaes|the|si|o|lo|gist ab anaes|the|si|o|lo|gist ab anaes|the|si|o|lo|gist ab end');
    const hardLines = breakLines(hard, ragged(80));
    expectWellFormed(hard, hardLines);
    expect(hardLines.some((l) => l.hyphenated)).toBe(true);
    expect(hardLines.every((l) => !l.overfull)).toBe(true);
  });
});

describe('breakLines — break rules', () => {
  it('always breaks at mandatory breaks and does not justify the line before one', () => {
    const segs: Segment[] = paragraph([20, 20, 20, 20, 20, 20, 20, 20]).map((s, i) =>
      i === 2 ? { ...s, breakAfter: 'mandatory', spaceWidth: 0 } : s,
    );
    for (const opts of [justify(100), ragged(100)]) {
      const lines = breakLines(segs, opts);
      expectWellFormed(segs, lines);
      expect(lines[0]).toMatchObject({ start: 0, end: 3, adjustment: 0 });
      expect(lines.slice(1).map((l) => l.start)).toContain(3);
    }
  });

  it('never breaks after a segment marked none', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            width: fc.integer({ min: 1, max: 30 }),
            kind: fc.constantFrom<'none' | 'allowed' | 'mandatory'>('none', 'allowed', 'allowed', 'allowed', 'mandatory'),
            hyphen: fc.boolean(),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        fc.constantFrom<'justify' | 'ragged'>('justify', 'ragged'),
        (specs, mode) => {
          const segs: Segment[] = specs.map((s) => ({
            width: s.width,
            spaceWidth: s.kind === 'allowed' && !s.hyphen ? SPACE : 0,
            breakAfter: s.kind,
            cost: s.hyphen ? 50 : 0,
            hyphenWidth: s.hyphen && s.kind === 'allowed' ? LETTER : 0,
          }));
          const lines = breakLines(segs, { mode, lineWidth: () => 70 });
          expectWellFormed(segs, lines);
          // Every line break falls on a mandatory break or is needed: mandatory breaks are all present.
          const ends = new Set(lines.map((l) => l.end));
          segs.forEach((s, i) => {
            if (s.breakAfter === 'mandatory') expect(ends.has(i + 1)).toBe(true);
          });
          // Hyphen flag and width agree with the segment that ends the line.
          lines.forEach((l) => {
            const last = segs[l.end - 1] as Segment;
            expect(l.hyphenated).toBe(last.breakAfter === 'allowed' && last.hyphenWidth > 0 && l.end < segs.length);
          });
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('keeps a word fragment off the last line when avoidable', () => {
    // Line 1 can be 15 one-letter words (a little loose, badness ≈ 131) or those plus
    // "ab-" (nicely filled) leaving "cdefgh" alone on the last line. The first is chosen.
    const text = `${'a '.repeat(15)}ab|cdefgh`;
    const lines = breakLines(textParagraph(text), justify(140));
    expect(lines).toHaveLength(2);
    expect(lines[0]?.hyphenated).toBe(false);
    expect(lines[0]?.end).toBe(15);
  });

  it('still hyphenates the same line when it is not the one before the last', () => {
    // Same first line, but the paragraph goes on: the hyphen is fine there.
    const text = `${'a '.repeat(15)}ab|cdefgh ${'a '.repeat(14)}aa ${'a '.repeat(16)}a`;
    const lines = breakLines(textParagraph(text), justify(140));
    expect(lines[0]?.hyphenated).toBe(true);
  });

  it('avoids hyphens on consecutive lines when possible', () => {
    let consecutive = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const r = rng(seed);
      const words = Array.from({ length: 50 }, () => {
        const len = 3 + Math.floor(r() * 9);
        const w = 'x'.repeat(len);
        return len >= 6 ? `${w.slice(0, 3)}|${w.slice(3)}` : w;
      });
      const segs = textParagraph(words.join(' '));
      const lines = breakLines(segs, justify(150));
      consecutive += layoutQuality(lines, justify(150), segs).maxConsecutiveHyphens > 1 ? 1 : 0;
    }
    expect(consecutive).toBeLessThanOrEqual(3);
  });
});

describe('breakLines — emergencies', () => {
  it('puts an over-wide word on its own overfull line', () => {
    const segs = paragraph([20, 20, 300, 20, 20]);
    for (const opts of [justify(100), ragged(100)]) {
      const lines = breakLines(segs, opts);
      expect(spans(lines)).toEqual([
        [0, 2],
        [2, 3],
        [3, 5],
      ]);
      expect(lines.map((l) => l.overfull)).toEqual([false, true, false]);
    }
  });

  it('puts an over-wide first word on its own line too', () => {
    const lines = breakLines(paragraph([300, 20, 20]), justify(100));
    expect(spans(lines)).toEqual([
      [0, 1],
      [1, 3],
    ]);
    expect(lines[0]?.overfull).toBe(true);
  });

  it('uses expensive breaks inside a long word only when needed', () => {
    // "see" + a 40-character URL split into characters (cost 2000 between them).
    const url: Segment[] = Array.from({ length: 40 }, (_, i) => ({
      width: 6,
      spaceWidth: 0,
      breakAfter: i === 39 ? 'mandatory' : 'allowed',
      cost: 2000,
      hyphenWidth: 0,
    }));
    const segs: Segment[] = [{ width: 18, spaceWidth: 3, breakAfter: 'allowed', cost: 0, hyphenWidth: 0 }, ...url];
    const lines = breakLines(segs, ragged(100));
    expectWellFormed(segs, lines);
    expect(lines.every((l) => !l.overfull)).toBe(true);
    expect(lines.length).toBe(3);
    // A short paragraph with the same expensive breaks that fits: none used.
    const fits = breakLines(
      segs.slice(0, 10).map((s, i) => (i === 9 ? { ...s, breakAfter: 'mandatory' as const } : s)),
      ragged(100),
    );
    expect(fits).toHaveLength(1);
  });

  it('never marks a line overfull when every piece fits on a line', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 50 }), (widths) => {
        const segs = paragraph(widths);
        for (const opts of [justify(100), ragged(100)]) {
          const lines = breakLines(segs, opts);
          expectWellFormed(segs, lines);
          expect(lines.some((l) => l.overfull)).toBe(false);
        }
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});

describe('breakLines — large paragraphs', () => {
  it('breaks 200k word segments (justify and ragged)', () => {
    const segs = paragraph(randomWidths(99, 200_000));
    for (const opts of [justify(300), ragged(300)]) {
      const lines = breakLines(segs, opts);
      expect(lines[0]?.start).toBe(0);
      expect(lines.at(-1)?.end).toBe(segs.length);
      expect(lines.some((l) => l.overfull)).toBe(false);
      expect(lines.length).toBeGreaterThan(10_000);
    }
  });

  it('breaks 200k character segments with emergency costs into full lines', () => {
    const n = 200_000;
    const segs: Segment[] = Array.from({ length: n }, (_, i) => ({
      width: 6,
      spaceWidth: 0,
      breakAfter: i === n - 1 ? 'mandatory' : 'allowed',
      cost: 2500,
      hyphenWidth: 0,
    }));
    for (const opts of [justify(301), ragged(301)]) {
      const lines = breakLines(segs, opts);
      expect(lines).toHaveLength(Math.ceil(n / 50));
      expect(lines.slice(0, -1).every((l) => l.end - l.start === 50 && !l.overfull)).toBe(true);
    }
  });
});
