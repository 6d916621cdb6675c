/**
 * Theme tokens: every size, space and colour the template stage uses comes
 * from here, never from numbers scattered in code. Units are points.
 */
import type { HexColor } from './brand.js';
import type { CalloutKind } from './layout-tree.js';

/** Colours of one kind of callout: its label text, its bar and icon, its tint. */
export interface CalloutTheme {
  readonly text: HexColor;
  readonly mark: HexColor;
  readonly background: HexColor;
}

/** Style of one heading level. */
export interface HeadingTheme {
  readonly size: number;
  readonly leading: number;
  readonly before: number;
  readonly after: number;
  readonly color: HexColor;
}

/** Concrete theme for one document. */
export interface Theme {
  /** Body text size and line height. */
  readonly body: { readonly size: number; readonly leading: number; readonly color: HexColor };
  /** Monospace (inline code) size relative to body. */
  readonly codeScale: number;
  /** Headings by level 1..6 (index 0 is level 1). */
  readonly headings: readonly HeadingTheme[];
  /** The baseline unit every vertical space is a multiple of. */
  readonly rhythm: number;
  readonly paragraphAfter: number;
  readonly list: { readonly indent: number; readonly itemGap: number; readonly markerColor: HexColor };
  readonly quote: { readonly barColor: HexColor; readonly background: HexColor; readonly padding: number };
  readonly rule: { readonly color: HexColor; readonly thickness: number };
  readonly table: {
    readonly border: HexColor;
    readonly headerBackground: HexColor;
    readonly padding: number;
    readonly size: number;
    readonly leading: number;
  };
  readonly link: HexColor;
  readonly caption: { readonly size: number; readonly leading: number; readonly color: HexColor };
  readonly small: { readonly size: number; readonly leading: number; readonly color: HexColor };
  readonly primary: HexColor;
  readonly accent: HexColor;
  /** Fill-in fields: writing space sized for handwriting, the line's colour and width, label gap. */
  readonly field: { readonly height: number; readonly lineWidth: number; readonly color: HexColor; readonly gap: number };
  /** QR codes: side of the code (at least 2 cm), gap to its text, module colour. */
  readonly qr: { readonly size: number; readonly gap: number; readonly color: HexColor };
  /** Checklists: box side (at least 5 mm), item text size and leading, space between items. */
  readonly checklist: { readonly box: number; readonly size: number; readonly leading: number; readonly itemGap: number };
  /** Large-print layout: left-aligned, no hyphenation. */
  readonly largePrint: boolean;
  /** Factor applied to the page chrome's fixed sizes (template sizes, column widths, margins): 1, larger in large print. */
  readonly chromeScale: number;
  /** The page chrome the templates' markup lays out: its named styles and the defaults of its attributes (points). */
  readonly chrome: ChromeTokens;
  /** Callout boxes by kind: fixed colours (meaning never depends on the brand), icon size and gap. */
  readonly callouts: {
    readonly kinds: Readonly<Record<CalloutKind, CalloutTheme>>;
    readonly iconSize: number;
    readonly iconGap: number;
    readonly frame: number;
  };
}

/** Sizes of the page chrome (header, footer, title block); large print scales them by `chromeScale` where they are used. */
export interface ChromeTokens {
  /** Page margins and header/footer heights when `<page>` leaves one out (top, bottom and the heights scale in large print). */
  readonly page: {
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
    readonly left: number;
    readonly header: number;
    readonly footer: number;
  };
  /** The `subtitle` and `clinic-name` styles (already scaled for large print). */
  readonly subtitle: { readonly size: number; readonly leading: number };
  readonly clinicName: { readonly size: number; readonly leading: number };
  /** Extra line height of the `meta` style over the `small` one. */
  readonly metaExtraLeading: number;
  /** Default `space-after` of a `<p>`. */
  readonly paragraphAfter: number;
  /** Default `height` of an `<image>` (before large-print scaling). */
  readonly imageHeight: number;
  /** Default `gap` of a `<row>` and `width` of a `<column>`. */
  readonly rowGap: number;
  readonly columnWidth: number;
}
