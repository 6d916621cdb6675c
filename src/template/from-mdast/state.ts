/** Shared state of one mdast → blocks conversion. */
import type { FootnoteDefinition, Nodes } from 'mdast';
import type GithubSlugger from 'github-slugger';
import type { Diagnostics, SourcePlace } from '../../diagnostics.js';
import type { HexColor } from '../../types/brand.js';
import type { ImageAsset } from '../../types/image.js';
import type { Block, FontFace, Spacing, TextStyle } from '../../types/layout-tree.js';
import type { Theme } from '../../types/theme.js';
import type { Labels } from './labels.js';

/** Inputs of the conversion. */
export interface FromMdastContext {
  readonly theme: Theme;
  /** Words the template adds in the document's language (callout titles, notes and contents headings, field labels). */
  readonly labels: Labels;
  /** Document language (BCP 47). */
  readonly lang: string;
  /** Guide path, for block places and diagnostics. */
  readonly file: string;
  /** Loaded images keyed by URL as written. */
  readonly images: ReadonlyMap<string, ImageAsset>;
  readonly diags: Diagnostics;
  /** Width of the text column in points. */
  readonly contentWidth: number;
  /** Alignment of body paragraphs (default `start`; front matter `align: justify` overrides it). */
  readonly align?: 'start' | 'justify';
  /** Print a table of contents (default: front matter `toc`). */
  readonly toc?: boolean;
  /** `checklist`: only the guide's checklists, as a printable checklist page (default `handout`). */
  readonly template?: 'handout' | 'checklist';
}

/** Converts one node to blocks. */
export type Handler = (node: Nodes, state: State) => Block[];

/** Mutable conversion state passed to every handler. */
export interface State {
  readonly ctx: FromMdastContext;
  readonly slugger: GithubSlugger;
  /** Footnote definitions by identifier. */
  readonly footnoteDefs: Map<string, FootnoteDefinition>;
  /** Footnote numbers by identifier, in order of first reference. */
  readonly footnoteNumbers: Map<string, number>;
  /** Nesting depth of lists (0 outside lists). */
  listDepth: number;
  /** Inside a tight list item: paragraphs get no spacing of their own. */
  tight: boolean;
  /** Alignment of body paragraphs. */
  readonly align: 'start' | 'justify';
  /** Inside a checklist: list items get large checkboxes (plain items too). */
  checklist?: boolean;
  /** Converts one node with its handler. */
  one(node: Nodes): Block[];
  /** Converts a list of nodes. */
  all(nodes: readonly Nodes[]): Block[];
}

/** Place of a node in the guide (node start, or 1:1 when unknown). */
export function placeOf(node: Nodes | undefined, state: State): SourcePlace {
  return { file: state.ctx.file, line: node?.position?.start.line ?? 1, column: node?.position?.start.column ?? 1 };
}

/** A text style with the given properties (regular face, no decorations by default). */
export function style(face: FontFace, size: number, leading: number, color: HexColor, extra: Partial<TextStyle> = {}): TextStyle {
  return { face, size, leading, color, strike: false, underline: false, ...extra };
}

/** The body text style of the theme. */
export function bodyStyle(state: State): TextStyle {
  const { body } = state.ctx.theme;
  return style('regular', body.size, body.leading, body.color);
}

/** Spacing of a paragraph-like block (none inside tight list items). */
export function paragraphSpace(state: State): Spacing {
  return state.tight ? { before: 0, after: 0 } : { before: 0, after: state.ctx.theme.paragraphAfter };
}
