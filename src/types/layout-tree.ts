/**
 * Output of the template stage: a closed vocabulary of blocks and inlines with
 * every style concrete. Units are points (1/72 in).
 */
import type { SourcePlace } from '../diagnostics.js';
import type { HexColor } from './brand.js';
import type { ImageAsset } from './image.js';

/**
 * Which face of the theme's font family a run uses. `heading` is bold text of headings and the title: the
 * bundled bold face, or a clinic's own heading font (`fonts.heading` in clinic.yaml).
 */
export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono' | 'heading';

/** A concrete text style. */
export interface TextStyle {
  readonly face: FontFace;
  readonly size: number;
  /** Line height in points. */
  readonly leading: number;
  readonly color: HexColor;
  readonly strike: boolean;
  readonly underline: boolean;
  /** External URL or `#anchor` this run links to. */
  readonly link?: string;
  /** BCP 47 tag when the run is in another language than the document. */
  readonly lang?: string;
}

/** Inline content of a paragraph-like block. */
export type Inline =
  | { readonly kind: 'text'; readonly text: string; readonly style: TextStyle; readonly place?: SourcePlace }
  | { readonly kind: 'break'; readonly style: TextStyle }
  /** Filled in after pagination (fixed-width region text). */
  | { readonly kind: 'field'; readonly field: 'page' | 'pages'; readonly style: TextStyle }
  /** A fill-in field inside running text (`:field[Label]` in a sentence): its label, then its writing line, kept on one line. */
  | { readonly kind: 'writing-line'; readonly label: readonly Inline[]; readonly field: InlineField; readonly style: TextStyle };

/** The writing line of a fill-in field set inside running text. */
export interface InlineField {
  /** Plain label (field name and tooltip). */
  readonly labelText: string;
  readonly type: 'text' | 'date';
  /** Share of the column the label and the line take together (0–1]. */
  readonly width: number;
  /** Height of the writing space above the line (the line's text line grows to hold it). */
  readonly height: number;
  readonly lineColor: HexColor;
  readonly lineWidth: number;
  /** Size of text typed into the fillable field. */
  readonly fontSize: number;
  /** Space between the label and the line. */
  readonly gap: number;
}

/** Horizontal alignment of lines. */
export type Align = 'start' | 'center' | 'end' | 'justify';

/** Vertical spacing around a block, from the theme. */
export interface Spacing {
  readonly before: number;
  readonly after: number;
}

/** A paragraph of inline text. */
export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly inlines: readonly Inline[];
  readonly align: Align;
  readonly space: Spacing;
  readonly place: SourcePlace;
  /** Language for hyphenation and line breaking. */
  readonly lang: string;
  readonly hyphenate: boolean;
  /** Base direction when it differs from the document's (a tagline in another script). */
  readonly direction?: 'ltr' | 'rtl';
}

/** A heading (level 1–6). */
export interface HeadingBlock {
  readonly kind: 'heading';
  readonly level: number;
  readonly inlines: readonly Inline[];
  /** Anchor slug for internal links and the outline. */
  readonly anchor: string;
  /** Plain text of the heading (outline, tags). */
  readonly text: string;
  readonly space: Spacing;
  readonly place: SourcePlace;
  readonly lang: string;
  /** Whether it appears in the outline / table of contents. */
  readonly outline: boolean;
}

/** One item of a list. */
export interface ListItemBlock {
  /** Marker text (`•`, `3.`), empty for task items. */
  readonly marker: string;
  readonly markerStyle: TextStyle;
  /** `true`/`false` for task items (drawn checkbox), `null` otherwise. */
  readonly checked: boolean | null;
  readonly blocks: readonly Block[];
  readonly place: SourcePlace;
}

/** An ordered or unordered list. */
export interface ListBlock {
  readonly kind: 'list';
  readonly ordered: boolean;
  readonly items: readonly ListItemBlock[];
  /** Width reserved for markers. */
  readonly indent: number;
  readonly itemGap: number;
  readonly space: Spacing;
  readonly checkboxColor: HexColor;
  readonly place: SourcePlace;
  /** Side of task-item checkboxes (default: from the marker's size); checklists use large boxes. */
  readonly checkboxSize?: number;
}

/** The kinds of callout box, each with its own colour, icon and label. */
export type CalloutKind = 'note' | 'tip' | 'warning' | 'danger';

/** How a callout marks its meaning besides colour: a drawn icon in a gutter, and an optional frame. */
export interface CalloutDecor {
  readonly kind: CalloutKind;
  /** Colour of the icon (and of the frame). */
  readonly color: HexColor;
  /** Side of the icon's square in points. */
  readonly iconSize: number;
  /** Space between the icon and the text. */
  readonly gap: number;
  /** A frame around the whole box (danger), besides the bar. */
  readonly frame?: number;
}

/** A block quote or callout box. */
export interface QuoteBlock {
  readonly kind: 'quote';
  readonly role: 'quote' | 'note';
  readonly blocks: readonly Block[];
  readonly barColor: HexColor;
  readonly background?: HexColor;
  readonly padding: number;
  readonly space: Spacing;
  readonly place: SourcePlace;
  /** Width of the bar on the start side (theme token; 3 when absent). */
  readonly barWidth?: number;
  /** Callouts: icon and frame. */
  readonly callout?: CalloutDecor;
}

/** A horizontal rule. */
export interface RuleBlock {
  readonly kind: 'rule';
  readonly color: HexColor;
  readonly thickness: number;
  readonly space: Spacing;
  readonly place: SourcePlace;
  /** Decorative rules are artifacts; thematic breaks are content separators. */
  readonly decorative: boolean;
}

/** An image scaled to the column. */
export interface ImageBlock {
  readonly kind: 'image';
  readonly image: ImageAsset;
  /** Alternative text; empty only when decorative. */
  readonly alt: string;
  readonly decorative: boolean;
  readonly caption?: readonly Inline[];
  /** Largest width in points (natural size at 96 dpi is the default cap). */
  readonly maxWidth: number;
  /** The width the author asked for (`{width=60%}`, `{width=5cm}`): replaces the natural-size cap, never wider than the column. */
  readonly printWidth?: PrintWidth;
  /** An image of the guide's Markdown (which `{width=…}` can size), not one of the page template (the logo). */
  readonly inGuide?: boolean;
  readonly maxHeight?: number;
  readonly align: 'start' | 'center' | 'end';
  readonly space: Spacing;
  readonly place: SourcePlace;
  /** Space between the image and its caption (theme token; 4 when absent). */
  readonly captionGap?: number;
}

/** A printed width the author gave an image: a share of the column, or a length in points. */
export type PrintWidth = { readonly fraction: number } | { readonly points: number };

/** A table cell. */
export interface TableCell {
  readonly inlines: readonly Inline[];
  readonly align: 'start' | 'center' | 'end';
}

/** A table row. */
export interface TableRow {
  readonly cells: readonly TableCell[];
  readonly place: SourcePlace;
}

/** A GFM table. */
export interface TableBlock {
  readonly kind: 'table';
  readonly header: TableRow;
  readonly rows: readonly TableRow[];
  readonly borderColor: HexColor;
  readonly headerBackground: HexColor;
  readonly cellPadding: number;
  readonly space: Spacing;
  readonly place: SourcePlace;
  readonly lang: string;
}

/** Fixed vertical space. */
export interface SpacerBlock {
  readonly kind: 'spacer';
  readonly height: number;
}

/** Forces the next block onto a new page. */
export interface PageBreakBlock {
  readonly kind: 'pagebreak';
  readonly place: SourcePlace;
}

/** A column of a row. */
export interface RowColumn {
  /** Width in points, `auto` for its content's unwrapped width (at most what is left), or `fill` to share what is left. */
  readonly width: number | 'fill' | 'auto';
  readonly blocks: readonly Block[];
  readonly valign: 'top' | 'middle' | 'bottom';
}

/** One entry of a table of contents: a heading's text, linked to its anchor. */
export interface TocEntry {
  readonly inlines: readonly Inline[];
  /** Plain text (tags, link contents). */
  readonly text: string;
  readonly anchor: string;
  readonly level: number;
}

/**
 * A table of contents: one fixed-height entry per heading, page numbers
 * right-aligned behind dot leaders, filled in after pagination.
 */
export interface TocBlock {
  readonly kind: 'toc';
  readonly entries: readonly TocEntry[];
  /** Style of entry text, leaders and page numbers. */
  readonly style: TextStyle;
  /** Indent per heading level below the shallowest entry. */
  readonly indent: number;
  /** Space between entries. */
  readonly entryGap: number;
  readonly leaderColor: HexColor;
  readonly space: Spacing;
  readonly place: SourcePlace;
  readonly lang: string;
}

/** Columns side by side (headers, title blocks, contact cards). */
export interface RowBlock {
  readonly kind: 'row';
  readonly columns: readonly RowColumn[];
  readonly gap: number;
  readonly space: Spacing;
  readonly background?: HexColor;
  readonly padding: number;
}

/**
 * A fill-in field (`:field[Patient name]{width=60%}`, `::field[Date]{type=date}`): its label and a
 * writing line sized for handwriting; with fillable output also an AcroForm text field.
 */
export interface FieldBlock extends InlineField {
  readonly kind: 'field';
  readonly label: readonly Inline[];
  readonly space: Spacing;
  readonly place: SourcePlace;
  readonly lang: string;
}

/** A QR code (`::qr[https://…]{label="…"}`) with its label and URL printed beside it. */
export interface QrBlock {
  readonly kind: 'qr';
  readonly url: string;
  readonly label: readonly Inline[];
  readonly labelText: string;
  /** The URL as printed. */
  readonly urlInlines: readonly Inline[];
  /** Dark modules, row by row (error correction M). */
  readonly modules: readonly (readonly boolean[])[];
  /** Side of the code without its quiet zone, in points (at least 2 cm). */
  readonly size: number;
  /** Quiet zone on each side, in modules (4, as ISO/IEC 18004 asks). */
  readonly quietModules: number;
  readonly color: HexColor;
  /** Space between the code and its text. */
  readonly gap: number;
  readonly space: Spacing;
  readonly place: SourcePlace;
  readonly lang: string;
}

/** Blocks kept on one page when they fit (a checklist group: its heading and items). */
export interface GroupBlock {
  readonly kind: 'group';
  readonly blocks: readonly Block[];
  readonly space: Spacing;
}

/** Every block kind. */
export type Block =
  | ParagraphBlock
  | HeadingBlock
  | ListBlock
  | QuoteBlock
  | RuleBlock
  | ImageBlock
  | TableBlock
  | SpacerBlock
  | PageBreakBlock
  | RowBlock
  | TocBlock
  | FieldBlock
  | QrBlock
  | GroupBlock;

/** Page geometry and the regions repeated on every page. */
export interface PageTemplate {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  /** Blocks drawn at the top of every page (artifacts), inside the top margin. */
  readonly header: readonly Block[];
  readonly headerHeight: number;
  /** Blocks drawn at the bottom of every page (artifacts), inside the bottom margin. */
  readonly footer: readonly Block[];
  readonly footerHeight: number;
}

/** Document-level facts render needs. */
export interface DocumentInfo {
  readonly title: string;
  readonly subtitle?: string;
  readonly lang: string;
  readonly author: string;
  readonly subject: string;
  /** Pinned creation date (from the guide or SOURCE_DATE_EPOCH). */
  readonly created: Date;
  readonly direction: 'ltr' | 'rtl';
}

/** Output of the template stage. */
export interface LayoutTree {
  readonly page: PageTemplate;
  /** Body blocks: the title block followed by the guide. */
  readonly body: readonly Block[];
  readonly info: DocumentInfo;
}
