/**
 * Prefix sums over a paragraph's segments so that the natural width, stretch
 * and shrink of any candidate line are O(1) to compute.
 */
import type { BreakMode, Segment } from './types.js';

/** Break kinds as small integers (hot loop). */
export const KIND_NONE = 0;
/** A line may end after the segment. */
export const KIND_ALLOWED = 1;
/** A line must end after the segment (hard break, end of paragraph). */
export const KIND_MANDATORY = 2;

/** Interword stretch in justify mode, as a fraction of the space width. */
export const STRETCH_PER_SPACE = 1 / 2;
/** Interword shrink in justify mode, as a fraction of the space width. */
export const SHRINK_PER_SPACE = 1 / 3;
/** Breaks costing this much or more are only used by the emergency pass. */
export const EXPENSIVE_COST = 1000;

/**
 * A paragraph ready for breaking: sanitised per-segment values and prefix sums. The arrays may be longer than the
 * paragraph (when made in a {@link ParagraphScratch}): only the first `count` entries (`count + 1` for the sums) are its.
 */
export interface PreparedParagraph {
  readonly count: number;
  /** Break kind per segment; the last segment is always mandatory. */
  readonly kind: Uint8Array;
  readonly cost: Float64Array;
  readonly hyphenWidth: Float64Array;
  readonly space: Float64Array;
  /** sumWidth[i] = Σ_{k<i} (width_k + space_k). */
  readonly sumWidth: Float64Array;
  /** Σ_{k<i} stretch of space_k (0 in ragged mode). */
  readonly sumStretch: Float64Array;
  /** Σ_{k<i} shrink of space_k (0 in ragged mode). */
  readonly sumShrink: Float64Array;
  /** Σ_{k<i} space_k (to know whether a line has inner spaces at all). */
  readonly sumSpace: Float64Array;
  /** Mean of the positive space widths (0 when there are none). */
  readonly meanSpace: number;
  /** Whether some ordinary-cost break draws a hyphen (else the hyphenation pass adds nothing). */
  readonly hasHyphenBreaks: boolean;
  /** Whether some break costs at least {@link EXPENSIVE_COST} (only the emergency pass uses them). */
  readonly hasExpensiveBreaks: boolean;
}

function finiteNonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Arrays for {@link prepareParagraph} kept from one paragraph to the next and grown as needed: a paragraph's eight
 * typed arrays, each with its own buffer, were a good part of line breaking's garbage. One paragraph at a time:
 * what was prepared in it is overwritten by the next.
 */
export class ParagraphScratch {
  kind = new Uint8Array(0);
  cost = new Float64Array(0);
  hyphenWidth = new Float64Array(0);
  space = new Float64Array(0);
  sumWidth = new Float64Array(1);
  sumStretch = new Float64Array(1);
  sumShrink = new Float64Array(1);
  sumSpace = new Float64Array(1);

  /** Makes room for `n` segments. */
  fit(n: number): void {
    if (this.kind.length >= n) return;
    const size = Math.max(n, 2 * this.kind.length, 64);
    this.kind = new Uint8Array(size);
    this.cost = new Float64Array(size);
    this.hyphenWidth = new Float64Array(size);
    this.space = new Float64Array(size);
    this.sumWidth = new Float64Array(size + 1);
    this.sumStretch = new Float64Array(size + 1);
    this.sumShrink = new Float64Array(size + 1);
    this.sumSpace = new Float64Array(size + 1);
  }
}

/** Builds the prefix sums for `segments` in `mode`, in new arrays or in `scratch`'s. */
export function prepareParagraph(segments: readonly Segment[], mode: BreakMode, scratch?: ParagraphScratch): PreparedParagraph {
  const n = segments.length;
  scratch?.fit(n);
  const kind = scratch ? scratch.kind : new Uint8Array(n);
  const cost = scratch ? scratch.cost : new Float64Array(n);
  const hyphenWidth = scratch ? scratch.hyphenWidth : new Float64Array(n);
  const space = scratch ? scratch.space : new Float64Array(n);
  const sumWidth = scratch ? scratch.sumWidth : new Float64Array(n + 1);
  const sumStretch = scratch ? scratch.sumStretch : new Float64Array(n + 1);
  const sumShrink = scratch ? scratch.sumShrink : new Float64Array(n + 1);
  const sumSpace = scratch ? scratch.sumSpace : new Float64Array(n + 1);
  sumWidth[0] = 0;
  sumStretch[0] = 0;
  sumShrink[0] = 0;
  sumSpace[0] = 0;
  const stretchFactor = mode === 'justify' ? STRETCH_PER_SPACE : 0;
  const shrinkFactor = mode === 'justify' ? SHRINK_PER_SPACE : 0;
  let spaceTotal = 0;
  let spaceCount = 0;
  let hasHyphenBreaks = false;
  let hasExpensiveBreaks = false;
  for (let i = 0; i < n; i++) {
    const s = segments[i] as Segment;
    const w = finiteNonNegative(s.width);
    const sp = finiteNonNegative(s.spaceWidth);
    const k =
      i === n - 1 ? KIND_MANDATORY : s.breakAfter === 'mandatory' ? KIND_MANDATORY : s.breakAfter === 'allowed' ? KIND_ALLOWED : KIND_NONE;
    kind[i] = k;
    const c = Number.isFinite(s.cost) ? Math.max(-9999, s.cost) : 0;
    cost[i] = c;
    const hw = k === KIND_ALLOWED ? finiteNonNegative(s.hyphenWidth) : 0;
    hyphenWidth[i] = hw;
    if (k === KIND_ALLOWED) {
      if (c >= EXPENSIVE_COST) hasExpensiveBreaks = true;
      else if (hw > 0) hasHyphenBreaks = true;
    }
    space[i] = sp;
    if (sp > 0) {
      spaceTotal += sp;
      spaceCount++;
    }
    sumWidth[i + 1] = (sumWidth[i] as number) + w + sp;
    sumStretch[i + 1] = (sumStretch[i] as number) + sp * stretchFactor;
    sumShrink[i + 1] = (sumShrink[i] as number) + sp * shrinkFactor;
    sumSpace[i + 1] = (sumSpace[i] as number) + sp;
  }
  return {
    count: n,
    kind,
    cost,
    hyphenWidth,
    space,
    sumWidth,
    sumStretch,
    sumShrink,
    sumSpace,
    meanSpace: spaceCount > 0 ? spaceTotal / spaceCount : 0,
    hasHyphenBreaks,
    hasExpensiveBreaks,
  };
}
