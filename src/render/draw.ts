/** Drawing of each page item kind (an exhaustive switch; no layout decisions here). */
import type { CheckboxItem, FieldItem, ImageItem, LineItem, PageItem, QrItem, RectItem, TextItem } from '../types/paged.js';
import { drawIcon } from './icon-shapes.js';
import { traceCheckbox } from './checkbox-shape.js';
import {
  canDrawVector,
  drawGlyphRun,
  drawImage,
  drawVector,
  openImage,
  shareShaping,
  shareSubsets,
  textFillColor,
  type Doc,
  type OpenedImage,
} from './pdf-adapter/index.js';

/** Per-document drawing state (opened images). */
export interface DrawState {
  readonly doc: Doc;
  readonly images: Map<string, OpenedImage>;
  /** The bytes embedded for an image's data (resampled to print resolution); the data itself when absent. */
  readonly printed?: ReadonlyMap<Buffer, Buffer>;
}

function text(s: DrawState, t: TextItem): void {
  // where the glyphs do not read back as the logical text, a Span with /ActualText says what they mean
  const actual = t.actualText !== undefined && t.actualText.length > 0;
  if (actual) s.doc.markContent('Span', { actual: t.actualText });
  s.doc.font(t.font);
  shareShaping(s.doc);
  shareSubsets(s.doc);
  s.doc.fontSize(t.size);
  textFillColor(s.doc, t.color);
  drawGlyphRun(s.doc, t.text, t.x, t.y, t.wordSpacing);
  if (actual) s.doc.endMarkedContent(); // the Span ends with its glyphs (inside a shared text object, as it must)
  // PDFKit places its own underline from the top of the line box; ours is measured from the baseline.
  const rule = (dy: number): void => {
    s.doc
      .save()
      .moveTo(t.x, t.y + dy)
      .lineTo(t.x + t.width, t.y + dy)
      .lineWidth(Math.max(0.5, t.size * 0.06))
      .stroke(t.color)
      .restore();
  };
  if (t.underline) rule(t.size * 0.14);
  if (t.strike) rule(-t.size * 0.3);
}

function rect(s: DrawState, r: RectItem): void {
  const d = s.doc;
  if (r.radius > 0) d.roundedRect(r.x, r.y, r.width, r.height, r.radius);
  else d.rect(r.x, r.y, r.width, r.height);
  if (r.fill && r.stroke) d.lineWidth(r.lineWidth).fillAndStroke(r.fill, r.stroke);
  else if (r.fill) d.fill(r.fill);
  else if (r.stroke) d.lineWidth(r.lineWidth).stroke(r.stroke);
}

function line(s: DrawState, l: LineItem): void {
  s.doc.moveTo(l.x1, l.y1).lineTo(l.x2, l.y2).lineWidth(l.width).stroke(l.color);
}

function image(s: DrawState, i: ImageItem): void {
  const vector = i.image.vector;
  if (vector && canDrawVector(vector)) return drawVector(s.doc, vector, i.x, i.y, i.width, i.height);
  let img = s.images.get(i.image.key);
  if (!img) {
    img = openImage(s.doc, s.printed?.get(i.image.data) ?? i.image.data);
    s.images.set(i.image.key, img);
  }
  drawImage(s.doc, img, i.x, i.y, i.width, i.height);
}

function checkbox(s: DrawState, c: CheckboxItem): void {
  traceCheckbox(s.doc, c.x, c.y, c.size, c.checked, c.color);
}

function qr(s: DrawState, q: QrItem): void {
  // one rectangle per run of dark modules in a row, filled as one path
  q.modules.forEach((row, r) => {
    for (let c = 0; c < row.length;) {
      if (!row[c]) {
        c++;
        continue;
      }
      let end = c;
      while (end < row.length && row[end]) end++;
      s.doc.rect(q.x + c * q.module, q.y + r * q.module, (end - c) * q.module, q.module);
      c = end;
    }
  });
  s.doc.fill(q.color);
}

function field(s: DrawState, f: FieldItem): void {
  const y = f.y + f.height;
  s.doc
    .save()
    .moveTo(f.x, y)
    .lineTo(f.x + f.width, y)
    .lineWidth(f.lineWidth)
    .stroke(f.color)
    .restore();
}

/** Draws one item (links are handled by the caller: they are annotations). */
export function drawItem(s: DrawState, item: Exclude<PageItem, { kind: 'link' }>): void {
  switch (item.kind) {
    case 'text':
      return text(s, item);
    case 'rect':
      return rect(s, item);
    case 'line':
      return line(s, item);
    case 'image':
      return image(s, item);
    case 'checkbox':
      return checkbox(s, item);
    case 'icon':
      return drawIcon(s.doc, item);
    case 'qr':
      return qr(s, item);
    case 'field':
      return field(s, item);
    default: {
      const never: never = item;
      throw new Error(`handoutkit: cannot draw ${(never as PageItem).kind}`);
    }
  }
}
