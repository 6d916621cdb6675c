/**
 * WCAG 2.2 contrast: relative luminance, contrast ratio, and the nearest colour of the same hue
 * that reaches a ratio against a background (for the brand contrast gate's suggestion).
 */
import type { HexColor } from '../types/brand.js';

/** WCAG 2.2 AA minimum for body text. */
export const TEXT_CONTRAST = 4.5;
/** WCAG 2.2 AA minimum for large text (≥ 18 pt, or 14 pt bold) and graphics (rules, icons, boxes). */
export const LARGE_CONTRAST = 3;

function rgb(color: HexColor): [number, number, number] {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function hex([r, g, b]: readonly number[]): HexColor {
  return `#${[r, g, b]
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c!)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')
    .toUpperCase()}`;
}

/** Relative luminance (WCAG 2.2, sRGB). */
export function luminance(color: HexColor): number {
  const [r, g, b] = rgb(color).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two colours, 1–21. */
export function contrastRatio(a: HexColor, b: HexColor): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** A ratio as WCAG writes it, rounded down to one decimal (`4.49` → `4.4:1`), so a shown pass is a pass. */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 10) / 10).toFixed(1)}:1`;
}

function toHsl([r, g, b]: readonly number[]): [number, number, number] {
  const [rn, gn, bn] = [r! / 255, g! / 255, b! / 255];
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === rn ? (gn - bn) / d + (gn < bn ? 6 : 0) : max === gn ? (bn - rn) / d + 2 : (rn - gn) / d + 4;
  return [h / 6, s, l];
}

function fromHsl(h: number, s: number, l: number): [number, number, number] {
  if (s === 0) return [l * 255, l * 255, l * 255];
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const f = (t: number): number => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return [f(h + 1 / 3) * 255, f(h) * 255, f(h - 1 / 3) * 255];
}

/**
 * The colour of the same hue and saturation as `color`, with the lightness closest to its own,
 * that reaches `ratio` against `background` (darker on light backgrounds, lighter on dark ones).
 */
export function nearestPassing(color: HexColor, background: HexColor, ratio: number): HexColor {
  const [h, s, l] = toHsl(rgb(color));
  const darker = luminance(background) > 0.18;
  for (let step = 1; step <= 1000; step++) {
    const candidateL = darker ? l - step / 1000 : l + step / 1000;
    if (candidateL < 0 || candidateL > 1) break;
    const candidate = hex(fromHsl(h, s, candidateL));
    if (contrastRatio(candidate, background) >= ratio) return candidate;
  }
  return darker ? '#000000' : '#FFFFFF';
}
