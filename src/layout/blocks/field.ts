/**
 * Fill-in fields: the label, then a writing line to the end of the field's width, the label's
 * last baseline just above the line. A label too long to leave room for writing puts the line
 * under it, full width. One unbreakable box; tagged as a paragraph (the line is the field).
 */
import type { FieldBlock } from '../../types/layout-tree.js';
import type { PageItem } from '../../types/paged.js';
import { shiftItem, type FlowBuilder } from '../flow.js';
import { layoutParagraph } from '../inline/lines.js';
import { addNode, type BlockContext, type BlockFrame } from './context.js';
import { runOwner } from './paragraph.js';

/** The label takes at most this share of the field's width. */
const LABEL_SHARE = 0.55;
/** Shortest writing line beside a label (points); shorter, and the line goes under the label. */
const MIN_LINE = 72;
/** Room under the writing line (descenders of handwriting, the line's own width). */
const BELOW_LINE = 4;

/** Lays out a fill-in field. */
export function field(b: FieldBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext): void {
  const node = addNode(ctx, frame, 'P');
  const rtl = ctx.direction === 'rtl';
  const total = frame.width * b.width;
  const labelBox = total * LABEL_SHARE;
  const lines = layoutParagraph(b.label, {
    measurer: ctx.measurer,
    direction: ctx.direction,
    width: labelBox,
    align: 'start',
    lang: b.lang,
    hyphenate: false,
    diags: ctx.diags,
    place: b.place,
    owner: runOwner(ctx, node),
  });
  const labelWidth = Math.max(0, ...lines.map((l) => l.width));
  const labelHeight = lines.reduce((h, l) => h + l.height, 0);
  const beside = total - labelWidth - b.gap >= MIN_LINE;
  const items: PageItem[] = [];
  // the label's own box: at the start edge (left, or right in right-to-left documents)
  const labelX = rtl ? frame.x + frame.width - labelBox : frame.x;
  let height: number;
  let lineStart: number;
  let lineEnd: number;
  let lineY: number;
  if (beside) {
    height = Math.max(b.height, labelHeight) + BELOW_LINE;
    lineY = height - BELOW_LINE;
    const last = lines.length - 1;
    const lastBaseline = lines.slice(0, last).reduce((h, l) => h + l.height, 0) + (lines[last]?.baseline ?? 0);
    let y = lineY - 3 - lastBaseline;
    for (const line of lines) {
      for (const it of line.items) items.push(shiftItem(it, labelX, y));
      y += line.height;
    }
    lineStart = rtl ? frame.x + frame.width - total : frame.x + labelWidth + b.gap;
    lineEnd = rtl ? frame.x + frame.width - labelWidth - b.gap : frame.x + total;
  } else {
    let y = 0;
    for (const line of lines) {
      for (const it of line.items) items.push(shiftItem(it, labelX, y));
      y += line.height;
    }
    height = labelHeight + b.height + BELOW_LINE;
    lineY = height - BELOW_LINE;
    lineStart = rtl ? frame.x + frame.width - total : frame.x;
    lineEnd = lineStart + total;
  }
  items.push({
    kind: 'field',
    x: lineStart,
    y: lineY - b.height,
    width: lineEnd - lineStart,
    height: b.height,
    label: b.labelText,
    type: b.type,
    color: b.lineColor,
    lineWidth: b.lineWidth,
    fontSize: b.fontSize,
    owner: node,
  });
  flow.box({ height, items, marks: [] });
}
