/**
 * The justified style: total-fit (Knuth–Plass) breaking keeps every line's
 * adjustment ratio small, so there are no loose lines (no rivers).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { Measurer } from '../../src/layout/fonts/measure.js';
import { sharedFontBook } from '../../src/layout/fonts/font-book.js';
import { toPieces } from '../../src/layout/inline/pieces.js';
import { layoutParagraph } from '../../src/layout/inline/lines.js';
import { breakLines, layoutQuality } from '../../src/layout/linebreak/knuth-plass.js';
import type { TextStyle } from '../../src/types/layout-tree.js';

const measurer = new Measurer(sharedFontBook());
const BODY: TextStyle = { face: 'regular', size: 10.5, leading: 15, color: '#222222', strike: false, underline: false };
const WIDTH = 492;
const PLACE = { file: 'seed.md', line: 1, column: 1 };

/** Body paragraphs of guides (plain prose, several lines each). */
function paragraphs(files: readonly string[] = ['content/guides/first-ketamine-session/en.md']): string[] {
  return files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split(/\n\n+/)
      .filter((p) => /^[A-Z]/.test(p) && !p.includes('http') && p.length > 200)
      .map((p) => p.replace(/\n/g, ' ')),
  );
}

describe('justified paragraphs', () => {
  const paras = paragraphs();

  it('has enough material to mean something', () => {
    expect(paras.length).toBeGreaterThan(15);
  });

  it('keeps adjustment ratios low: worst ≤ 1.5, and ≤ 1 in at least 90% of paragraphs; nothing overfull', () => {
    let worst = 0;
    let loose = 0;
    let lines = 0;
    for (const text of paras) {
      const pieces = toPieces([{ kind: 'text', text, style: BODY }], {
        measurer,
        lang: 'en',
        hyphenate: true,
        maxWidth: WIDTH,
        diags: new Diagnostics(),
        place: PLACE,
      });
      const options = { mode: 'justify' as const, lineWidth: () => WIDTH };
      const breaks = breakLines(pieces, options);
      const q = layoutQuality(breaks, options, pieces);
      worst = Math.max(worst, q.maxLooseness);
      if (q.maxLooseness > 1) loose++;
      lines += q.lineCount;
      expect(q.overfullLines).toBe(0);
      expect(q.maxTightness).toBeGreaterThanOrEqual(-1);
      expect(q.maxConsecutiveHyphens).toBeLessThanOrEqual(2);
    }
    expect(lines).toBeGreaterThan(50);
    expect(worst).toBeLessThanOrEqual(1.5);
    expect(loose / paras.length).toBeLessThanOrEqual(0.1);
  });

  it('stays within the looser pass on adversarial text (random long words): r ≤ 1.5, nothing overfull', () => {
    for (const text of paragraphs(['tests/fixtures/stress/long-text.md'])) {
      const pieces = toPieces([{ kind: 'text', text, style: BODY }], {
        measurer,
        lang: 'en',
        hyphenate: true,
        maxWidth: WIDTH,
        diags: new Diagnostics(),
        place: PLACE,
      });
      const options = { mode: 'justify' as const, lineWidth: () => WIDTH };
      const q = layoutQuality(breakLines(pieces, options), options, pieces);
      expect(q.overfullLines).toBe(0);
      expect(q.maxLooseness).toBeLessThanOrEqual(1.5);
      // no hyphen ladders: at most two hyphenated lines in a row, even in text full of long words
      expect(q.maxConsecutiveHyphens).toBeLessThanOrEqual(2);
    }
  });

  it('sets every line but the last flush with both margins', () => {
    for (const text of paras.slice(0, 10)) {
      const laid = layoutParagraph([{ kind: 'text', text, style: BODY }], {
        measurer,
        width: WIDTH,
        align: 'justify',
        direction: 'ltr',
        lang: 'en',
        hyphenate: true,
        diags: new Diagnostics(),
        place: PLACE,
        owner: () => null,
      });
      expect(laid.length).toBeGreaterThan(1);
      laid.slice(0, -1).forEach((line) => expect(line.width).toBeCloseTo(WIDTH, 0));
      expect(laid[laid.length - 1]!.width).toBeLessThan(WIDTH);
    }
  });
});
