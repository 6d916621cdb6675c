import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../src/diagnostics.js';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { Measurer } from '../../../src/layout/fonts/measure.js';
import { toPieces, wordBreaks } from '../../../src/layout/inline/pieces.js';
import { syllables, textLayerSegments } from '../../../src/layout/inline/text-layer.js';
import type { TextStyle } from '../../../src/types/layout-tree.js';

const style: TextStyle = { face: 'regular', size: 10, leading: 14, color: '#000000', strike: false, underline: false };
const pieces = (text: string, lang: string) =>
  toPieces([{ kind: 'text', text, style }], {
    measurer: new Measurer(sharedFontBook()),
    lang,
    hyphenate: false,
    maxWidth: 500,
    diags: new Diagnostics(),
    place: { file: 'x.md', line: 1, column: 1 },
  });

describe('line breaking per script', () => {
  it('breaks CJK between characters but never before closing punctuation', () => {
    const ps = pieces('人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心。', 'zh-Hans');
    expect(ps.length).toBeGreaterThan(10);
    for (const p of ps) expect(p.text).not.toMatch(/^[，。、」）]/u);
    expect(ps.some((p) => p.text.endsWith('，'))).toBe(true);
  });

  it('finds Thai, Lao, Khmer and Myanmar word boundaries with Intl.Segmenter', () => {
    const thai = 'มนุษย์ทั้งหลายเกิดมามีอิสระ';
    const breaks = wordBreaks(thai, 'th');
    expect(breaks.length).toBeGreaterThan(2);
    expect(thai.slice(0, breaks[0])).toBe('มนุษย์');
    expect(pieces(thai, 'th').length).toBe(breaks.length + 1);
    expect(wordBreaks('មនុស្សទាំងអស់', 'km').length).toBeGreaterThan(0);
    expect(wordBreaks('plain latin text', 'en')).toEqual([]);
  });

  it('records logical offsets of pieces', () => {
    const text = 'one two three';
    for (const p of pieces(text, 'en')) expect(text.slice(p.offset, p.offset + p.text.length)).toBe(p.text);
  });
});

describe('text layer of complex scripts', () => {
  it('joins syllables across viramas', () => {
    expect(syllables('हिन्दी')).toEqual(['हि', 'न्दी']);
  });

  it('gives ActualText only to syllables whose glyphs read back in another order', () => {
    const font = sharedFontBook().font('devanagari');
    const segs = textLayerSegments(font, 'हिन्दी में किताब');
    expect(segs.map((s) => s.text).join('')).toBe('हिन्दी में किताब');
    const withActual = segs.filter((s) => s.actualText !== undefined);
    expect(withActual.map((s) => s.actualText)).toEqual(['हि', 'कि']);
    expect(textLayerSegments(sharedFontBook().font('sans-regular'), 'plain')).toEqual([{ text: 'plain' }]);
  });
});
