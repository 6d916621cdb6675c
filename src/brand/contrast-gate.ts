/**
 * The brand contrast gate: each clinic colour against the backgrounds it is drawn on, at WCAG 2.2
 * AA — 4.5:1 for text, 3:1 for graphics (rules, bars, boxes). A failing colour is an error at its
 * line in clinic.yaml naming both colours, the measured ratio and the nearest passing colour of
 * the same hue.
 */
import type { Diagnostics, SourcePlace } from '../diagnostics.js';
import type { HexColor } from '../types/brand.js';
import { contrastRatio, formatRatio, LARGE_CONTRAST, nearestPassing, TEXT_CONTRAST } from './contrast.js';

/** A colour of the profile and where it was written (undefined: a default, not in the file). */
export interface PlacedColor {
  readonly key: 'primary' | 'accent' | 'text';
  readonly value: HexColor;
  readonly place: SourcePlace | undefined;
}

const WHITE: HexColor = '#FFFFFF';

/** One pairing the templates draw: `fg` on `bg`, which of them the fix changes, the ratio needed and why. */
interface Pairing {
  readonly fg: PlacedColor | { readonly key: 'white'; readonly value: HexColor; readonly place: undefined };
  readonly bg: PlacedColor | { readonly key: 'white'; readonly value: HexColor; readonly place: undefined };
  readonly blame: 'fg' | 'bg';
  readonly need: number;
  readonly use: string;
}

/** Checks the profile's colours; returns whether all pass. */
export function checkBrandContrast(colors: { primary: PlacedColor; accent: PlacedColor; text: PlacedColor }, diags: Diagnostics): boolean {
  const white = { key: 'white', value: WHITE, place: undefined } as const;
  const pairings: Pairing[] = [
    { fg: colors.text, bg: white, blame: 'fg', need: TEXT_CONTRAST, use: 'body text on the white page' },
    { fg: colors.primary, bg: white, blame: 'fg', need: TEXT_CONTRAST, use: 'links, the clinic name and headings on the white page' },
    { fg: colors.text, bg: colors.accent, blame: 'bg', need: TEXT_CONTRAST, use: 'text on the accent tint (table headers, quotes)' },
    { fg: colors.primary, bg: colors.accent, blame: 'bg', need: LARGE_CONTRAST, use: 'the primary bar of quotes on the accent tint' },
  ];
  let ok = true;
  const reported = new Set<string>();
  for (const p of pairings) {
    const ratio = contrastRatio(p.fg.value, p.bg.value);
    if (ratio >= p.need) continue;
    const culprit = p.blame === 'fg' ? p.fg : p.bg;
    const other = p.blame === 'fg' ? p.bg : p.fg;
    // a default colour (not in the file) is derived from the others: fixing those fixes it
    if (culprit.key === 'white' || reported.has(culprit.key) || !culprit.place) continue;
    const place = culprit.place;
    ok = false;
    reported.add(culprit.key);
    const fix = nearestPassing(culprit.value, other.value, p.need);
    diags.error(
      place,
      `\`colors.${culprit.key}\` ${culprit.value} against ${other.key === 'white' ? 'white' : `\`colors.${other.key}\``} ` +
        `${other.value} has a contrast of ${formatRatio(ratio)}; ` +
        `${p.use} need${p.need === TEXT_CONTRAST ? '' : 's'} ${p.need}:1 (WCAG 2.2 AA); the nearest passing colour of the ` +
        `same hue is ${fix}`,
      'clinic-low-contrast',
    );
  }
  return ok;
}
