/**
 * Paragraph layout: pieces → line breaks (total-fit) → positioned text items.
 * Every line is final here; render never re-wraps.
 */
import type { Diagnostics, SourcePlace } from '../../diagnostics.js';
import type { Align, Inline, TextStyle } from '../../types/layout-tree.js';
import type { LinkItem, Owner, PageItem, TextItem } from '../../types/paged.js';
import type { Measurer } from '../fonts/measure.js';
import { breakLines } from '../linebreak/knuth-plass.js';
import { toPieces, type Piece } from './pieces.js';

/** One laid-out line, with items relative to the line's top-left corner. */
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
}

function sameRun(a: Piece, b: Piece): boolean {
  return a.font === b.font && a.style === b.style;
}

/** Lays out inline content into lines. */
export function layoutParagraph(inlines: readonly Inline[], o: ParagraphOptions): LaidLine[] {
  const pieces = toPieces(inlines, {
    measurer: o.measurer,
    lang: o.lang,
    hyphenate: o.hyphenate,
    maxWidth: o.width,
    diags: o.diags,
    place: o.place,
  });
  if (pieces.length === 0) return [];
  const breaks = breakLines(pieces, { mode: o.align === 'justify' ? 'justify' : 'ragged', lineWidth: () => o.width });
  return breaks.map((br, lineIndex) => {
    const linePieces = pieces.slice(br.start, br.end);
    const isLast = lineIndex === breaks.length - 1;
    return buildLine(linePieces, br.hyphenated, o.align === 'justify' && !isLast ? br.adjustment : 0, o);
  });
}

function buildLine(pieces: readonly Piece[], hyphenated: boolean, adjustment: number, o: ParagraphOptions): LaidLine {
  // inner spaces that can absorb justification
  let innerSpaces = 0;
  pieces.forEach((p, i) => {
    if (i < pieces.length - 1 && p.spaceWidth > 0) innerSpaces += p.space.split(' ').length - 1;
  });
  const perSpace = innerSpaces > 0 ? adjustment / innerSpaces : 0;

  // line height and baseline from the tallest style on the line
  let height = 0;
  let baseline = 0;
  for (const p of pieces) {
    const m = o.measurer.metrics(p.font);
    const content = (m.ascent - m.descent) * p.style.size;
    const b = (p.style.leading - content) / 2 + m.ascent * p.style.size;
    height = Math.max(height, p.style.leading);
    baseline = Math.max(baseline, b);
  }

  const runs: { pieces: Piece[] }[] = [];
  for (const p of pieces) {
    const last = runs[runs.length - 1];
    if (last && sameRun(last.pieces[last.pieces.length - 1]!, p)) last.pieces.push(p);
    else runs.push({ pieces: [p] });
  }

  let natural = 0;
  pieces.forEach((p, i) => {
    natural += p.width + (i < pieces.length - 1 ? p.spaceWidth : 0);
  });
  const lastPiece = pieces[pieces.length - 1]!;
  if (hyphenated) natural += lastPiece.hyphenWidth;
  const lineWidth = natural + (perSpace !== 0 ? adjustment : 0);
  let x = o.align === 'center' ? (o.width - lineWidth) / 2 : o.align === 'end' ? o.width - lineWidth : 0;

  const items: PageItem[] = [];
  runs.forEach((run, ri) => {
    const isLastRun = ri === runs.length - 1;
    let text = '';
    let width = 0;
    let spaces = 0;
    run.pieces.forEach((p, pi) => {
      const endsLine = isLastRun && pi === run.pieces.length - 1;
      text += p.text.replaceAll('\u00AD', '');
      width += p.width;
      if (!endsLine) {
        text += p.space;
        width += p.spaceWidth;
        spaces += p.space.split(' ').length - 1;
      } else if (hyphenated) {
        text += '-';
        width += p.hyphenWidth;
      }
    });
    const style = run.pieces[0]!.style;
    const wordSpacing = perSpace;
    const full = width + spaces * wordSpacing;
    if (text.length > 0) {
      const item: TextItem = {
        kind: 'text',
        x,
        y: baseline,
        width: full,
        text,
        font: run.pieces[0]!.font,
        size: style.size,
        color: style.color,
        wordSpacing,
        direction: 'ltr',
        underline: style.underline,
        strike: style.strike,
        owner: o.owner(style),
        ...(style.lang ? { lang: style.lang } : {}),
      };
      items.push(item);
      if (style.link) {
        const link: LinkItem = {
          kind: 'link',
          x,
          y: baseline - style.size,
          width: full,
          height: style.size * 1.3,
          target: style.link.startsWith('#') ? { kind: 'anchor', anchor: style.link.slice(1) } : { kind: 'url', url: style.link },
          owner: o.owner(style),
        };
        items.push(link);
      }
    }
    x += full;
  });
  return { height, baseline, width: lineWidth, items };
}
