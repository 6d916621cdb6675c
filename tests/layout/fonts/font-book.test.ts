import { describe, expect, it } from 'vitest';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { cjkRegionFor } from '../../../src/layout/fonts/bundled-fonts.js';
import { Diagnostics } from '../../../src/diagnostics.js';
import { Measurer } from '../../../src/layout/fonts/measure.js';
import { toPieces } from '../../../src/layout/inline/pieces.js';
import type { TextStyle } from '../../../src/types/layout-tree.js';

const book = sharedFontBook();

describe('font book', () => {
  it('is shared and opens fonts lazily, once', () => {
    expect(sharedFontBook()).toBe(book);
    const a = book.font('thai');
    expect(book.font('thai')).toBe(a);
    expect(book.keys).toContain('thai');
  });

  it('falls back per script', () => {
    expect(book.fontFor('regular', 'A'.codePointAt(0)!)).toBe('sans-regular');
    expect(book.fontFor('regular', 'ب'.codePointAt(0)!)).toBe('arabic');
    expect(book.fontFor('bold', 'ب'.codePointAt(0)!)).toBe('arabic-bold');
    expect(book.fontFor('bold', 'ក'.codePointAt(0)!)).toBe('khmer-bold');
    expect(book.fontFor('bold', 'ሰ'.codePointAt(0)!)).toBe('ethiopic-bold');
    expect(book.fontFor('regular', 'ሰ'.codePointAt(0)!)).toBe('ethiopic');
    expect(book.fontFor('regular', '☎'.codePointAt(0)!)).toBe('symbols2');
    expect(book.fontFor('regular', 0xe000)).toBeUndefined();
  });

  it('chooses CJK glyph forms from the language tag', () => {
    expect(cjkRegionFor('zh-Hans')).toBe('sc');
    expect(cjkRegionFor('zh-CN')).toBe('sc');
    expect(cjkRegionFor('zh-Hant')).toBe('tc');
    expect(cjkRegionFor('zh-TW')).toBe('tc');
    expect(cjkRegionFor('zh-HK')).toBe('hk');
    expect(cjkRegionFor('ja')).toBe('jp');
    expect(cjkRegionFor('ko')).toBe('kr');
    expect(book.fontFor('regular', '直'.codePointAt(0)!, 'ja')).toBe('cjk-jp');
    expect(book.fontFor('regular', '直'.codePointAt(0)!, 'zh-Hant')).toBe('cjk-tc');
    expect(book.fontFor('bold', '한'.codePointAt(0)!, 'ko')).toBe('cjk-kr-bold');
    expect(book.font('cjk-jp').postscriptName).toBe('NotoSansCJKjp-Regular');
  });

  it('keeps spaces and punctuation in the font of the script around them', () => {
    const style: TextStyle = { face: 'regular', size: 10, leading: 14, color: '#000000', strike: false, underline: false };
    const pieces = toPieces([{ kind: 'text', text: 'كلمة، كلمة', style }], { measurer: new Measurer(book), lang: 'ar', hyphenate: false, maxWidth: 500, diags: new Diagnostics(), place: { file: 'x.md', line: 1, column: 1 } });
    expect(pieces.every((p) => p.font === 'arabic')).toBe(true);
  });

  it('reports a character no bundled font has, with its code point, place and language', () => {
    const style: TextStyle = { face: 'regular', size: 10, leading: 14, color: '#000000', strike: false, underline: false };
    const diags = new Diagnostics();
    toPieces([{ kind: 'text', text: 'ab\uE000c', style, place: { file: 'g.md', line: 4, column: 3 } }], { measurer: new Measurer(book), lang: 'es', hyphenate: false, maxWidth: 500, diags, place: { file: 'g.md', line: 4, column: 1 } });
    const d = diags.list.find((x) => x.ruleId === 'missing-glyph')!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain('U+E000');
    expect(d.message).toContain('`es`');
    expect(d.line).toBe(4);
    expect(d.column).toBe(5);
  });
});
