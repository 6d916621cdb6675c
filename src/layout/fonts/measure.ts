/** Text measurement with the FontBook's fontkit fonts, cached per font and string. */
import type { FontKey } from '../../types/paged.js';
import type { FontBook } from './font-book.js';
import { shapedAdvance } from '../../render/pdf-adapter/shape-store.js';

/** Vertical metrics of a font, in ems. */
export interface FontMetrics {
  readonly ascent: number;
  readonly descent: number;
  readonly underlinePosition: number;
  readonly underlineThickness: number;
}

/** Measures shaped text widths (same shaping as PDFKit: fontkit's default features; through `shape-store.ts` when it is on). */
export class Measurer {
  /** Widths in ems by font, then text (no key string built per lookup). */
  private readonly cache = new Map<FontKey, Map<string, number>>();
  private cached = 0;
  private readonly metricsCache = new Map<FontKey, FontMetrics>();

  constructor(readonly book: FontBook) {}

  /** Advance width in points of `text` set in `font` at `size`. */
  width(font: FontKey, size: number, text: string): number {
    if (text.length === 0) return 0;
    let byText = this.cache.get(font);
    let em = byText?.get(text);
    if (em === undefined) {
      const f = this.book.font(font);
      em = shapedAdvance(f, text) / f.unitsPerEm;
      if (this.cached > 200_000) {
        this.cache.clear();
        this.cached = 0;
        byText = undefined;
      }
      if (!byText) {
        byText = new Map();
        this.cache.set(font, byText);
      }
      byText.set(text, em);
      this.cached++;
    }
    return em * size;
  }

  /** Ascent/descent (ems) of a font. */
  metrics(font: FontKey): FontMetrics {
    let m = this.metricsCache.get(font);
    if (!m) {
      const f = this.book.font(font);
      const upm = f.unitsPerEm;
      m = {
        ascent: f.ascent / upm,
        descent: f.descent / upm,
        underlinePosition: f.underlinePosition / upm,
        underlineThickness: Math.max(f.underlineThickness / upm, 0.05),
      };
      this.metricsCache.set(font, m);
    }
    return m;
  }
}
