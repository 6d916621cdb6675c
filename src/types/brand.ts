/** A clinic's brand profile, validated from `content/clinics/<id>/clinic.yaml`. */
import type { SourcePlace } from '../diagnostics.js';

/** Paper sizes we print on. */
export type PaperName = 'letter' | 'a4';

import type { VectorSource } from '../assets/svg-vector.js';

/** A colour as `#rrggbb`. */
export type HexColor = `#${string}`;

/** A clinic logo, already normalised for embedding. */
export interface BrandLogo {
  /** PNG or JPEG bytes ready for PDFKit. */
  readonly data: Buffer;
  /** Which of the two `data` is (as normalised by `src/assets/`). */
  readonly format: 'png' | 'jpeg';
  readonly width: number;
  readonly height: number;
  /** An SVG logo drawn as vector graphics (see `ImageAsset.vector`). */
  readonly vector?: VectorSource;
  /** Where the logo was declared (for diagnostics). */
  readonly place: SourcePlace;
}

/** A slot of `fonts:` in clinic.yaml: the text it sets (`heading`: headings and the title). */
export type ClinicFontRole = 'body' | 'bold' | 'italic' | 'boldItalic' | 'heading';

/** A clinic font (`fonts.<role>` in clinic.yaml), read from the clinic's folder and checked to be a usable font. */
export interface BrandFont {
  /** The path as written in clinic.yaml (relative to it). */
  readonly file: string;
  /** SHA-256 of the file (hex): the font's identity in every cache. */
  readonly digest: string;
  readonly data: Buffer;
  /** Where the font was declared (for diagnostics). */
  readonly place: SourcePlace;
}

/** Validated clinic profile. */
export interface Brand {
  /** Folder name of the clinic (`content/clinics/<id>`), or the file's stem. */
  readonly id: string;
  /** Path of the clinic.yaml this came from. */
  readonly file: string;
  readonly name: string;
  readonly logo?: BrandLogo;
  /** The clinic's own fonts, in front of the bundled ones (which stay the fallback for characters they lack). */
  readonly fonts?: Readonly<Partial<Record<ClinicFontRole, BrandFont>>>;
  readonly colors: { readonly primary: HexColor; readonly accent: HexColor; readonly text: HexColor };
  readonly contact: {
    readonly phone?: string;
    readonly website?: string;
    readonly address?: string;
    readonly email?: string;
  };
  readonly paper: PaperName;
  /** The footer line: one text for every language, or one per language tag (chosen with a fallback by the template stage). */
  readonly footer?: string | Readonly<Record<string, string>>;
  /** Languages the clinic serves (BCP 47, canonical); translation status is checked against them. */
  readonly locales?: readonly string[];
  /** A contact card printed at the end of each handout (`partials/contact-card.hbs`); the website with a QR code. */
  readonly contactCard?: { readonly phone?: string; readonly hours?: string; readonly website?: string; readonly address?: string };
  /** A safety line printed under the title (`partials/safety.hbs`), e.g. emergency and crisis numbers. */
  readonly safety?: string;
  /** Languages of the "language assistance is free" taglines printed on handouts. */
  readonly languageAssistance?: { readonly languages: readonly string[] };
}
