/**
 * Tables: column widths from min/max content widths (as CSS auto layout),
 * wrapped cells, rows never split, header row repeated on continuation pages.
 */
import type { Inline, TableBlock, TableRow } from '../../types/layout-tree.js';
import type { PageItem } from '../../types/paged.js';
import type { FlowBuilder, Fragment } from '../flow.js';
import { shiftItem } from '../flow.js';
import { toPieces } from '../inline/pieces.js';
import { layoutParagraph } from '../inline/lines.js';
import { addNode, type BlockContext, type BlockFrame } from './context.js';
import { runOwner } from './paragraph.js';

/**
 * Min/max content widths of every column (including padding), and `word`: the
 * min width without hyphenation (each column's longest whole word).
 */
export function columnExtents(b: TableBlock, ctx: BlockContext): { min: number[]; max: number[]; word: number[] } {
  const cols = Math.max(b.header.cells.length, ...b.rows.map((r) => r.cells.length));
  const min = new Array<number>(cols).fill(0);
  const max = new Array<number>(cols).fill(0);
  const word = new Array<number>(cols).fill(0);
  for (const row of [b.header, ...b.rows]) {
    row.cells.forEach((cell, c) => {
      const pieces = toPieces(cell.inlines, {
        measurer: ctx.measurer,
        lang: b.lang,
        hyphenate: true,
        maxWidth: Infinity,
        diags: ctx.diags,
        place: row.place,
      });
      let longest = 0;
      let lineW = 0;
      let longestWord = 0;
      let wordW = 0;
      let total = 0;
      for (const p of pieces) {
        lineW += p.width;
        wordW += p.width;
        if (p.breakAfter !== 'none') {
          longest = Math.max(longest, lineW + (p.hyphenWidth || 0));
          lineW = 0;
          // a break that draws a hyphen is inside a word; any other (a space, after a written hyphen) ends one
          if (!(p.hyphenWidth > 0)) {
            longestWord = Math.max(longestWord, wordW);
            wordW = 0;
          }
        }
        total += p.width + p.spaceWidth;
      }
      longest = Math.max(longest, lineW);
      longestWord = Math.max(longestWord, wordW, longest);
      min[c] = Math.max(min[c]!, longest + 2 * b.cellPadding);
      word[c] = Math.max(word[c]!, longestWord + 2 * b.cellPadding);
      max[c] = Math.max(max[c]!, total + 2 * b.cellPadding);
    });
  }
  return { min, max, word };
}

/**
 * Distributes the available width over columns. With `word` (each column's
 * longest whole word, {@link columnExtents}), those widths are the minimum
 * whenever they fit side by side, so no column hyphenates a word while
 * another column has room to give.
 */
export function columnWidths(
  min: readonly number[],
  max: readonly number[],
  available: number,
  word?: readonly number[],
): { widths: number[]; tooWide: boolean } {
  if (word && word.reduce((a, b) => a + b, 0) <= available) min = min.map((m, i) => Math.min(Math.max(m, word[i] ?? m), max[i] ?? m));
  const sumMin = min.reduce((a, b) => a + b, 0);
  const sumMax = max.reduce((a, b) => a + b, 0);
  if (sumMin >= available) return { widths: [...min], tooWide: sumMin > available + 0.01 };
  if (sumMax <= available) {
    const extra = available - sumMax;
    return { widths: max.map((m) => m + (sumMax > 0 ? (extra * m) / sumMax : extra / max.length)), tooWide: false };
  }
  const t = (available - sumMin) / (sumMax - sumMin);
  return { widths: min.map((m, i) => m + (max[i]! - m) * t), tooWide: false };
}

function rowFragment(
  row: TableRow,
  b: TableBlock,
  widths: readonly number[],
  x0: number,
  header: boolean,
  rowNode: number | null,
  ctx: BlockContext,
): Fragment {
  const cells = widths.map((w, c) => {
    const cell = row.cells[c];
    const cellNode = rowNode === null ? null : ctx.structure.add(header ? 'TH' : 'TD', rowNode, header ? { scope: 'Column' } : {});
    const lines = cell
      ? layoutParagraph(cell.inlines, {
          measurer: ctx.measurer,
          direction: ctx.direction,
          width: Math.max(1, w - 2 * b.cellPadding),
          align: cell.align,
          lang: b.lang,
          hyphenate: true,
          diags: ctx.diags,
          place: row.place,
          owner: runOwner(ctx, cellNode),
        })
      : [];
    return { lines, height: lines.reduce((h, l) => h + l.height, 0) };
  });
  const height = Math.max(...cells.map((c) => c.height), 0) + 2 * b.cellPadding;
  const items: PageItem[] = [];
  // columns run from the start edge: left to right, or right to left in RTL documents
  const rtl = ctx.direction === 'rtl';
  const total = widths.reduce((a, w) => a + w, 0);
  let x = rtl ? x0 + total : x0;
  cells.forEach((cell, c) => {
    const w = widths[c]!;
    if (rtl) x -= w;
    if (header) items.push({ kind: 'rect', x, y: 0, width: w, height, fill: b.headerBackground, lineWidth: 0, radius: 0, owner: null });
    items.push({ kind: 'rect', x, y: 0, width: w, height, stroke: b.borderColor, lineWidth: 0.5, radius: 0, owner: null });
    let y = b.cellPadding;
    for (const line of cell.lines) {
      for (const it of line.items) items.push(shiftItem(it, x + b.cellPadding, y));
      y += line.height;
    }
    if (!rtl) x += w;
  });
  return { height, items, marks: [] };
}

/** Font scales tried, in order, when a table is too wide for the column at its natural size. */
export const TABLE_SHRINK_STEPS: readonly number[] = [1, 0.9, 0.8, 0.7];

function scaleInlines(inlines: readonly Inline[], k: number): Inline[] {
  return inlines.map((i) => ({ ...i, style: { ...i.style, size: i.style.size * k, leading: i.style.leading * k } }));
}

function scaleRow(row: TableRow, k: number): TableRow {
  return { ...row, cells: row.cells.map((c) => ({ ...c, inlines: scaleInlines(c.inlines, k) })) };
}

/** The table with every font size, leading and the cell padding scaled by `k`. */
export function scaleTable(b: TableBlock, k: number): TableBlock {
  if (k === 1) return b;
  return { ...b, header: scaleRow(b.header, k), rows: b.rows.map((r) => scaleRow(r, k)), cellPadding: b.cellPadding * k };
}

/**
 * Fits a table to `available` points: column widths from min/max content
 * widths at the natural size; when even the minimum widths are too wide, the
 * font is shrunk step by step ({@link TABLE_SHRINK_STEPS}); when that is not
 * enough, the minimum widths are squeezed proportionally and cell text breaks
 * inside words. The table never leaves the column.
 */
export function fitTable(
  b: TableBlock,
  available: number,
  ctx: BlockContext,
): { table: TableBlock; widths: number[]; scale: number; squeezed: boolean } {
  let last: { table: TableBlock; min: number[] } | undefined;
  for (const k of TABLE_SHRINK_STEPS) {
    const t = scaleTable(b, k);
    const { min, max, word } = columnExtents(t, ctx);
    const { widths, tooWide } = columnWidths(min, max, available, word);
    if (!tooWide) return { table: t, widths, scale: k, squeezed: false };
    last = { table: t, min };
  }
  const { table: t, min } = last!;
  const sumMin = min.reduce((a, c) => a + c, 0);
  return {
    table: t,
    widths: min.map((m) => (m * available) / sumMin),
    scale: TABLE_SHRINK_STEPS[TABLE_SHRINK_STEPS.length - 1]!,
    squeezed: true,
  };
}

/** Lays out a table: header box (repeated), then one box per row. */
export function table(original: TableBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext): void {
  const { table: b, widths, scale, squeezed } = fitTable(original, frame.width, ctx);
  if (scale < 1) {
    const natural = columnExtents(original, ctx).min.reduce((a, c) => a + c, 0);
    const how = squeezed
      ? `set at ${Math.round(scale * 100)}% of its font size with words broken inside cells`
      : `set at ${Math.round(scale * 100)}% of its font size to fit`;
    ctx.diags.warning(
      original.place,
      `table is too wide for the page even at its narrowest (${Math.round(natural)}pt of ${Math.round(frame.width)}pt); ` +
        `${how} — split it into narrower tables, drop a column, or shorten its longest words`,
      'table-too-wide',
    );
  }
  const tableNode = addNode(ctx, frame, 'Table');
  const thead = tableNode === null ? null : ctx.structure.add('THead', tableNode);
  const headerRow = thead === null ? null : ctx.structure.add('TR', thead);
  const headerFragment = rowFragment(b.header, b, widths, frame.x, true, headerRow, ctx);
  flow.repeatStart(flow.box(headerFragment));
  const tbody = tableNode === null ? null : ctx.structure.add('TBody', tableNode);
  b.rows.forEach((row, i) => {
    flow.penalty(i === 0 ? Infinity : 0, i === 0 ? 'table-header' : undefined);
    const rowNode = tbody === null ? null : ctx.structure.add('TR', tbody);
    flow.box(rowFragment(row, b, widths, frame.x, false, rowNode, ctx));
  });
  flow.repeatEnd();
}
