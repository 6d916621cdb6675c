/**
 * The callout icons, drawn as vector paths (no font glyphs): an "i" in a circle (note), a light
 * bulb (tip), an "!" in a triangle (warning) and an "!" in an octagon (danger). Each has its own
 * outline, so the four stay apart in grey-scale and for colour-blind readers.
 */
import type { IconItem } from '../types/paged.js';
import type { Doc } from './pdf-adapter/index.js';

const WHITE = '#FFFFFF';

/** The "!" of the warning and danger icons, in white, centred on `cx`, from `top` to `bottom`. */
function bang(doc: Doc, cx: number, top: number, bottom: number, s: number): void {
  const w = s * 0.11;
  doc.roundedRect(cx - w / 2, top, w, (bottom - top) * 0.66, w / 2).fill(WHITE);
  doc.circle(cx, bottom - w * 0.55, w * 0.6).fill(WHITE);
}

/** Draws one icon in the square (x, y, size). */
export function drawIcon(doc: Doc, icon: IconItem): void {
  const { x, y, size: s, color } = icon;
  const cx = x + s / 2;
  doc.save();
  switch (icon.shape) {
    case 'note': {
      doc.circle(cx, y + s / 2, s / 2).fill(color);
      const w = s * 0.12;
      doc.circle(cx, y + s * 0.27, w * 0.65).fill(WHITE);
      doc.roundedRect(cx - w / 2, y + s * 0.41, w, s * 0.38, w / 2).fill(WHITE);
      break;
    }
    case 'tip': {
      // bulb, neck and two base rings
      doc.circle(cx, y + s * 0.36, s * 0.34).fill(color);
      doc
        .polygon([cx - s * 0.2, y + s * 0.55], [cx + s * 0.2, y + s * 0.55], [cx + s * 0.15, y + s * 0.76], [cx - s * 0.15, y + s * 0.76])
        .fill(color);
      doc.roundedRect(cx - s * 0.16, y + s * 0.8, s * 0.32, s * 0.07, s * 0.03).fill(color);
      doc.roundedRect(cx - s * 0.11, y + s * 0.91, s * 0.22, s * 0.07, s * 0.03).fill(color);
      // the filament, in white
      doc
        .moveTo(cx - s * 0.1, y + s * 0.5)
        .lineTo(cx - s * 0.1, y + s * 0.34)
        .lineTo(cx, y + s * 0.42)
        .lineTo(cx + s * 0.1, y + s * 0.34)
        .lineTo(cx + s * 0.1, y + s * 0.5);
      doc
        .lineWidth(s * 0.06)
        .lineJoin('round')
        .lineCap('round')
        .stroke(WHITE);
      break;
    }
    case 'warning': {
      doc
        .polygon([cx, y + s * 0.04], [x + s, y + s * 0.94], [x, y + s * 0.94])
        .lineJoin('round')
        .lineWidth(s * 0.08)
        .fillAndStroke(color, color);
      bang(doc, cx, y + s * 0.34, y + s * 0.84, s);
      break;
    }
    case 'danger': {
      const r = s / 2;
      const k = r * Math.tan(Math.PI / 8);
      const cy = y + r;
      doc
        .polygon([cx - k, y], [cx + k, y], [x + s, cy - k], [x + s, cy + k], [cx + k, y + s], [cx - k, y + s], [x, cy + k], [x, cy - k])
        .fill(color);
      bang(doc, cx, y + s * 0.2, y + s * 0.8, s);
      break;
    }
  }
  doc.restore();
}
