/**
 * Measures of a finished line breaking, for tests and diagnostics: how loose
 * the loosest line is, how uneven ragged line ends are, hyphen statistics.
 */
import { SHRINK_PER_SPACE, STRETCH_PER_SPACE } from './paragraph.js';
import type { BreakOptions, LineBreak, Segment } from './types.js';

/** Summary of a line breaking. */
export interface LayoutQuality {
  /** Number of lines. */
  readonly lineCount: number;
  /**
   * Largest looseness over all lines but the last. Justify: adjustment ratio r (extra width ÷
   * inner stretch; Infinity when a short line has no inner space). Ragged: gap ÷ line width.
   */
  readonly maxLooseness: number;
  /** Most negative adjustment ratio in justify mode (0 if no line shrinks; < -1 means overfull). */
  readonly maxTightness: number;
  /** Largest TeX badness (100·|r|³, capped at 10000) over all lines but the last, justify mode; 0 in ragged mode. */
  readonly maxBadness: number;
  /** Line-end gaps (available − natural width) of all lines but the last. */
  readonly gaps: readonly number[];
  /** Population variance of {@link gaps} (0 for fewer than two lines). */
  readonly gapVariance: number;
  /** Lines ending with a drawn hyphen. */
  readonly hyphenatedLines: number;
  /** Longest run of consecutive hyphenated lines. */
  readonly maxConsecutiveHyphens: number;
  /** Lines marked overfull. */
  readonly overfullLines: number;
}

/**
 * Computes {@link LayoutQuality} for `lines` produced from `segments` with `options`.
 */
export function layoutQuality(lines: readonly LineBreak[], options: BreakOptions, segments: readonly Segment[]): LayoutQuality {
  let maxLooseness = 0;
  let maxTightness = 0;
  let maxBadness = 0;
  let hyphenatedLines = 0;
  let run = 0;
  let maxConsecutiveHyphens = 0;
  let overfullLines = 0;
  const gaps: number[] = [];
  lines.forEach((line, i) => {
    const width = options.lineWidth(i);
    const isLast = i === lines.length - 1;
    if (line.hyphenated) {
      hyphenatedLines++;
      run++;
      maxConsecutiveHyphens = Math.max(maxConsecutiveHyphens, run);
    } else run = 0;
    if (line.overfull) overfullLines++;
    if (isLast) return;
    const gap = width - line.naturalWidth;
    gaps.push(gap);
    if (options.mode === 'ragged') {
      maxLooseness = Math.max(maxLooseness, width > 0 ? gap / width : Infinity);
      return;
    }
    let inner = 0;
    for (let k = line.start; k < line.end - 1; k++) inner += (segments[k] as Segment).spaceWidth;
    let r: number;
    if (gap >= 0) r = gap === 0 ? 0 : inner > 0 ? gap / (inner * STRETCH_PER_SPACE) : Infinity;
    else r = inner > 0 ? gap / (inner * SHRINK_PER_SPACE) : -Infinity;
    maxLooseness = Math.max(maxLooseness, r);
    maxTightness = Math.min(maxTightness, r);
    maxBadness = Math.max(maxBadness, Math.min(10000, 100 * Math.abs(r) ** 3));
  });
  const mean = gaps.length > 0 ? gaps.reduce((s, g) => s + g, 0) / gaps.length : 0;
  const gapVariance = gaps.length > 1 ? gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length : 0;
  return {
    lineCount: lines.length,
    maxLooseness,
    maxTightness,
    maxBadness,
    gaps,
    gapVariance,
    hyphenatedLines,
    maxConsecutiveHyphens,
    overfullLines,
  };
}
