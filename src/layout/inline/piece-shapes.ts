/**
 * Piece shapes: what a slice of a paragraph's text becomes in pieces before its size and place are
 * known — its font runs, the trailing space of each, the hyphenation or soft-hyphen parts and every
 * width at 1 pt. Remembered per process by slice text (a word with its trailing space, mostly), font
 * face, language and hyphenation, so a word seen before is not split into font runs, hyphenated and
 * measured again. A width at `size` is the width at 1 pt times `size`, exactly what the measurer gives.
 */
import type { FontKey } from '../../types/paged.js';
import type { Measurer } from '../fonts/measure.js';

/** A part of a piece between hyphenation points or soft hyphens. */
export interface ShapePart {
  readonly text: string;
  /** Offset of `text` in the piece's text. */
  readonly at: number;
  /** Width at 1 pt. */
  readonly em: number;
}

/** One piece of a slice, measured at 1 pt. */
export interface PieceShape {
  /** Visible text (soft hyphens kept). */
  readonly text: string;
  /** Offset of `text` in the slice. */
  readonly at: number;
  /** Trailing space (newlines removed). */
  readonly space: string;
  readonly font: FontKey;
  /** Width of `text` without soft hyphens, at 1 pt. */
  readonly em: number;
  /** Width of `space` at 1 pt. */
  readonly spaceEm: number;
  /** Where a line may end inside the piece (each part but the last ends with a hyphen), or null when it may not. */
  readonly parts: readonly ShapePart[] | null;
  /** Width of the hyphen at 1 pt (0 when there are no parts). */
  readonly hyphenEm: number;
}

/** Slices remembered per measurer before its shapes are all dropped (a few MB at most). */
const MAX_SLICES = 20_000;
/** Longer slices are not words: never remembered. */
export const MAX_SLICE_LENGTH = 256;

/** The shapes remembered for one measurer (one font book), by context (face, languages, hyphenation), then slice text. */
export class ShapeCache {
  #slices = 0;
  readonly #byContext = new Map<string, Map<string, readonly PieceShape[]>>();

  /** The shapes of one context, by slice text. */
  context(key: string): Map<string, readonly PieceShape[]> {
    let bySlice = this.#byContext.get(key);
    if (!bySlice) {
      bySlice = new Map();
      this.#byContext.set(key, bySlice);
    }
    return bySlice;
  }

  /**
   * Remembers `shapes` for `slice` in `bySlice` (from {@link context}), unless the slice is longer than
   * {@link MAX_SLICE_LENGTH}; past {@link MAX_SLICES} everything is dropped first.
   */
  remember(bySlice: Map<string, readonly PieceShape[]>, slice: string, shapes: readonly PieceShape[]): void {
    if (slice.length > MAX_SLICE_LENGTH) return;
    if (this.#slices >= MAX_SLICES) {
      for (const m of this.#byContext.values()) m.clear();
      this.#slices = 0;
    }
    bySlice.set(slice, shapes);
    this.#slices++;
  }
}

const caches = new WeakMap<Measurer, ShapeCache>();

/** The shape cache of `measurer` (made on first use; it lives as long as the measurer). */
export function shapeCacheOf(measurer: Measurer): ShapeCache {
  let c = caches.get(measurer);
  if (!c) {
    c = new ShapeCache();
    caches.set(measurer, c);
  }
  return c;
}
