/**
 * Grapheme clusters of long text in bounded time. `Intl.Segmenter` is
 * quadratic on one long string (each segment copies the input), so text is
 * segmented in windows, each window's last cluster re-segmented with the next.
 */

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** Code units segmented at once. */
const WINDOW = 512;

/** One grapheme cluster and its code unit offset in the text. */
export interface GraphemeCluster {
  readonly segment: string;
  readonly index: number;
}

/** Splits `text` into grapheme clusters (same result as `Intl.Segmenter` for clusters shorter than the window). */
export function graphemeClusters(text: string): GraphemeCluster[] {
  if (text.length <= WINDOW) return [...segmenter.segment(text)].map((s) => ({ segment: s.segment, index: s.index }));
  const out: GraphemeCluster[] = [];
  let start = 0;
  while (start < text.length) {
    const end = Math.min(text.length, start + WINDOW);
    const segs = [...segmenter.segment(text.slice(start, end))];
    // The window's last cluster may continue past it: segment it again with the next window.
    const keep = end < text.length && segs.length > 1 ? segs.length - 1 : segs.length;
    for (let i = 0; i < keep; i++) out.push({ segment: segs[i]!.segment, index: start + segs[i]!.index });
    const last = segs[keep - 1]!;
    start += last.index + last.segment.length;
  }
  return out;
}
