/**
 * Inline text → measured pieces: the paragraph's text is split at UAX #14
 * break opportunities, at style changes and at font-fallback changes, then
 * measured. Pieces become the Segments the line breaker works on.
 */
import LineBreaker from 'linebreak';
import type { Diagnostics, SourcePlace } from '../../diagnostics.js';
import type { Inline, InlineField, TextStyle } from '../../types/layout-tree.js';
import type { FontKey } from '../../types/paged.js';
import type { Measurer } from '../fonts/measure.js';
import { hyphenationPointsShared } from '../hyphenate.js';
import { graphemeClusters } from './grapheme-chunks.js';
import { shapeCacheOf, type PieceShape } from './piece-shapes.js';

/** A measured piece of text in one style and one font. */
export interface Piece {
  /** Visible text (no trailing break spaces; soft hyphens are removed when drawn). */
  readonly text: string;
  /** Index of `text` in the paragraph's logical text (see {@link toPiecesWithText}). */
  readonly offset: number;
  /** Trailing space text that vanishes at a line end. */
  readonly space: string;
  readonly style: TextStyle;
  readonly font: FontKey;
  readonly width: number;
  readonly spaceWidth: number;
  readonly breakAfter: 'none' | 'allowed' | 'mandatory';
  readonly cost: number;
  readonly hyphenWidth: number;
  /** A fill-in field's writing line (text `\uFFFC`): `width` is the gap after its label plus the line. */
  readonly field?: InlineField;
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
  /** A fill-in field's writing line (one U+FFFC in the text). */
  readonly field?: InlineField;
}

/** A writing line in the paragraph's text: where its label starts, and its own position. */
interface FieldAt {
  readonly labelStart: number;
  readonly at: number;
}

/** Placeholder of a writing line in the paragraph's text (an object replacement character; not drawn). */
const OBJECT = '\uFFFC';
/** Shortest writing line inside text (points). */
const MIN_INLINE_LINE = 72;

const HYPHEN_COST = 50;
const EMERGENCY_COST = 5000;
const SHY = '\u00AD';

const COMMON_OR_INHERITED = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
const INVISIBLE = (cp: number): boolean =>
  cp === 0x20 ||
  cp === 0x061c ||
  cp === 0x0a ||
  cp === 0xa0 ||
  cp === 0xad ||
  (cp >= 0x200b && cp <= 0x200f) ||
  cp === 0x2060 ||
  cp === 0xfeff;

/** The place of the character `offset` code units into an inline that starts at `place`. */
function placeAt(place: SourcePlace, inlineText: string, offset: number): SourcePlace {
  const before = inlineText.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  // After a soft line break: count lines, and columns from the line start (container prefixes such as `> ` are not counted).
  if (nl >= 0) return { ...place, line: place.line + before.split('\n').length - 1, column: 1 + [...before.slice(nl + 1)].length };
  return { ...place, column: place.column + [...before].length };
}

/** Whether a code point is of script Common or Inherited, remembered per code point (tested once per character of every paragraph). */
const commonOrInherited = new Map<number, boolean>();

function isCommonOrInherited(cp: number): boolean {
  let yes = commonOrInherited.get(cp);
  if (yes === undefined) {
    yes = COMMON_OR_INHERITED.test(String.fromCodePoint(cp));
    commonOrInherited.set(cp, yes);
  }
  return yes;
}

/**
 * Splits `s` (the part from `from` of the span `[spanStart, spanEnd)` of the paragraph's `text`) into runs
 * of one font: a character of a script takes the first font of the face's chain that has it; spaces,
 * punctuation and combining marks stay in the font of the text around them when that font has them.
 * A character no font has is left out (and reported). Runs are sliced from `s`, not built a character at a time.
 */
function fontRuns(
  s: string,
  style: TextStyle,
  opts: PieceOptions,
  place: SourcePlace,
  text: string,
  spanStart: number,
  spanEnd: number,
  from: number,
): { text: string; font: FontKey }[] {
  const runs: { text: string; font: FontKey }[] = [];
  const book = opts.measurer.book;
  const lang = style.lang ?? opts.lang;
  let lastFont: FontKey | undefined;
  let run: { text: string; font: FontKey } | undefined;
  let runFrom = 0; // start in `s` of the part of `run` not yet added to its text
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    let font: FontKey | undefined;
    if (INVISIBLE(cp)) {
      font = lastFont ?? book.chain(style.face, lang)[0];
    } else if (lastFont !== undefined && isCommonOrInherited(cp) && book.font(lastFont).hasGlyphForCodePoint(cp)) {
      font = lastFont;
    } else {
      font = book.fontFor(style.face, cp, lang);
    }
    if (font === undefined) {
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      const ch = s.slice(i, i + len);
      opts.diags.error(
        placeAt(place, text.slice(spanStart, spanEnd), from - spanStart + i),
        `no bundled font has the character U+${hex} (\`${ch}\`) used in language \`${lang}\`; remove it, replace it with a ` +
          `character the bundled fonts cover, or add a font that covers it`,
        'missing-glyph',
      );
      if (run) run.text += s.slice(runFrom, i);
      runFrom = i + len;
      i += len;
      continue;
    }
    if (run?.font !== font) {
      if (run) run.text += s.slice(runFrom, i);
      run = { text: '', font };
      runs.push(run);
      runFrom = i;
    }
    lastFont = font;
    i += len;
  }
  if (run) run.text += s.slice(runFrom);
  return runs;
}

/** Where the trailing run of spaces and newlines of `s` starts (`s.length` when there is none). */
function trailingSpaceStart(s: string): number {
  let i = s.length;
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    if (c !== 0x20 && c !== 0x0a) break;
    i--;
  }
  return i;
}

/** Scripts written without spaces between words (UAX #14 class SA): Thai, Lao, Khmer, Myanmar, Tai scripts. */
const NO_SPACE_WORDS =
  /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tai_Tham}\p{Script=Tai_Viet}\p{Script=New_Tai_Lue}]+/gu;

/** Word boundaries inside runs of Thai, Lao, Khmer and Myanmar text (dictionary-based, `Intl.Segmenter`). */
export function wordBreaks(text: string, lang: string): number[] {
  const out: number[] = [];
  NO_SPACE_WORDS.lastIndex = 0;
  let segmenter: Intl.Segmenter | undefined;
  for (let m = NO_SPACE_WORDS.exec(text); m; m = NO_SPACE_WORDS.exec(text)) {
    segmenter ??= makeSegmenter(lang);
    for (const seg of segmenter.segment(m[0])) {
      if (seg.index > 0) out.push(m.index + seg.index);
    }
  }
  return out;
}

function makeSegmenter(lang: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(lang, { granularity: 'word' });
  } catch {
    return new Intl.Segmenter('und', { granularity: 'word' });
  }
}

const HANGUL = /[\p{Script=Hangul}]/u;

/** For each position, whether it lies strictly inside a bidi isolate (U+2066–U+2068 … U+2069). */
function insideIsolates(text: string): boolean[] {
  const out: boolean[] = new Array<boolean>(text.length + 1).fill(false);
  if (!/[\u2066-\u2069]/u.test(text)) return out;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    out[i] = depth > 0;
    const c = text.charCodeAt(i);
    if (c >= 0x2066 && c <= 0x2068) depth++;
    else if (c === 0x2069 && depth > 0) depth--;
  }
  out[text.length] = false;
  return out;
}

/** UAX #14 break opportunities merged with dictionary word breaks; `required` for mandatory breaks. */
function breakOpportunities(text: string, lang: string): { position: number; required: boolean }[] {
  const out: { position: number; required: boolean }[] = [];
  let ordered = true; // the breaker's positions only grow, so no map and no sort are needed unless words are added
  const breaker = new LineBreaker(text);
  // Korean is set with breaks at spaces, not between syllables (CSS `word-break: keep-all`)
  const keepHangul = /^ko(-|$)/i.test(lang);
  const isolated = insideIsolates(text);
  for (let brk = breaker.nextBreak(); brk; brk = breaker.nextBreak()) {
    if (keepHangul && !brk.required && HANGUL.test(text.charAt(brk.position - 1)) && HANGUL.test(text.charAt(brk.position))) continue;
    // a phone number, URL or e-mail address in an isolate (the `isolate` template helper) is one unit
    if (!brk.required && isolated[brk.position]) continue;
    if (out.length > 0 && brk.position <= out[out.length - 1]!.position) ordered = false;
    out.push({ position: brk.position, required: brk.required });
  }
  const words = wordBreaks(text, lang);
  if (ordered && words.length === 0) return out;
  const breaks = new Map<number, boolean>();
  for (const b of out) breaks.set(b.position, b.required);
  for (const pos of words) if (!breaks.has(pos) && !isolated[pos]) breaks.set(pos, false);
  return [...breaks.entries()].sort((a, b) => a[0] - b[0]).map(([position, required]) => ({ position, required }));
}

/** The items of one chunk (the text between two break opportunities), in parallel arrays reused for every chunk. */
class ChunkItems {
  count = 0;
  readonly field: (Piece | undefined)[] = [];
  readonly shape: (PieceShape | undefined)[] = [];
  readonly from: number[] = [];
  readonly style: (TextStyle | undefined)[] = [];

  addField(piece: Piece): void {
    const i = this.count++;
    this.field[i] = piece;
    this.shape[i] = undefined;
    this.from[i] = 0;
    this.style[i] = undefined;
  }

  addShape(shape: PieceShape, from: number, style: TextStyle): void {
    const i = this.count++;
    this.field[i] = undefined;
    this.shape[i] = shape;
    this.from[i] = from;
    this.style[i] = style;
  }

  /** The chunk's items so far as pieces, their break kind still 'none' (for a writing line's width). */
  pieces(): Piece[] {
    const out: Piece[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.field[i] ?? pieceOf(this.shape[i]!, this.from[i]!, this.style[i]!));
    return out;
  }
}

/** Turns a paragraph's inlines into measured pieces (one per breakable unit). */
export function toPieces(inlines: readonly Inline[], opts: PieceOptions): Piece[] {
  return toPiecesWithText(inlines, opts).pieces;
}

/** {@link toPieces}, also returning the paragraph's logical text. */
export function toPiecesWithText(inlines: readonly Inline[], opts: PieceOptions): { pieces: Piece[]; text: string } {
  let text = '';
  const spans: Span[] = [];
  const fields: FieldAt[] = [];
  const add = (list: readonly Inline[]): void => {
    for (const inline of list) {
      if (inline.kind === 'text') {
        if (inline.text.length === 0) continue;
        spans.push({ start: text.length, end: text.length + inline.text.length, style: inline.style, place: inline.place });
        text += inline.text;
      } else if (inline.kind === 'break') {
        spans.push({ start: text.length, end: text.length + 1, style: inline.style });
        text += '\n';
      } else if (inline.kind === 'writing-line') {
        const labelStart = text.length;
        add(inline.label);
        fields.push({ labelStart, at: text.length });
        spans.push({ start: text.length, end: text.length + 1, style: inline.style, field: inline.field });
        text += OBJECT;
      } else {
        throw new Error('handoutkit: page fields must be filled before inline layout');
      }
    }
  };
  add(inlines);
  const pieces: Piece[] = [];
  if (text.length === 0) return { pieces, text };

  let opportunities = breakOpportunities(text, opts.lang);
  if (fields.length > 0) {
    // a writing line stays with its label's last word, and with what follows it up to the next space
    const kept = new Set(fields.flatMap((f) => [f.at, f.at + 1]));
    opportunities = opportunities.filter((b) => b.required || !kept.has(b.position));
  }
  let start = 0;
  let spanIndex = 0;
  const shapes = shapeCacheOf(opts.measurer);
  /** Each span's remembered shapes (looked up on first use). */
  const contexts: (Map<string, readonly PieceShape[]> | undefined)[] = [];
  // the chunk's pieces before their break kind is known, reused from chunk to chunk (no arrays per word): a
  // writing line's piece, or the shape of a slice starting at `from` in `style` (made a piece when finished)
  const chunk = new ChunkItems();
  for (const brk of opportunities) {
    const end = brk.position;
    if (end <= start) continue;
    const required = brk.required || text[end - 1] === '\n';
    chunk.count = 0;
    // walk the spans that overlap [start, end)
    while (spanIndex < spans.length && spans[spanIndex]!.end <= start) spanIndex++;
    for (let i = spanIndex; i < spans.length && spans[i]!.start < end; i++) {
      const span = spans[i]!;
      const from = Math.max(start, span.start);
      const s = text.slice(from, Math.min(end, span.end));
      const place = span.place ?? opts.place;
      if (span.field) {
        chunk.addField(fieldPiece(span.field, from, span.style, text, pieces, chunk.pieces(), fields, opts));
        continue;
      }
      const bySlice = (contexts[i] ??= shapes.context(contextKey(span.style, opts)));
      let sliceShapes = bySlice.get(s);
      if (sliceShapes === undefined) {
        const runs = fontRuns(s, span.style, opts, place, text, span.start, span.end, from);
        sliceShapes = shapesOf(runs, span.style, opts);
        // a character no font has was reported and left out: not remembered, so it is reported again next time
        if (runs.reduce((n, r) => n + r.text.length, 0) === s.length) shapes.remember(bySlice, s, sliceShapes);
      }
      for (const shape of sliceShapes) chunk.addShape(shape, from, span.style);
    }
    // only the last piece of a chunk may end a line
    const last = chunk.count - 1;
    for (let i = 0; i <= last; i++) {
      const kind = i < last ? 'none' : required ? 'mandatory' : 'allowed';
      const field = chunk.field[i];
      if (field) emergencySplit(setBreak(field, kind), opts, pieces);
      else finishShape(chunk.shape[i]!, chunk.from[i]!, chunk.style[i]!, kind, opts, pieces);
    }
    start = end;
  }
  return { pieces, text };
}

/**
 * The piece of a writing line: as wide as its share of the column less its label (at least
 * {@link MIN_INLINE_LINE}), and never so wide that it cannot share a line with its label's last word.
 */
function fieldPiece(
  field: InlineField,
  at: number,
  style: TextStyle,
  text: string,
  done: readonly Piece[],
  chunk: readonly Piece[],
  fields: readonly FieldAt[],
  opts: PieceOptions,
): Piece {
  const labelStart = fields.find((f) => f.at === at)?.labelStart ?? at;
  const label = [...done, ...chunk].filter((p) => p.offset >= labelStart && p.offset < at);
  const labelWidth = label.reduce((w, p, i) => w + p.width + (i < label.length - 1 ? p.spaceWidth : 0), 0);
  // the label's last word and what is glued to it (the chunk before the line)
  const lastWord = chunk.reduce((w, p) => w + p.width + p.spaceWidth, 0);
  const wanted = Math.max(MIN_INLINE_LINE, field.width * opts.maxWidth - labelWidth - field.gap);
  const line = Math.max(0, Math.min(wanted, opts.maxWidth - lastWord - field.gap));
  const font = opts.measurer.book.chain(style.face, style.lang ?? opts.lang)[0]!;
  return {
    text: text.charAt(at),
    offset: at,
    space: '',
    style,
    font,
    width: field.gap + line,
    spaceWidth: 0,
    breakAfter: 'none',
    cost: 0,
    hyphenWidth: 0,
    field,
  };
}

/** What the shapes of a slice depend on besides its text: face, the fonts' language, hyphenation and its language. */
function contextKey(style: TextStyle, opts: PieceOptions): string {
  const hyphenates = opts.hyphenate && style.face !== 'mono';
  return `${style.face}\u0000${style.lang ?? opts.lang}\u0000${hyphenates ? opts.lang : ''}`;
}

/**
 * The pieces of a slice's font runs, measured at 1 pt: each run's trailing space split off, and the parts a
 * hyphen may end (soft hyphens, else hyphenation points of words of 5 or more characters when hyphenating).
 */
function shapesOf(runs: readonly { text: string; font: FontKey }[], style: TextStyle, opts: PieceOptions): PieceShape[] {
  const m = opts.measurer;
  const hyphenates = opts.hyphenate && style.face !== 'mono';
  const out: PieceShape[] = [];
  let at = 0;
  for (const run of runs) {
    const raw = run.text;
    const font = run.font;
    const cut = trailingSpaceStart(raw);
    const visible = cut === raw.length ? raw : raw.slice(0, cut);
    const trailing = cut === raw.length ? '' : raw.slice(cut);
    const space = trailing.includes('\n') ? trailing.replace(/\n/g, '') : trailing;
    const parts = partsOf(visible, hyphenates, opts.lang);
    out.push({
      text: visible,
      at,
      space,
      font,
      em: m.width(font, 1, visible.includes(SHY) ? visible.replaceAll(SHY, '') : visible),
      spaceEm: m.width(font, 1, space),
      parts:
        parts && parts.map(([from, to]) => ({ text: visible.slice(from, to), at: from, em: m.width(font, 1, visible.slice(from, to)) })),
      hyphenEm: parts ? m.width(font, 1, '-') : 0,
    });
    at += raw.length;
  }
  return out;
}

/** Parts as [start, end) in `word` between soft hyphens, else hyphenation points; null when the word is not split. */
function partsOf(word: string, hyphenates: boolean, lang: string): [number, number][] | null {
  let parts: [number, number][] | null = null;
  if (word.includes(SHY)) {
    parts = [];
    let from = 0;
    for (let i = 0; i <= word.length; i++) {
      if (i === word.length || word[i] === SHY) {
        if (i > from) parts.push([from, i]);
        from = i + 1;
      }
    }
    if (parts.length === 0) return null;
  } else if (hyphenates && word.length >= 5) {
    const points = hyphenationPointsShared(word, lang);
    if (points.length > 0) {
      parts = [];
      let prev = 0;
      for (const pt of points) {
        parts.push([prev, pt]);
        prev = pt;
      }
      parts.push([prev, word.length]);
    }
  }
  return parts && parts.length === 1 && parts[0]![0] === 0 && parts[0]![1] === word.length ? null : parts;
}

/** The piece of `shape` in a slice starting at `from` of the paragraph's text, set in `style` (break kind still 'none'). */
function pieceOf(shape: PieceShape, from: number, style: TextStyle): Piece {
  return {
    text: shape.text,
    offset: from + shape.at,
    space: shape.space,
    style,
    font: shape.font,
    width: shape.em * style.size,
    spaceWidth: shape.spaceEm * style.size,
    breakAfter: 'none',
    cost: 0,
    hyphenWidth: 0,
  };
}

/** Sets the break kind of this paragraph's own new piece in place. */
function setBreak(p: Piece, breakAfter: Piece['breakAfter']): Piece {
  (p as { breakAfter: Piece['breakAfter'] }).breakAfter = breakAfter;
  return p;
}

/**
 * Makes the pieces of `shape` (in a slice starting at `from`, set in `style`) with break kind `breakAfter`: one,
 * or one per part, each part but the last ending in a hyphen; each is split further when wider than a line, and
 * added to `out` (one at a time: one word can split into 100 000+ pieces).
 */
function finishShape(
  shape: PieceShape,
  from: number,
  style: TextStyle,
  breakAfter: Piece['breakAfter'],
  opts: PieceOptions,
  out: Piece[],
): void {
  const size = style.size;
  const offset = from + shape.at;
  const parts = shape.parts;
  if (!parts) {
    emergencySplit(
      {
        text: shape.text,
        offset,
        space: shape.space,
        style,
        font: shape.font,
        width: shape.em * size,
        spaceWidth: shape.spaceEm * size,
        breakAfter,
        cost: 0,
        hyphenWidth: 0,
      },
      opts,
      out,
    );
    return;
  }
  const hyphenWidth = shape.hyphenEm * size;
  const lastPart = parts.length - 1;
  for (let i = 0; i <= lastPart; i++) {
    const part = parts[i]!;
    const piece: Piece =
      i === lastPart
        ? {
            text: part.text,
            offset: offset + part.at,
            space: shape.space,
            style,
            font: shape.font,
            width: part.em * size,
            spaceWidth: shape.spaceEm * size,
            breakAfter,
            cost: 0,
            hyphenWidth: 0,
          }
        : {
            text: part.text,
            offset: offset + part.at,
            space: '',
            style,
            font: shape.font,
            width: part.em * size,
            spaceWidth: 0,
            breakAfter: 'allowed',
            cost: HYPHEN_COST,
            hyphenWidth,
          };
    emergencySplit(piece, opts, out);
  }
}

/** Splits a piece wider than any line at grapheme boundaries, with a high cost. */
function emergencySplit(p: Piece, opts: PieceOptions, out: Piece[]): void {
  if (p.width <= opts.maxWidth) {
    out.push(p);
    return;
  }
  const m = opts.measurer;
  const clusters = graphemeClusters(p.text);
  clusters.forEach((c, i) => {
    const isLast = i === clusters.length - 1;
    const t = c.segment;
    out.push(
      isLast
        ? { ...p, text: t, offset: p.offset + c.index, width: m.width(p.font, p.style.size, t) }
        : {
            ...p,
            text: t,
            offset: p.offset + c.index,
            space: '',
            spaceWidth: 0,
            width: m.width(p.font, p.style.size, t),
            breakAfter: 'allowed',
            cost: EMERGENCY_COST,
            hyphenWidth: 0,
          },
    );
  });
}
