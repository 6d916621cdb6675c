/**
 * The one drawing of a checkbox (a rounded box, and a tick when checked), traced with a small
 * pen interface so the page content (PDFKit) and a form field's appearance streams draw exactly
 * the same shape.
 */
import type { HexColor } from '../types/brand.js';

/** The drawing calls a checkbox needs; PDFKit's document is one, {@link OperatorPen} another. */
export interface CheckboxPen {
  save(): unknown;
  restore(): unknown;
  roundedRect(x: number, y: number, w: number, h: number, r: number): CheckboxPen;
  moveTo(x: number, y: number): CheckboxPen;
  lineTo(x: number, y: number): CheckboxPen;
  lineWidth(w: number): CheckboxPen;
  lineCap(c: 'round'): CheckboxPen;
  lineJoin(j: 'round'): CheckboxPen;
  stroke(color: HexColor): unknown;
}

/** Traces a checkbox of `size` points with its top-left corner at (x, y), y growing downwards. */
export function traceCheckbox(pen: CheckboxPen, x: number, y: number, size: number, checked: boolean, color: HexColor): void {
  pen.save();
  pen
    .roundedRect(x, y, size, size, size * 0.15)
    .lineWidth(Math.max(0.75, size * 0.08))
    .stroke(color);
  if (checked) {
    pen
      .moveTo(x + size * 0.2, y + size * 0.52)
      .lineTo(x + size * 0.42, y + size * 0.74)
      .lineTo(x + size * 0.8, y + size * 0.26)
      .lineWidth(Math.max(1, size * 0.14))
      .lineCap('round')
      .lineJoin('round')
      .stroke(color);
  }
  pen.restore();
}

/** PDFKit's number formatting (six decimals), so both drawings round alike. */
const num = (n: number): number => Math.round(n * 1e6) / 1e6;
/** PDFKit's circle constant for rounded corners. */
const KAPPA = 4.0 * ((Math.sqrt(2) - 1.0) / 3.0);

/**
 * A pen that writes PDF content-stream operators the way PDFKit does (same path construction,
 * number rounding and colour operators), for drawing into a form XObject. Its coordinates have
 * a top-left origin inside a box of the given height.
 */
export class OperatorPen implements CheckboxPen {
  private readonly ops: string[];

  constructor(height: number) {
    this.ops = [`1 0 0 -1 0 ${num(height)} cm`];
  }

  /** The content stream written so far. */
  get content(): string {
    return this.ops.join('\n');
  }

  private op(s: string): this {
    this.ops.push(s);
    return this;
  }

  save(): this {
    return this.op('q');
  }

  restore(): this {
    return this.op('Q');
  }

  moveTo(x: number, y: number): this {
    return this.op(`${num(x)} ${num(y)} m`);
  }

  lineTo(x: number, y: number): this {
    return this.op(`${num(x)} ${num(y)} l`);
  }

  lineWidth(w: number): this {
    return this.op(`${num(w)} w`);
  }

  lineCap(): this {
    return this.op('1 J');
  }

  lineJoin(): this {
    return this.op('1 j');
  }

  /** PDFKit's `roundedRect` with one radius for every corner. */
  roundedRect(x: number, y: number, w: number, h: number, radius: number): this {
    const r = Math.max(0, Math.min(radius, 0.5 * w, 0.5 * h));
    const cp = r * (1.0 - KAPPA);
    const curve = (a: number, b: number, c: number, d: number, e: number, f: number): this =>
      this.op(`${num(a)} ${num(b)} ${num(c)} ${num(d)} ${num(e)} ${num(f)} c`);
    this.moveTo(x + r, y).lineTo(x + w - r, y);
    if (r > 0) curve(x + w - cp, y, x + w, y + cp, x + w, y + r);
    this.lineTo(x + w, y + h - r);
    if (r > 0) curve(x + w, y + h - cp, x + w - cp, y + h, x + w - r, y + h);
    this.lineTo(x + r, y + h);
    if (r > 0) curve(x + cp, y + h, x, y + h - cp, x, y + h - r);
    this.lineTo(x, y + r);
    if (r > 0) curve(x, y + cp, x + cp, y, x + r, y);
    return this.op('h');
  }

  stroke(color: HexColor): this {
    const hex = color.length === 4 ? color.replace(/^#(.)(.)(.)$/u, '#$1$1$2$2$3$3') : color;
    const v = parseInt(hex.slice(1), 16);
    const rgb = [v >> 16, (v >> 8) & 0xff, v & 0xff].map((c) => c / 255);
    return this.op(`/DeviceRGB CS\n${rgb.join(' ')} SCN\nS`);
  }
}
