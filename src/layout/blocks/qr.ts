/**
 * QR codes: the code (with its quiet zone kept white) at the start edge, its label and URL beside
 * it, centred on the code. One unbreakable box. The code is a Figure whose alternative text is the
 * label and the URL; the printed label and URL are a paragraph of their own.
 */
import type { QrBlock } from '../../types/layout-tree.js';
import type { PageItem } from '../../types/paged.js';
import { shiftItem, type FlowBuilder } from '../flow.js';
import { layoutParagraph, type LaidLine } from '../inline/lines.js';
import { addNode, type BlockContext, type BlockFrame } from './context.js';
import { runOwner } from './paragraph.js';

/** Lays out a QR code with its text. */
export function qr(b: QrBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext): void {
  const rtl = ctx.direction === 'rtl';
  const module = b.size / b.modules.length;
  const quiet = b.quietModules * module;
  const side = b.size + 2 * quiet;
  // room for the widest quiet zone (a version-1 code's, 21 modules), so codes of every density line up
  const reserve = (b.quietModules * b.size) / 21;
  const alt = b.labelText.length > 0 ? `${b.labelText}: ${b.url}` : b.url;
  const figure = addNode(ctx, frame, 'Figure', { alt });
  const outer = b.size + 2 * reserve;
  const codeX = (rtl ? frame.x + frame.width - outer : frame.x) + reserve - quiet;
  const textWidth = Math.max(1, frame.width - outer - b.gap);
  const textX = rtl ? frame.x : frame.x + outer + b.gap;
  const para = addNode(ctx, frame, 'P');
  const lay = (inlines: QrBlock['label']): LaidLine[] =>
    inlines.length === 0
      ? []
      : layoutParagraph(inlines, {
          measurer: ctx.measurer,
          direction: ctx.direction,
          width: textWidth,
          align: 'start',
          lang: b.lang,
          hyphenate: false,
          diags: ctx.diags,
          place: b.place,
          owner: runOwner(ctx, para),
        });
  const lines = [...lay(b.label), ...lay(b.urlInlines)];
  const textHeight = lines.reduce((h, l) => h + l.height, 0);
  const height = Math.max(outer, textHeight);
  const items: PageItem[] = [
    // the quiet zone stays white whatever the background (a callout's tint)
    { kind: 'rect', x: codeX, y: (height - side) / 2, width: side, height: side, fill: '#FFFFFF', lineWidth: 0, radius: 0, owner: null },
    { kind: 'qr', x: codeX + quiet, y: (height - side) / 2 + quiet, module, modules: b.modules, color: b.color, owner: figure },
  ];
  let y = (height - textHeight) / 2;
  for (const line of lines) {
    for (const it of line.items) items.push(shiftItem(it, textX, y));
    y += line.height;
  }
  flow.box({ height, items, marks: [] });
}
