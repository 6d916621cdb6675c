/**
 * The PDF/UA-1 rule ids and shared vocabulary: {@link PDFUA_RULES}, the violation type, the
 * callback rule checks report through, and the standard structure types. The checks themselves
 * live in `document-rules.ts` and `structure-rules.ts`.
 */

/** Rule ids reported by {@link checkPdfUa}, one per checked PDF/UA-1 requirement. */
export const PDFUA_RULES = {
  /** Catalog `/MarkInfo << /Marked true >>` (not `/Suspects true`) and a `/StructTreeRoot`. */
  tagged: 'ua-tagged',
  /** Catalog `/Lang` is a non-empty BCP 47 language tag. */
  lang: 'ua-lang',
  /** Info `/Title` is set and `/ViewerPreferences /DisplayDocTitle true`. */
  title: 'ua-title',
  /** XMP metadata stream with `dc:title` and `pdfuaid:part` 1. */
  xmp: 'ua-xmp',
  /** All text, paths and images are in an `/Artifact` or an MCID marked-content sequence; BDC/EMC balance. */
  contentMarked: 'ua-content-marked',
  /** MCIDs on pages and MCIDs referenced by the structure tree / ParentTree agree both ways. */
  mcidTree: 'ua-mcid-tree',
  /** Every `/Figure` has non-empty `/Alt` or `/ActualText`. */
  figureAlt: 'ua-figure-alt',
  /** Headings H1–H6 never skip a level going deeper (starting from H1). */
  headingOrder: 'ua-heading-order',
  /** Pages with annotations have `/Tabs /S`; Link annotations are tagged via `/OBJR` in a `/Link` and have `/Contents`. */
  annotations: 'ua-annotations',
  /** Every Widget (form field) annotation has a `/TU` tooltip and is referenced from a `/Form` element via `/OBJR`, with `/StructParent`. */
  formFields: 'ua-form-fields',
  /** Every font is embedded and has a `/ToUnicode` CMap. */
  fonts: 'ua-fonts',
  /** Structure types are standard or role-mapped to a standard type; standard types are not remapped. */
  structTypes: 'ua-struct-types',
} as const;

/** One of the rule ids in {@link PDFUA_RULES}. */
export type PdfUaRule = (typeof PDFUA_RULES)[keyof typeof PDFUA_RULES];

/** One PDF/UA violation: the rule id and a message naming the object, the value and the fix. */
export interface PdfUaViolation {
  /** Rule id from {@link PDFUA_RULES}. */
  rule: PdfUaRule;
  /** Human-readable explanation. */
  message: string;
}

/** The standard structure types of PDF 1.7 (ISO 32000-1 §14.8.4), which PDF/UA-1 builds on. */
export const STANDARD_STRUCTURE_TYPES: ReadonlySet<string> = new Set([
  'Document',
  'Part',
  'Art',
  'Sect',
  'Div',
  'BlockQuote',
  'Caption',
  'TOC',
  'TOCI',
  'Index',
  'NonStruct',
  'Private',
  'P',
  'H',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'L',
  'LI',
  'Lbl',
  'LBody',
  'Table',
  'TR',
  'TH',
  'TD',
  'THead',
  'TBody',
  'TFoot',
  'Span',
  'Quote',
  'Note',
  'Reference',
  'BibEntry',
  'Code',
  'Link',
  'Annot',
  'Ruby',
  'RB',
  'RT',
  'RP',
  'Warichu',
  'WT',
  'WP',
  'Figure',
  'Formula',
  'Form',
]);

/** The callback a rule check reports a violation through. */
export type AddViolation = (rule: PdfUaRule, message: string) => void;
