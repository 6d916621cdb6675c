/** Hex colour helpers for clinic brand profiles. */
import type { HexColor } from '../types/brand.js';

/** Accepted spellings: `#rgb` or `#rrggbb`, any letter case. */
export const HEX_COLOR_PATTERN = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Default body text colour when a clinic does not set `colors.text`. */
export const DEFAULT_TEXT_COLOR: HexColor = '#1A1A1A';

/** Share of the primary colour in the default accent (the rest is white). */
export const ACCENT_TINT = 0.1;

/**
 * Normalises `#rgb` / `#rrggbb` to uppercase `#RRGGBB`. The input must
 * match {@link HEX_COLOR_PATTERN}.
 */
export function normalizeHex(value: string): HexColor {
  const digits = value.slice(1);
  const full = digits.length === 3 ? [...digits].map((c) => c + c).join('') : digits;
  return `#${full.toUpperCase()}`;
}

/**
 * A light tint of `color`: `share` of the colour mixed with white
 * (`#1F5FAD` at 10 % gives `#E9EFF7`).
 */
export function tint(color: HexColor, share: number = ACCENT_TINT): HexColor {
  const n = Number.parseInt(color.slice(1), 16);
  const mix = (c: number): string =>
    Math.round(255 - (255 - c) * share)
      .toString(16)
      .padStart(2, '0');
  return `#${(mix((n >> 16) & 0xff) + mix((n >> 8) & 0xff) + mix(n & 0xff)).toUpperCase()}`;
}
