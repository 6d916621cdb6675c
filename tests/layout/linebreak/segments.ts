/**
 * Test helpers: synthetic segments with fixed widths, and a first-fit (greedy)
 * reference breaker to compare the total-fit result against.
 */
import type { BreakOptions, LineBreak, Segment } from '../../../src/layout/linebreak/knuth-plass.js';

/** Width of one space in the synthetic text. */
export const SPACE = 3;
/** Width of one letter in the synthetic text. */
export const LETTER = 5;

/** One word segment of `width` followed by a breakable space (the last one ends the paragraph). */
export function word(width: number, last = false): Segment {
  return last
    ? { width, spaceWidth: 0, breakAfter: 'mandatory', cost: 0, hyphenWidth: 0 }
    : { width, spaceWidth: SPACE, breakAfter: 'allowed', cost: 0, hyphenWidth: 0 };
}

/** A paragraph of words with the given widths. */
export function paragraph(widths: readonly number[]): Segment[] {
  return widths.map((w, i) => word(w, i === widths.length - 1));
}

/** A paragraph from text: letters are LETTER wide, '|' marks a hyphenation point (cost 50, hyphen LETTER wide). */
export function textParagraph(text: string): Segment[] {
  const out: Segment[] = [];
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  words.forEach((w, wi) => {
    const parts = w.split('|');
    parts.forEach((part, pi) => {
      const lastPart = pi === parts.length - 1;
      const lastWord = wi === words.length - 1;
      out.push({
        width: part.length * LETTER,
        spaceWidth: lastPart && !lastWord ? SPACE : 0,
        breakAfter: lastPart ? (lastWord ? 'mandatory' : 'allowed') : 'allowed',
        cost: lastPart ? 0 : 50,
        hyphenWidth: lastPart ? 0 : LETTER,
      });
    });
  });
  return out;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random word widths (2–12 letters). */
export function randomWidths(seed: number, count: number): number[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => (2 + Math.floor(r() * 11)) * LETTER);
}

/**
 * First-fit breaking: put as many segments on a line as fit at natural width (shrink
 * allowed in justify mode), ignoring hyphenation points (cost > 0).
 */
export function greedyBreak(segments: readonly Segment[], options: BreakOptions): LineBreak[] {
  const lines: LineBreak[] = [];
  let start = 0;
  while (start < segments.length) {
    const width = options.lineWidth(lines.length);
    let lastFit = -1;
    let natural = 0;
    let inner = 0;
    for (let i = start; i < segments.length; i++) {
      const s = segments[i] as Segment;
      const lineNat = natural + s.width;
      const shrink = options.mode === 'justify' ? inner / 3 : 0;
      const canBreak = s.breakAfter !== 'none' || i === segments.length - 1;
      if (lineNat - shrink > width && lastFit >= 0) break;
      if (canBreak && (s.cost === 0 || s.breakAfter === 'mandatory' || i === segments.length - 1)) lastFit = i;
      if (s.breakAfter === 'mandatory') break;
      natural = lineNat + s.spaceWidth;
      inner += s.spaceWidth;
    }
    if (lastFit < 0) lastFit = segments.length - 1;
    let nat = 0;
    for (let i = start; i <= lastFit; i++) nat += (segments[i] as Segment).width + (i < lastFit ? (segments[i] as Segment).spaceWidth : 0);
    const isLast = lastFit === segments.length - 1 || (segments[lastFit] as Segment).breakAfter === 'mandatory';
    lines.push({
      start,
      end: lastFit + 1,
      naturalWidth: nat,
      hyphenated: false,
      adjustment: isLast ? 0 : width - nat,
      overfull: nat > width,
    });
    start = lastFit + 1;
  }
  return lines;
}
