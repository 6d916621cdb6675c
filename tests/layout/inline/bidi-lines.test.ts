import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../src/diagnostics.js';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { Measurer } from '../../../src/layout/fonts/measure.js';
import { layoutParagraph } from '../../../src/layout/inline/lines.js';
import { hasRtl, mirrorText, paragraphLevels, visualOrder } from '../../../src/layout/bidi/levels.js';
import type { TextStyle } from '../../../src/types/layout-tree.js';
import type { TextItem } from '../../../src/types/paged.js';

const style: TextStyle = { face: 'regular', size: 10, leading: 14, color: '#000000', strike: false, underline: false };

function lay(text: string, direction: 'ltr' | 'rtl', align: 'start' | 'justify' = 'start', width = 400): TextItem[] {
  const lines = layoutParagraph([{ kind: 'text', text, style }], {
    measurer: new Measurer(sharedFontBook()),
    width,
    align,
    direction,
    lang: direction === 'rtl' ? 'ar' : 'en',
    hyphenate: false,
    diags: new Diagnostics(),
    place: { file: 'x.md', line: 1, column: 1 },
    owner: () => 1,
  });
  return lines.flatMap((l) => l.items.filter((i): i is TextItem => i.kind === 'text'));
}

describe('bidi levels and visual order', () => {
  it('gives Arabic odd levels and embedded Latin even levels', () => {
    const levels = paragraphLevels('مرحبا Harbor', 'rtl');
    expect(levels[0]).toBe(1);
    expect(levels[7]).toBe(2);
    expect([...paragraphLevels('plain text', 'ltr')].every((l) => l === 0)).toBe(true);
  });

  it('reverses runs from the highest level down (rule L2)', () => {
    expect(visualOrder([0, 0])).toEqual([0, 1]);
    expect(visualOrder([1, 1, 1])).toEqual([2, 1, 0]);
    expect(visualOrder([1, 2, 2, 1])).toEqual([3, 1, 2, 0]);
    expect(visualOrder([0, 1, 1, 0])).toEqual([0, 2, 1, 3]);
  });

  it('mirrors brackets and detects RTL text', () => {
    expect(mirrorText('(a)')).toBe(')a(');
    expect(hasRtl('abc')).toBe(false);
    expect(hasRtl('שלום')).toBe(true);
  });
});

describe('mixed-direction paragraphs', () => {
  it('places a Latin clinic name inside Arabic text in visual order, items in logical order', () => {
    const items = lay('اتصل بعيادة Harbor Health الآن', 'rtl');
    const first = items.find((i) => i.text.includes('اتصل'))!;
    const latin = items.find((i) => i.text === 'Harbor Health')!;
    const last = items.find((i) => i.text.includes('الآن'))!;
    // right to left: first Arabic words rightmost, then the Latin name, then the last Arabic word leftmost
    expect(first.x).toBeGreaterThan(latin.x + latin.width - 0.01);
    expect(latin.x).toBeGreaterThan(last.x + last.width - 0.01);
    expect(latin.direction).toBe('ltr');
    expect(first.direction).toBe('rtl');
    // logical order of emission (what text extraction sees)
    expect(items.indexOf(first)).toBeLessThan(items.indexOf(latin));
    expect(items.indexOf(latin)).toBeLessThan(items.indexOf(last));
    // start alignment is the right edge in RTL
    const right = Math.max(...items.map((i) => i.x + i.width));
    expect(right).toBeCloseTo(400, 0);
  });

  it('keeps Arabic words inside an English paragraph right to left', () => {
    const items = lay('Say مرحبا بكم to everyone', 'ltr');
    const say = items.find((i) => i.text.startsWith('Say'))!;
    const w1 = items.find((i) => i.text === 'مرحبا')!;
    const w2 = items.find((i) => i.text === 'بكم')!;
    expect(say.x).toBeCloseTo(0, 5);
    // the first Arabic word (logically) is to the right of the second
    expect(w1.x).toBeGreaterThan(w2.x);
    expect(Math.min(...items.map((i) => i.x))).toBeCloseTo(0, 5);
  });

  it('justifies RTL lines word by word from the right edge', () => {
    const text = 'يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق وقد وهبوا عقلاً وضميرًا وعليهم أن يعامل بعضهم بعضًا بروح الإخاء';
    const items = lay(text, 'rtl', 'justify', 200);
    const firstLineY = items[0]!.y;
    const firstWord = items.find((i) => i.text === 'يولد')!;
    expect(firstWord.y).toBe(firstLineY);
    expect(firstWord.x + firstWord.width).toBeCloseTo(200, 1);
    // a justified non-last line spans the full width
    const line1 = items.filter((i) => i.y === firstLineY && i.text.trim().length > 0);
    expect(Math.min(...line1.map((i) => i.x))).toBeCloseTo(0, 0);
  });

  it('draws mirrored brackets but reads back the logical ones', () => {
    const items = lay('العيادة (اليوم)', 'rtl');
    const open = items.find((i) => i.actualText === '(')!;
    expect(open.text).toBe(')');
  });
});
