/**
 * Input and output types of the paragraph line breaker. The caller measures
 * text (fontkit) and hands over unbreakable, already measured segments; the
 * breaker only decides where lines end. All widths are in points.
 */

/** One unbreakable piece of a paragraph, already measured (points). */
export interface Segment {
  /** Width of the visible content. */
  readonly width: number;
  /** Width of trailing white space that disappears when a line ends after this segment (0 if none). */
  readonly spaceWidth: number;
  /**
   * Whether a line may end after this segment: 'none' (e.g. style change inside a word), 'allowed', or 'mandatory'
   * (hard break / end of paragraph).
   */
  readonly breakAfter: 'none' | 'allowed' | 'mandatory';
  /**
   * Extra cost of ending a line here (0 for ordinary word boundaries; hyphenation points ~50; emergency breaks inside a
   * long word/URL ~2000+).
   */
  readonly cost: number;
  /** When ending a line here draws a hyphen, its width (0 if no hyphen is drawn). */
  readonly hyphenWidth: number;
}

/** How lines are set: justified (spaces stretch and shrink) or ragged (fixed spaces, uneven line ends). */
export type BreakMode = 'justify' | 'ragged';

/** Options of {@link breakLines}. */
export interface BreakOptions {
  /** Justified or ragged setting. */
  mode: BreakMode;
  /** Width available for line i (0-based); usually constant. */
  lineWidth: (line: number) => number;
  /**
   * TeX-style tolerance: the largest badness (100·r³, r = adjustment ratio) a line may
   * have in the main pass (default 200). The first pass uses min(100, tolerance), the
   * looser pass max(5·tolerance, 1000), the emergency pass anything that is not overfull.
   */
  tolerance?: number;
}

/** One line chosen by the breaker. */
export interface LineBreak {
  /** Index of the first segment on this line. */
  readonly start: number;
  /** Index one past the last segment on this line. */
  readonly end: number;
  /** Natural width of the line content (excluding the trailing space of the last segment, including a drawn hyphen). */
  readonly naturalWidth: number;
  /** Whether the line ends with a drawn hyphen. */
  readonly hyphenated: boolean;
  /**
   * For justify mode: extra width to distribute over the line's inner spaces (0 for the last
   * line, for lines without inner spaces and in ragged mode); may be negative (shrink). A last
   * line (ending at a mandatory break) only gets a negative value when it fits by shrinking.
   */
  readonly adjustment: number;
  /** True when the line is wider than its available width (only when nothing else was possible). */
  readonly overfull: boolean;
}
