/** Guard: fontkit's `CFFSubset` made without decoding the font's CFF table until it is encoded (`lazy-cff-subset.ts`). */
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { bundledFontsDir } from '../../../src/layout/fonts/font-book.js';
import { cffNotYetDecoded, lazyCffSubsets } from '../../../src/render/pdf-adapter/lazy-cff-subset.js';

interface SubsetInternals {
  cff?: unknown;
  font: unknown;
  includeGlyph: (id: number) => number;
  encode: () => Uint8Array;
}

interface FontInternals {
  readonly _tables: Record<string, unknown>;
  readonly createSubset: () => SubsetInternals;
  readonly layout: (text: string) => { glyphs: { id: number }[] };
}

function open(file: string, face?: string): FontInternals {
  return fontkit.openSync(path.join(bundledFontsDir(), file), face) as unknown as FontInternals;
}

const TEXT = '안녕하세요 환자분, 첫 세션';

function encoded(font: FontInternals): { subset: SubsetInternals; bytes: Buffer } {
  const subset = font.createSubset();
  for (const g of font.layout(TEXT).glyphs) subset.includeGlyph(g.id);
  return { subset, bytes: Buffer.from(subset.encode()) };
}

describe('lazy CFF subsets', () => {
  it('fontkit still decodes the CFF table when it makes a subset (the reason for the patch)', () => {
    const font = open('NotoSansCJK-Regular.ttc', 'NotoSansCJKkr-Regular');
    expect(font._tables['CFF ']).toBeUndefined();
    font.createSubset();
    expect(font._tables['CFF ']).toBeDefined();
  });

  it('makes a subset without decoding the table, and encodes exactly what fontkit encodes', () => {
    const plain = encoded(open('NotoSansCJK-Regular.ttc', 'NotoSansCJKkr-Regular'));
    const font = open('NotoSansCJK-Regular.ttc', 'NotoSansCJKkr-Regular');
    lazyCffSubsets(font as unknown as fontkit.Font);
    const subset = font.createSubset();
    expect(font._tables['CFF ']).toBeUndefined();
    expect(cffNotYetDecoded(subset)).toBe(true);
    expect(subset.cff != null).toBe(true); // what PDFKit tests to write a CFF font file
    expect(subset.font).toBe(font);
    expect(Object.getPrototypeOf(subset)).toBe(Object.getPrototypeOf(plain.subset)); // fontkit's own CFFSubset
    for (const g of font.layout(TEXT).glyphs) subset.includeGlyph(g.id);
    const bytes = Buffer.from(subset.encode());
    expect(font._tables['CFF ']).toBeDefined();
    expect(cffNotYetDecoded(subset)).toBe(false);
    expect(bytes.equals(plain.bytes)).toBe(true);
    // encoded again (fontkit's CFF subset keeps state between encodes: the second differs from the first, alike)
    expect(Buffer.from(subset.encode()).equals(Buffer.from(plain.subset.encode()))).toBe(true);
  });

  it('leaves a TrueType font as it is', () => {
    const font = open('NotoSans-Regular.ttf');
    lazyCffSubsets(font as unknown as fontkit.Font);
    expect(Object.prototype.hasOwnProperty.call(font, 'createSubset')).toBe(false);
  });
});
