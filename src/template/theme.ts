/** Builds the concrete theme for a clinic's brand. */
import type { Brand, HexColor } from '../types/brand.js';
import type { CalloutTheme, Theme } from '../types/theme.js';
import type { CalloutKind } from '../types/layout-tree.js';

const RHYTHM = 6;
/** One millimetre in points. */
const MM = 72 / 25.4;
const MUTED: HexColor = '#555555';
const BORDER: HexColor = '#C8CDD4';

/**
 * Layout tokens that are not part of {@link Theme} (sizes of decorations and
 * the table of contents). Vertical ones are multiples of the rhythm unit.
 */
export const LAYOUT_TOKENS = {
  /** Space between an image and its caption. */
  captionGap: 4,
  /** Width of the bar of a quote or callout. */
  quoteBar: 3,
  /** Table of contents: indent per heading level. */
  tocIndent: 2 * RHYTHM,
  /** Table of contents: space between entries. */
  tocEntryGap: 0.5 * RHYTHM,
  /** Table of contents: space after the whole list. */
  tocAfter: 3 * RHYTHM,
} as const;

/**
 * Callout colours (label text ≥ 4.5:1 and bar/icon ≥ 3:1 against the tint, WCAG 2.2 AA; tested).
 * Fixed rather than branded, so a warning looks like a warning in every clinic's handouts.
 */
export const CALLOUT_COLORS = {
  note: { text: '#1D4F91', mark: '#1D4F91', background: '#EAF1FB' },
  tip: { text: '#1B6B35', mark: '#1E7B3C', background: '#E8F5EC' },
  warning: { text: '#7A4300', mark: '#B86E00', background: '#FFF4DB' },
  danger: { text: '#A4161A', mark: '#B42318', background: '#FCE8E8' },
} as const satisfies Record<CalloutKind, CalloutTheme>;

/** The default theme, coloured by the clinic's brand. */
export function themeFor(brand: Brand): Theme {
  const { primary, accent, text } = brand.colors;
  const heading = (size: number, before: number, after: number) => ({
    size,
    leading: Math.ceil((size * 1.25) / 2) * 2,
    before: before * RHYTHM,
    after: after * RHYTHM,
    color: primary,
  });
  return {
    body: { size: 10.5, leading: 15, color: text },
    codeScale: 0.9,
    headings: [heading(22, 3, 2), heading(15, 3, 1), heading(12.5, 2, 1), heading(11, 2, 1), heading(10.5, 2, 1), heading(10.5, 2, 1)],
    rhythm: RHYTHM,
    paragraphAfter: 1.5 * RHYTHM,
    list: { indent: 18, itemGap: 0.5 * RHYTHM, markerColor: primary },
    quote: { barColor: primary, background: accent, padding: 2 * RHYTHM },
    rule: { color: BORDER, thickness: 0.75 },
    table: { border: BORDER, headerBackground: accent, padding: 4, size: 9.5, leading: 13 },
    link: primary,
    caption: { size: 9, leading: 12, color: MUTED },
    small: { size: 8.5, leading: 11, color: MUTED },
    primary,
    accent,
    callouts: { kinds: CALLOUT_COLORS, iconSize: 16, iconGap: 8, frame: 1 },
    // 24 pt ≈ 8.5 mm of writing space; 5 mm = 14.2 pt, so checklist boxes are 16 pt (5.6 mm)
    field: { height: 24, lineWidth: 0.75, color: MUTED, gap: 6 },
    qr: { size: MM * 25, gap: 2 * RHYTHM, color: '#000000' },
    checklist: { box: 16, size: 12, leading: 18, itemGap: RHYTHM },
    largePrint: false,
    chromeScale: 1,
    chrome: {
      page: { top: 90, right: 60, bottom: 78, left: 60, header: 44, footer: 44 },
      subtitle: { size: 13, leading: 18 },
      clinicName: { size: 12, leading: 15 },
      metaExtraLeading: 2,
      paragraphAfter: 2,
      imageHeight: 32,
      rowGap: 8,
      columnWidth: 100,
    },
  };
}

/** Body text size of large print (the guidance's minimum). */
export const LARGE_PRINT_BODY = 18;

/**
 * The large-print theme: 18 pt body text on a 26 pt line, headings, spacing, boxes, fields, icons
 * and QR codes scaled to match, page chrome (header, footer) at 18 pt too; paragraphs left-aligned and never hyphenated
 * (enforced where paragraphs are made). A new layout, never a scaled page.
 */
export function largePrintTheme(brand: Brand): Theme {
  const t = themeFor(brand);
  const k = LARGE_PRINT_BODY / t.body.size;
  const heading = (size: number, before: number, after: number, color: HexColor) => ({
    size,
    leading: Math.ceil((size * 1.3) / 2) * 2,
    before: before * RHYTHM,
    after: after * RHYTHM,
    color,
  });
  // the page chrome is large print too: header and footer text at the body size (18 pt), never smaller
  const chrome = LARGE_PRINT_BODY / t.small.size;
  return {
    ...t,
    body: { size: LARGE_PRINT_BODY, leading: 26, color: t.body.color },
    codeScale: 1,
    headings: [
      heading(32, 4, 2, t.primary),
      heading(26, 4, 2, t.primary),
      heading(22, 3, 1, t.primary),
      heading(20, 3, 1, t.primary),
      heading(18, 3, 1, t.primary),
      heading(18, 3, 1, t.primary),
    ],
    paragraphAfter: 2 * RHYTHM,
    list: { ...t.list, indent: Math.round(t.list.indent * k), itemGap: RHYTHM },
    quote: { ...t.quote, padding: 3 * RHYTHM },
    table: { ...t.table, size: LARGE_PRINT_BODY, leading: 26, padding: 6 },
    caption: { ...t.caption, size: LARGE_PRINT_BODY, leading: 26 },
    small: { ...t.small, size: LARGE_PRINT_BODY, leading: 24 },
    callouts: { ...t.callouts, iconSize: Math.round(t.callouts.iconSize * k), iconGap: Math.round(t.callouts.iconGap * k), frame: 1.5 },
    field: { ...t.field, height: Math.round(t.field.height * 1.5), lineWidth: 1 },
    qr: { ...t.qr, size: t.qr.size * 1.2, gap: 3 * RHYTHM },
    checklist: { box: 26, size: LARGE_PRINT_BODY, leading: 26, itemGap: 2 * RHYTHM },
    largePrint: true,
    chromeScale: chrome,
    chrome: {
      ...t.chrome,
      subtitle: { size: t.chrome.subtitle.size * chrome, leading: t.chrome.subtitle.leading * chrome },
      clinicName: { size: t.chrome.clinicName.size * chrome, leading: t.chrome.clinicName.leading * chrome },
    },
  };
}
