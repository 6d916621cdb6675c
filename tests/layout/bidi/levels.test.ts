import { describe, expect, it } from 'vitest';
import { hasRtl, paragraphLevels, visualOrder } from '../../../src/layout/bidi/levels.js';

/** The ranges as a regular expression (what the code-unit test replaced). */
const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

describe('hasRtl', () => {
  it('agrees with the ranges for every BMP character, alone and inside left-to-right text', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      expect(hasRtl(ch), c.toString(16)).toBe(RTL_CHAR.test(ch));
      expect(hasRtl(`ab ${ch} cd`), c.toString(16)).toBe(RTL_CHAR.test(`ab ${ch} cd`));
    }
  });

  it('agrees with the ranges beyond the BMP, at their edges, and for lone surrogates', () => {
    for (const cp of [0x107ff, 0x10800, 0x10900, 0x10fff, 0x11000, 0x1e7ff, 0x1e800, 0x1e900, 0x1efff, 0x1f000, 0x1f600, 0x20000]) {
      const ch = String.fromCodePoint(cp);
      expect(hasRtl(`x${ch}y`), cp.toString(16)).toBe(RTL_CHAR.test(`x${ch}y`));
    }
    expect(hasRtl('\ud802')).toBe(false);
    expect(hasRtl('\ud802x')).toBe(false);
    expect(hasRtl('\udc00')).toBe(false);
  });
});

describe('visualOrder', () => {
  it('keeps left-to-right runs in order and reverses right-to-left ones (rule L2)', () => {
    expect(visualOrder([])).toEqual([]);
    expect(visualOrder([0, 0, 2, 0])).toEqual([0, 1, 2, 3]);
    expect(visualOrder([0, 1, 1, 0])).toEqual([0, 2, 1, 3]);
    expect(visualOrder([1, 2, 2, 1])).toEqual([3, 1, 2, 0]);
  });

  it('levels are all zero for left-to-right text without right-to-left characters', () => {
    expect([...paragraphLevels('plain text', 'ltr')]).toEqual(new Array(10).fill(0));
    expect([...paragraphLevels('ab \u05d0\u05d1', 'ltr')].slice(3)).toEqual([1, 1]);
  });
});
