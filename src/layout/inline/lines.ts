/**
 * Paragraph layout: pieces → line breaks (total-fit) → positioned text items.
 * Every line is final here; render never re-wraps.
 */
import type { Diagnostics, SourcePlace } from '../../diagnostics.js';
import type { Align, Inline, InlineField, TextStyle } from '../../types/layout-tree.js';
import type { FieldItem, LinkItem, Owner, PageItem, TextItem } from '../../types/paged.js';
import type { Measurer } from '../fonts/measure.js';
import { breakLines } from '../linebreak/knuth-plass.js';
import { toPiecesWithText, type Piece } from './pieces.js';
import { hasRtl, mirrorText, paragraphLevels, visualOrder } from '../bidi/levels.js';
import { readsBack, textLayerSegments } from './text-layer.js';

/** One laid-out line, with items relative to the line's top-left corner (x from {@link ParagraphOptions.x} when given). */
export interface LaidLine {
  readonly height: number;
  readonly baseline: number;
  readonly width: number;
  readonly items: readonly PageItem[];
}

/** Options for {@link layoutParagraph}. */
export interface ParagraphOptions {
  readonly measurer: Measurer;
  readonly width: number;
  readonly align: Align;
  /** Base direction of the paragraph (`start`/`end` alignment follows it). */
  readonly direction: 'ltr' | 'rtl';
  readonly lang: string;
  readonly hyphenate: boolean;
  readonly diags: Diagnostics;
  readonly place: SourcePlace;
  /** Structure owner of a run (paragraph node, or a Link/Span child). */
  readonly owner: (style: TextStyle) => Owner;
  /**
   * Left edge the lines' items are placed from: given, each item's x is its place on the line plus `x`
   * (as if the line were shifted by `x`); left out, items are relative to the line's left edge.
   */
  readonly x?: number;
}

const SHY = '\u00AD';

/** A run of one level, font and style on a line, in logical order. */
interface Atom {
  text: string;
  readonly offset: number;
  readonly level: number;
  readonly font: string;
  readonly style: TextStyle;
  width: number;
  spaces: number;
  hyphen: boolean;
  /** A fill-in field's writing line (never merged with text). */
  readonly field?: InlineField;
}

/** Room under a writing line inside text (handwriting descenders, the line's own width). */
const BELOW_WRITING_LINE = 4;
/** The writing line sits this far under the text's baseline. */
const WRITING_LINE_DROP = 3;

/** Lays out inline content into lines. */
export function layoutParagraph(inlines: readonly Inline[], o: ParagraphOptions): LaidLine[] {
  const { pieces, text } = toPiecesWithText(inlines, {
    measurer: o.measurer,
    lang: o.lang,
    hyphenate: o.hyphenate,
    maxWidth: o.width,
    diags: o.diags,
    place: o.place,
  });
  if (pieces.length === 0) return [];
  const levels = paragraphLevels(text, o.direction);
  const breaks = breakLines(pieces, { mode: o.align === 'justify' ? 'justify' : 'ragged', lineWidth: () => o.width });
  return breaks.map((br, lineIndex) => {
    const linePieces = pieces.slice(br.start, br.end);
    const isLast = lineIndex === breaks.length - 1;
    return buildLine(linePieces, br.hyphenated, o.align === 'justify' && !isLast ? br.adjustment : 0, o, levels);
  });
}

function sameLevel(levels: Uint8Array, from: number, to: number): boolean {
  const l = levels[from];
  for (let i = from + 1; i < to; i++) if (levels[i] !== l) return false;
  return true;
}

/** The line's pieces as atoms: runs of one bidi level, font and style, in logical order. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Whether `s` has a bidi control ({@link BIDI_CONTROLS}), without running a regular expression per piece. */
function hasBidiControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x061c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

/** Number of U+0020 in `s` (what `s.split(' ').length - 1` counts). */
function countSpaces(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 0x20) n++;
  return n;
}

/** `s` without soft hyphens. */
function withoutShy(s: string): string {
  return s.includes(SHY) ? s.replaceAll(SHY, '') : s;
}

function atomsOf(pieces: readonly Piece[], hyphenated: boolean, o: ParagraphOptions, levels: Uint8Array): Atom[] {
  const atoms: Atom[] = [];
  const push = (raw: string, offset: number, level: number, p: Piece, width: number, spaces: number, hyphen: boolean): void => {
    if (p.field && raw === p.text) {
      atoms.push({ text: raw, offset, level, font: p.font, style: p.style, width, spaces: 0, hyphen: false, field: p.field });
      return;
    }
    // bidi controls (marks, embeddings, isolates) have done their work in the levels: they are not drawn,
    // so they cannot end up in the text layer (a copied phone number stays clean)
    const text = hasBidiControl(raw) ? raw.replace(BIDI_CONTROLS, '') : raw;
    if (text.length === 0 && raw.length > 0) return;
    const last = atoms[atoms.length - 1];
    if (last && !last.field && last.level === level && last.font === p.font && last.style === p.style) {
      last.text += text;
      last.width += width;
      last.spaces += spaces;
      last.hyphen ||= hyphen;
    } else atoms.push({ text, offset, level, font: p.font, style: p.style, width, spaces, hyphen });
  };
  pieces.forEach((p, i) => {
    const endsLine = i === pieces.length - 1;
    const end = p.offset + p.text.length;
    if (p.text.length > 0) {
      if (sameLevel(levels, p.offset, end)) {
        push(withoutShy(p.text), p.offset, levels[p.offset] ?? 0, p, p.width, 0, false);
      } else {
        let from = 0;
        for (let k = 1; k <= p.text.length; k++) {
          if (k === p.text.length || levels[p.offset + k] !== levels[p.offset + from]) {
            const part = withoutShy(p.text.slice(from, k));
            push(part, p.offset + from, levels[p.offset + from] ?? 0, p, o.measurer.width(p.font, p.style.size, part), 0, false);
            from = k;
          }
        }
      }
    }
    if (!endsLine && p.space.length > 0) {
      push(p.space, end, levels[end] ?? levels[p.offset] ?? 0, p, p.spaceWidth, countSpaces(p.space), false);
    } else if (endsLine && !hyphenated && p.breakAfter === 'allowed' && p.space.length > 0 && (levels[p.offset] ?? 0) % 2 === 0) {
      // keep the word boundary in the text layer: an invisible space after the line's last word, taking no
      // room in the layout, so text read from the structure tree does not run two lines' words together
      push(' ', end, levels[p.offset] ?? 0, p, 0, 0, false);
    } else if (endsLine && hyphenated) {
      const last = atoms[atoms.length - 1];
      if (last) {
        last.text += '-';
        last.width += p.hyphenWidth;
        last.hyphen = true;
      }
    }
  });
  return atoms;
}

/**
 * Text handed to PDFKit for an atom: mirrored at odd levels; neutrals-only RTL runs reversed here (fontkit reverses
 * RTL-script runs itself).
 */
function drawnText(atom: Atom): string {
  if (atom.level % 2 === 0) return atom.text;
  const mirrored = mirrorText(atom.text);
  if (hasRtl(mirrored)) return mirrored;
  return [...graphemeSegmenter.segment(mirrored)]
    .map((g) => g.segment)
    .reverse()
    .join('');
}

const graphemeSegmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

type ItemBase = Omit<TextItem, 'x' | 'width' | 'text' | 'actualText'>;

/**
 * Items of a right-to-left atom: each word (letters and marks) and each other
 * character is its own item, placed right to left and emitted in logical
 * order. Readers (MuPDF, Poppler) then give back the words in logical order
 * (they reverse right-to-left glyph runs themselves), and justification is
 * applied here (PDFKit's own word spacing would set words left to right).
 */
function rtlItems(a: Atom, ax: number, full: number, perSpace: number, base: ItemBase, o: ParagraphOptions): TextItem[] {
  const ox = o.x;
  const out: TextItem[] = [];
  let right = ax + full;
  const parts = a.text.match(/[\p{L}\p{M}\u200C\u200D]+|[^\p{L}\p{M}\u200C\u200D]/gu) ?? [];
  parts.forEach((part) => {
    const width = o.measurer.width(a.font, a.style.size, part) + (part === ' ' ? perSpace : 0);
    const drawn = drawnText({ ...a, text: part });
    const actual = drawn !== part ? { actualText: part } : {};
    const x = ox === undefined ? right - width : right - width + ox;
    if (part !== ' ') out.push({ ...base, wordSpacing: 0, x, width, text: drawn, ...actual });
    else out.push({ ...base, wordSpacing: 0, x, width, text: ' ' });
    right -= width;
  });
  return out;
}

function buildLine(pieces: readonly Piece[], hyphenated: boolean, adjustment: number, o: ParagraphOptions, levels: Uint8Array): LaidLine {
  // inner spaces that can absorb justification
  let innerSpaces = 0;
  pieces.forEach((p, i) => {
    if (i < pieces.length - 1 && p.spaceWidth > 0) innerSpaces += countSpaces(p.space);
  });
  const perSpace = innerSpaces > 0 ? adjustment / innerSpaces : 0;

  // line height and baseline from the tallest style on the line
  let height = 0;
  let baseline = 0;
  let belowBaseline = 0;
  for (const p of pieces) {
    const m = o.measurer.metrics(p.font);
    const content = (m.ascent - m.descent) * p.style.size;
    const b = (p.style.leading - content) / 2 + m.ascent * p.style.size;
    height = Math.max(height, p.style.leading);
    baseline = Math.max(baseline, b);
    belowBaseline = Math.max(belowBaseline, p.style.leading - b);
    if (p.field) {
      // a writing line: room for handwriting above it, the text's baseline just over it
      baseline = Math.max(baseline, p.field.height - WRITING_LINE_DROP);
      belowBaseline = Math.max(belowBaseline, WRITING_LINE_DROP + BELOW_WRITING_LINE);
    }
  }
  if (pieces.some((p) => p.field)) height = Math.max(height, baseline + belowBaseline);

  let natural = 0;
  pieces.forEach((p, i) => {
    natural += p.width + (i < pieces.length - 1 ? p.spaceWidth : 0);
  });
  const lastPiece = pieces[pieces.length - 1]!;
  if (hyphenated) natural += lastPiece.hyphenWidth;
  const lineWidth = natural + (perSpace !== 0 ? adjustment : 0);
  const rtl = o.direction === 'rtl';
  const toEnd = o.align === 'end' ? !rtl : o.align === 'center' ? null : rtl;
  let x = toEnd === null ? (o.width - lineWidth) / 2 : toEnd ? o.width - lineWidth : 0;

  const atoms = atomsOf(pieces, hyphenated, o, levels);
  const xs = new Array<number>(atoms.length).fill(0);
  for (const idx of visualOrder(atoms.map((a) => a.level))) {
    const a = atoms[idx]!;
    xs[idx] = x;
    x += a.width + a.spaces * perSpace;
  }

  const ox = o.x;
  const items: PageItem[] = [];
  for (let idx = 0; idx < atoms.length; idx++) {
    const a = atoms[idx]!;
    if (a.text.length === 0) continue;
    const style = a.style;
    const full = a.width + a.spaces * perSpace;
    const ax = xs[idx]!;
    const rtlRun = a.level % 2 === 1;
    if (a.field) {
      // the gap to the label is on the label's side: before the line, or after it in right-to-left text
      const f = a.field;
      const fx = rtlRun ? ax : ax + f.gap;
      const item: FieldItem = {
        kind: 'field',
        x: ox === undefined ? fx : fx + ox,
        y: baseline + WRITING_LINE_DROP - f.height,
        width: a.width - f.gap,
        height: f.height,
        label: f.labelText,
        type: f.type,
        color: f.lineColor,
        lineWidth: f.lineWidth,
        fontSize: f.fontSize,
        owner: o.owner(style),
      };
      items.push(item);
      continue;
    }
    const owner = o.owner(style);
    const drawn = drawnText(a);
    if (rtlRun) {
      const base: ItemBase = {
        kind: 'text',
        y: baseline,
        font: a.font,
        size: style.size,
        color: style.color,
        wordSpacing: perSpace,
        direction: 'rtl',
        underline: style.underline,
        strike: style.strike,
        owner,
        ...(style.lang ? { lang: style.lang } : {}),
      };
      items.push(...rtlItems(a, ax, full, perSpace, base, o));
    } else {
      const font = o.measurer.book.font(a.font);
      if (readsBack(font, drawn)) {
        items.push(ltrTextItem(a, baseline, perSpace, owner, ox === undefined ? ax : ax + ox, full, drawn, undefined));
      } else {
        const segments = textLayerSegments(font, drawn);
        let sx = ax;
        for (const seg of segments) {
          const spaces = countSpaces(seg.text);
          const w = segments.length === 1 ? full : o.measurer.width(a.font, style.size, seg.text) + spaces * perSpace;
          items.push(ltrTextItem(a, baseline, perSpace, owner, ox === undefined ? sx : sx + ox, w, seg.text, seg.actualText));
          sx += w;
        }
      }
    }
    if (style.link) {
      const link: LinkItem = {
        kind: 'link',
        x: ox === undefined ? ax : ax + ox,
        y: baseline - style.size,
        width: full,
        height: style.size * 1.3,
        target: style.link.startsWith('#') ? { kind: 'anchor', anchor: style.link.slice(1) } : { kind: 'url', url: style.link },
        owner: o.owner(style),
      };
      items.push(link);
    }
  }
  return { height, baseline, width: lineWidth, items };
}

/**
 * A left-to-right text item, written out field by field (in the order the items always had: the shared
 * fields, then x, width, text and actualText) instead of spread from a shared base object. The two literals
 * differ only in `lang`: an item without a language has no `lang` key at all (not `lang: undefined`), and an
 * item with one has it where it always was (adding it afterwards would change the key order that JSON dumps of
 * the layout, such as the golden files, show, and give the items another hidden class).
 */
function ltrTextItem(
  a: Atom,
  y: number,
  wordSpacing: number,
  owner: Owner,
  x: number,
  width: number,
  text: string,
  actualText: string | undefined,
): TextItem {
  const style = a.style;
  const item: TextItem = style.lang
    ? {
        kind: 'text',
        y,
        font: a.font,
        size: style.size,
        color: style.color,
        wordSpacing,
        direction: 'ltr',
        underline: style.underline,
        strike: style.strike,
        owner,
        lang: style.lang,
        x,
        width,
        text,
      }
    : {
        kind: 'text',
        y,
        font: a.font,
        size: style.size,
        color: style.color,
        wordSpacing,
        direction: 'ltr',
        underline: style.underline,
        strike: style.strike,
        owner,
        x,
        width,
        text,
      };
  return actualText === undefined ? item : { ...item, actualText };
}
