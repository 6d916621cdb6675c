/**
 * A glyph's advance width as fontkit's `glyph.advanceWidth` gives it (fontkit 2), without what fontkit works out with
 * it: its getter fills in all of the glyph's metrics at once, and for a font without vertical metrics (`vmtx`: every
 * bundled font but the CJK collections) that needs the glyph's bounding box, decoded from `glyf` (and, the first time,
 * the whole `loca` table). Drawing needs the advance only, for glyphs whose shaping came from the word stores, so a
 * cold build decoded some hundred glyph outlines for nothing. Read here from `hmtx` by fontkit's own lookup; fontkit's
 * getter for a variable font (whose advances vary) and for a glyph whose metrics are known. Guarded by
 * `tests/render/pdf-adapter/advance-width.test.ts`.
 */

/** The fontkit internals used here. */
interface GlyphInternals {
  readonly advanceWidth: number;
  readonly _metrics?: { readonly advanceWidth: number } | null;
  readonly _font?: { readonly hmtx?: unknown; readonly _variationProcessor?: unknown };
  readonly _getTableMetrics?: (table: unknown) => { readonly advance?: unknown } | undefined;
}

/** `glyph.advanceWidth` (font units), read without the glyph's other metrics when fontkit's internals allow. */
export function advanceWidthOf(glyph: { readonly advanceWidth: number }): number {
  const g = glyph as GlyphInternals;
  if (g._metrics) return g._metrics.advanceWidth;
  const font = g._font;
  if (!font || font._variationProcessor || typeof g._getTableMetrics !== 'function') return glyph.advanceWidth;
  const hmtx = font.hmtx;
  if (!hmtx) return glyph.advanceWidth;
  const advance = g._getTableMetrics(hmtx)?.advance;
  return typeof advance === 'number' ? advance : glyph.advanceWidth;
}
