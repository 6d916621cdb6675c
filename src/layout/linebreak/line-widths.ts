/**
 * Cached access to the caller's per-line width function, plus the index after
 * which all lines are assumed to have the same width (TeX's "easy line"), so
 * that break nodes on later lines can be merged regardless of line number.
 */

/** How many leading lines are probed for differing widths. */
const PROBE_LINES = 64;

/** Per-line available widths. */
export class LineWidths {
  private readonly cache: number[] = [];
  /** Lines with an index ≥ this are treated as interchangeable. */
  readonly easyLine: number;

  constructor(private readonly fn: (line: number) => number) {
    let easy = 0;
    for (let i = 0; i < PROBE_LINES; i++) {
      if (this.get(i) !== this.get(i + 1)) easy = i + 1;
    }
    this.easyLine = easy;
  }

  /** Width of line `line` (0-based); non-finite or negative widths count as 0. */
  get(line: number): number {
    let w = this.cache[line];
    if (w === undefined) {
      const raw = this.fn(line);
      w = Number.isFinite(raw) && raw > 0 ? raw : 0;
      this.cache[line] = w;
    }
    return w;
  }

  /** Class of a line number for node merging: exact below {@link easyLine}, shared above. */
  lineClass(line: number): number {
    return line < this.easyLine ? line : this.easyLine;
  }
}
