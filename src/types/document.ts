/** Types of the parse and resolve stages. */
import type { Root } from 'mdast';
import type { Brand, PaperName } from './brand.js';
import type { ImageAsset } from './image.js';

/** Validated guide front matter. */
export interface GuideMeta {
  readonly id: string;
  readonly title: string;
  readonly subtitle?: string;
  /** BCP 47 language tag, canonicalised. */
  readonly lang: string;
  readonly version: number;
  /** ISO date (YYYY-MM-DD). */
  readonly reviewed?: string;
  readonly reviewDue?: string;
  readonly toc?: boolean;
  /** Body text alignment: ragged (`start`, default) or justified. */
  readonly align?: 'start' | 'justify';
  /** For a translation: the version of the source-language guide it was translated from. */
  readonly translatedFrom?: { readonly version: number };
  /** Marks a machine or sample translation that has not been clinically reviewed. */
  readonly sampleTranslation?: boolean;
  /** Task-list checkboxes are also PDF form fields a reader can tick. */
  readonly fillable?: boolean;
  /** `checklist`: the guide prints as a printable checklist (`--template checklist`); default `handout`. */
  readonly template?: 'handout' | 'checklist';
}

/** Output of `parse`: the mdast and validated metadata of one guide. */
export interface ParsedDocument {
  readonly file: string;
  /** Folder the guide's relative assets resolve from. */
  readonly dir: string;
  readonly meta: GuideMeta;
  readonly root: Root;
}

/** Output of `resolve`: variables substituted, unsupported nodes removed, brand chosen. */
export interface ResolvedDocument {
  readonly file: string;
  readonly dir: string;
  readonly meta: GuideMeta;
  /** A fresh mdast (the parsed one is never mutated). */
  readonly root: Root;
  readonly brand: Brand;
  readonly paper: PaperName;
  /** Images referenced by the guide, loaded and normalised, keyed by their URL as written. */
  readonly images: ReadonlyMap<string, ImageAsset>;
}
