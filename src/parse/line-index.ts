/** Maps character offsets of a text to 1-based line and column numbers. */

/** A line/column pair (1-based). */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** Offset → line/column lookup for one text, built once. */
export class LineIndex {
  private readonly starts: number[] = [0];

  /** Indexes the line starts of `text` (LF, CRLF and CR endings). */
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  /** Line and column of `offset` (clamped to the text). */
  at(offset: number): LineColumn {
    const o = Math.max(0, offset);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1 };
  }
}
