/**
 * Output of the layout stage: pages of positioned items. Lines are already
 * broken and ordered; render only draws. Coordinates are points from the
 * top-left corner of the page; text `y` is the baseline.
 */
import type { HexColor } from './brand.js';
import type { ImageAsset } from './image.js';
import type { DocumentInfo } from './layout-tree.js';

/** Key of a font in the {@link FontBook}. */
export type FontKey = string;

/** Structure roles used for tagging (PDF/UA). */
export type StructRole =
  | 'Document'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'BlockQuote'
  | 'Note'
  | 'Figure'
  | 'Caption'
  | 'Table'
  | 'THead'
  | 'TBody'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Link'
  | 'Span'
  | 'Sect'
  | 'TOC'
  | 'TOCI'
  | 'Form';

/** A node of the logical structure tree. */
export interface StructNode {
  readonly id: number;
  readonly role: StructRole;
  readonly parent: number | null;
  readonly children: number[];
  /** Alternative text (figures). */
  readonly alt?: string;
  /** Replacement text of drawn content (a checkbox's state). */
  readonly actualText?: string;
  readonly lang?: string;
  /** `Row`/`Column` scope for TH. */
  readonly scope?: 'Row' | 'Column';
}

/** Who owns a drawn item: a structure node, or nobody (an artifact). */
export type Owner = number | null;

/** A run of text in one font, drawn with no further shaping decisions. */
export interface TextItem {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly text: string;
  readonly font: FontKey;
  readonly size: number;
  readonly color: HexColor;
  /** Extra space added to each U+0020 (justification). */
  readonly wordSpacing: number;
  readonly direction: 'ltr' | 'rtl';
  readonly underline: boolean;
  readonly strike: boolean;
  readonly owner: Owner;
  readonly lang?: string;
  /**
   * The logical-order text a reader should get back when it differs from
   * what the glyphs map to (reordered Indic/Khmer syllables, mirrored
   * brackets in right-to-left text). Drawn as `/ActualText`.
   */
  readonly actualText?: string;
}

/** A filled and/or stroked rectangle. */
export interface RectItem {
  readonly kind: 'rect';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fill?: HexColor;
  readonly stroke?: HexColor;
  readonly lineWidth: number;
  readonly radius: number;
  readonly owner: Owner;
}

/** A straight line. */
export interface LineItem {
  readonly kind: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly color: HexColor;
  readonly width: number;
  readonly owner: Owner;
}

/** A placed image. */
export interface ImageItem {
  readonly kind: 'image';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly image: ImageAsset;
  readonly owner: Owner;
}

/** A drawn checkbox (task list item). */
export interface CheckboxItem {
  readonly kind: 'checkbox';
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly checked: boolean;
  readonly color: HexColor;
  /** The item's own text, plain (the tooltip of a fillable checkbox's form field). */
  readonly label: string;
  readonly owner: Owner;
}

/** A drawn vector icon (callouts); always decoration, the label beside it says the same. */
export interface IconItem {
  readonly kind: 'icon';
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly shape: 'note' | 'tip' | 'warning' | 'danger';
  readonly color: HexColor;
  readonly owner: Owner;
}

/** A QR code drawn as vector modules; `modules[row][col]` is true for a dark module. */
export interface QrItem {
  readonly kind: 'qr';
  readonly x: number;
  readonly y: number;
  /** Side of one module in points. */
  readonly module: number;
  readonly modules: readonly (readonly boolean[])[];
  readonly color: HexColor;
  readonly owner: Owner;
}

/**
 * A writing line for a fill-in field: drawn as a rule under the writing space; with fillable
 * output also an AcroForm text field over that space.
 */
export interface FieldItem {
  readonly kind: 'field';
  readonly x: number;
  /** Top of the writing space. */
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The field's label, plain (its name and tooltip). */
  readonly label: string;
  readonly type: 'text' | 'date';
  readonly color: HexColor;
  /** Thickness of the writing line. */
  readonly lineWidth: number;
  /** Font size of typed text in a fillable field. */
  readonly fontSize: number;
  readonly owner: Owner;
}

/** A clickable area: an external URL or an internal anchor. */
export interface LinkItem {
  readonly kind: 'link';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly target: { readonly kind: 'url'; readonly url: string } | { readonly kind: 'anchor'; readonly anchor: string };
  readonly owner: Owner;
}

/** Everything a page can hold. */
export type PageItem = TextItem | RectItem | LineItem | ImageItem | CheckboxItem | LinkItem | IconItem | QrItem | FieldItem;

/** One finished page. */
export interface Page {
  readonly width: number;
  readonly height: number;
  readonly items: readonly PageItem[];
}

/** Where an anchor landed. */
export interface AnchorTarget {
  readonly page: number;
  readonly y: number;
}

/** An outline (bookmark) entry. */
export interface OutlineEntry {
  readonly title: string;
  readonly level: number;
  readonly page: number;
  readonly y: number;
  readonly anchor: string;
}

/** Output of the layout stage. */
export interface PagedDocument {
  readonly info: DocumentInfo;
  readonly pages: readonly Page[];
  readonly anchors: ReadonlyMap<string, AnchorTarget>;
  readonly outline: readonly OutlineEntry[];
  /** Structure tree; node 0 is the Document. */
  readonly structure: readonly StructNode[];
  /** Page breaks that had to break a keep rule (should be none). */
  readonly breakViolations: readonly { readonly page: number; readonly rule: string }[];
}
