/**
 * Inline text → measured pieces: the paragraph's text is split at UAX #14
 * break opportunities, at style changes and at font-fallback changes, then
 * measured. Pieces become the Segments the line breaker works on.
 */
import LineBreaker from 'linebreak';
import type { Diagnostics, SourcePlace } from '../../diagnostics.js';
import type { Inline, TextStyle } from '../../types/layout-tree.js';
import type { FontKey } from '../../types/paged.js';
import type { Measurer } from '../fonts/measure.js';
import { hyphenationPoints } from '../hyphenate.js';

/** A measured piece of text in one style and one font. */
export interface Piece {
  /** Visible text (no trailing break spaces, no soft hyphens). */
  readonly text: string;
  /** Trailing space text that vanishes at a line end. */
  readonly space: string;
  readonly style: TextStyle;
  readonly font: FontKey;
  readonly width: number;
  readonly spaceWidth: number;
  readonly breakAfter: 'none' | 'allowed' | 'mandatory';
  readonly cost: number;
  readonly hyphenWidth: number;
}

/** Options for {@link toPieces}. */
export interface PieceOptions {
  readonly measurer: Measurer;
  readonly lang: string;
  readonly hyphenate: boolean;
  /** Widest line; longer pieces are split at grapheme boundaries (emergency breaks). */
  readonly maxWidth: number;
  readonly diags: Diagnostics;
  readonly place: SourcePlace;
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly style: TextStyle;
  readonly place?: SourcePlace;
}

const HYPHEN_COST = 50;
const EMERGENCY_COST = 5000;
const SHY = '\u00AD';
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Splits `s` into runs of the same font according to the face's fallback chain. */
function fontRuns(s: string, style: TextStyle, opts: PieceOptions, place: SourcePlace): { text: string; font: FontKey }[] {
  const runs: { text: string; font: FontKey }[] = [];
  const book = opts.measurer.book;
  let lastFont: FontKey | undefined;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    let font: FontKey | undefined;
    if (cp === 0x20 || cp === 0x0a || cp === 0xa0 || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || cp === 0x2060 || cp === 0xfeff) {
      font = lastFont ?? book.chain(style.face)[0];
    } else {
      font = book.fontFor(style.face, cp);
    }
    if (font === undefined) {
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      opts.diags.error(place, `no bundled font has the character U+${hex} (\`${ch}\`) used in language \`${opts.lang}\`; remove it or add a font that covers it`, 'missing-glyph');
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ text: ch, font });
    lastFont = font;
  }
  return runs;
}

function splitTrailingSpace(s: string): [string, string] {
  const m = /[ \n]+$/.exec(s);
  return m ? [s.slice(0, m.index), s.slice(m.index).replace(/\n/g, '')] : [s, ''];
}

/** Turns a paragraph's inlines into measured pieces (one per breakable unit). */
export function toPieces(inlines: readonly Inline[], opts: PieceOptions): Piece[] {
  let text = '';
  const spans: Span[] = [];
  for (const inline of inlines) {
    if (inline.kind === 'text') {
      if (inline.text.length === 0) continue;
      spans.push({ start: text.length, end: text.length + inline.text.length, style: inline.style, place: inline.place });
      text += inline.text;
    } else if (inline.kind === 'break') {
      spans.push({ start: text.length, end: text.length + 1, style: inline.style });
      text += '\n';
    } else {
      throw new Error('handoutkit: page fields must be filled before inline layout');
    }
  }
  const pieces: Piece[] = [];
  if (text.length === 0) return pieces;

  const breaker = new LineBreaker(text);
  let start = 0;
  let spanIndex = 0;
  for (let brk = breaker.nextBreak(); brk; brk = breaker.nextBreak()) {
    const end = brk.position;
    if (end <= start) continue;
    const required = brk.required || text[end - 1] === '\n';
    const chunkPieces: Piece[] = [];
    // walk the spans that overlap [start, end)
    while (spanIndex < spans.length && spans[spanIndex]!.end <= start) spanIndex++;
    for (let i = spanIndex; i < spans.length && spans[i]!.start < end; i++) {
      const span = spans[i]!;
      const s = text.slice(Math.max(start, span.start), Math.min(end, span.end));
      const place = span.place ?? opts.place;
      for (const run of fontRuns(s, span.style, opts, place)) {
        chunkPieces.push(makePiece(run.text, span.style, run.font, opts));
      }
    }
    // only the last piece of a chunk may end a line
    const last = chunkPieces.length - 1;
    chunkPieces.forEach((p, i) => {
      const breakAfter: Piece['breakAfter'] = i < last ? 'none' : required ? 'mandatory' : 'allowed';
      pieces.push(...finishPiece(p, breakAfter, opts));
    });
    start = end;
  }
  return pieces;
}

function makePiece(raw: string, style: TextStyle, font: FontKey, opts: PieceOptions): Piece {
  const [visible, space] = splitTrailingSpace(raw);
  return {
    text: visible,
    space,
    style,
    font,
    width: opts.measurer.width(font, style.size, visible.replaceAll(SHY, '')),
    spaceWidth: opts.measurer.width(font, style.size, space),
    breakAfter: 'none',
    cost: 0,
    hyphenWidth: 0,
  };
}

/** Applies the break kind, hyphenation and emergency splitting to a piece. */
function finishPiece(p: Piece, breakAfter: Piece['breakAfter'], opts: PieceOptions): Piece[] {
  const base: Piece = { ...p, breakAfter };
  const word = p.text;
  let parts: string[] = [word];
  let partCost = 0;
  let withHyphen = false;
  if (word.includes(SHY)) {
    parts = word.split(SHY).filter((x) => x.length > 0);
    partCost = HYPHEN_COST;
    withHyphen = true;
  } else if (opts.hyphenate && p.style.face !== 'mono' && word.length >= 5) {
    const points = hyphenationPoints(word, opts.lang);
    if (points.length > 0) {
      parts = [];
      let prev = 0;
      for (const pt of points) {
        parts.push(word.slice(prev, pt));
        prev = pt;
      }
      parts.push(word.slice(prev));
      partCost = HYPHEN_COST;
      withHyphen = true;
    }
  }
  const m = opts.measurer;
  const out: Piece[] = [];
  const hyphenWidth = withHyphen ? m.width(p.font, p.style.size, '-') : 0;
  parts.forEach((part, i) => {
    const isLast = i === parts.length - 1;
    const piece: Piece = isLast
      ? { ...base, text: part, width: m.width(p.font, p.style.size, part) }
      : { ...base, text: part, space: '', spaceWidth: 0, width: m.width(p.font, p.style.size, part), breakAfter: 'allowed', cost: partCost, hyphenWidth };
    out.push(...emergencySplit(piece, opts));
  });
  return out;
}

/** Splits a piece wider than any line at grapheme boundaries, with a high cost. */
function emergencySplit(p: Piece, opts: PieceOptions): Piece[] {
  if (p.width <= opts.maxWidth) return [p];
  const m = opts.measurer;
  const clusters = [...graphemes.segment(p.text)].map((g) => g.segment);
  const out: Piece[] = [];
  clusters.forEach((c, i) => {
    const isLast = i === clusters.length - 1;
    out.push(
      isLast
        ? { ...p, text: c, width: m.width(p.font, p.style.size, c) }
        : { ...p, text: c, space: '', spaceWidth: 0, width: m.width(p.font, p.style.size, c), breakAfter: 'allowed', cost: EMERGENCY_COST, hyphenWidth: 0 },
    );
  });
  return out;
}
