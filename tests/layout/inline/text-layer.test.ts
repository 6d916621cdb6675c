import { describe, expect, it } from 'vitest';
import { isSimpleText } from '../../../src/layout/inline/text-layer.js';

/** The ranges as a regular expression (what the code-unit test replaced). */
const SIMPLE = /^[\u0000-\u058F\u1E00-\u1FFF\u2000-\u2BFF\u3000-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]*$/u;

describe('isSimpleText', () => {
  it('agrees with the ranges for every BMP character, alone and after simple text', () => {
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue; // lone surrogates: below
      const ch = String.fromCharCode(c);
      expect(isSimpleText(ch), c.toString(16)).toBe(SIMPLE.test(ch));
      expect(isSimpleText(`abc ${ch}`), c.toString(16)).toBe(SIMPLE.test(`abc ${ch}`));
    }
  });

  it('takes text beyond the BMP, Indic and Arabic as not simple, and the empty text as simple', () => {
    expect(isSimpleText('')).toBe(true);
    expect(isSimpleText('Café — 日本語 한국어 Ελληνικά')).toBe(true);
    expect(isSimpleText('emoji \u{1F600}')).toBe(false);
    expect(isSimpleText('\u{20000}')).toBe(SIMPLE.test('\u{20000}'));
    expect(isSimpleText('हिन्दी')).toBe(false);
    expect(isSimpleText('مرحبا')).toBe(false);
    expect(isSimpleText('\ud800')).toBe(false);
  });
});
