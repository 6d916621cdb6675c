import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../src/diagnostics.js';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { Measurer } from '../../../src/layout/fonts/measure.js';
import { toPieces, type PieceOptions } from '../../../src/layout/inline/pieces.js';
import { MAX_SLICE_LENGTH, ShapeCache } from '../../../src/layout/inline/piece-shapes.js';
import type { Inline, TextStyle } from '../../../src/types/layout-tree.js';

const style = (size: number, face: TextStyle['face'] = 'regular', lang?: string): TextStyle => ({
  face,
  size,
  leading: size * 1.4,
  color: '#000000',
  strike: false,
  underline: false,
  ...(lang ? { lang } : {}),
});

const TEXT =
  'Hyphenation of extraordinarily long medication instructions, a soft\u00ADhyphen\u00ADated word, ' +
  'مرحبا بالعالم, नमस्ते दुनिया, ✓ ☎ and 人人生而自由 in one paragraph.';

const inlines = (size: number, face: TextStyle['face'] = 'regular', lang?: string): Inline[] => [
  { kind: 'text', text: TEXT, style: style(size, face, lang) },
  { kind: 'break', style: style(size, face, lang) },
  { kind: 'text', text: 'Bold continuation with information', style: style(size, 'bold') },
];

const options = (measurer: Measurer, o: Partial<PieceOptions> = {}): PieceOptions => ({
  measurer,
  lang: 'en',
  hyphenate: true,
  maxWidth: 400,
  diags: new Diagnostics(),
  place: { file: 'x.md', line: 1, column: 1 },
  ...o,
});

describe('piece shapes remembered per measurer', () => {
  it('gives the same pieces from the cache as a cold measurer, for every size, face, language and hyphenation setting', () => {
    const warm = new Measurer(sharedFontBook());
    const cases: [Inline[], Partial<PieceOptions>][] = [
      [inlines(10), {}],
      [inlines(13.5), {}],
      [inlines(10), { hyphenate: false }],
      [inlines(10, 'mono'), {}],
      [inlines(10), { lang: 'de' }],
      [inlines(10, 'regular', 'ja'), {}],
      [inlines(48), { maxWidth: 60 }],
    ];
    for (const [content, o] of cases) {
      const fromCache = toPieces(content, options(warm, o));
      const again = toPieces(content, options(warm, o));
      const cold = toPieces(content, options(new Measurer(sharedFontBook()), o));
      expect(fromCache).toEqual(cold);
      expect(again).toEqual(cold);
    }
  });

  it('scales widths measured once to exactly what the measurer gives at each size', () => {
    const m = new Measurer(sharedFontBook());
    toPieces(inlines(10), options(m));
    const pieces = toPieces(inlines(13.5), options(m));
    expect(pieces.some((p) => p.hyphenWidth > 0)).toBe(true);
    for (const p of pieces) {
      expect(p.width).toBe(m.width(p.font, p.style.size, p.text.replaceAll('\u00AD', '')));
      expect(p.spaceWidth).toBe(m.width(p.font, p.style.size, p.space));
      if (p.hyphenWidth > 0) expect(p.hyphenWidth).toBe(m.width(p.font, p.style.size, '-'));
    }
  });

  it('reports a character no font has every time, not only the first', () => {
    const m = new Measurer(sharedFontBook());
    const content: Inline[] = [{ kind: 'text', text: 'missing \u{E000} glyph', style: style(10) }];
    for (let i = 0; i < 2; i++) {
      const diags = new Diagnostics();
      toPieces(content, { ...options(m), diags });
      expect(diags.list.map((d) => d.ruleId)).toEqual(['missing-glyph']);
    }
  });
});

describe('ShapeCache', () => {
  it('keeps word-sized slices only, and drops everything once full', () => {
    const cache = new ShapeCache();
    const words = cache.context('regular\u0000en\u0000en');
    cache.remember(words, 'word ', []);
    cache.remember(words, 'x'.repeat(MAX_SLICE_LENGTH + 1), []);
    expect([...words.keys()]).toEqual(['word ']);
    for (let i = 0; i < 20_000; i++) cache.remember(words, `w${i}`, []);
    expect(words.has('word ')).toBe(false);
    expect(words.size).toBeLessThanOrEqual(20_000);
  });
});
