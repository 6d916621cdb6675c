/**
 * Words the template adds to the guide's text (callout titles, the endnotes and contents
 * headings), from the same per-locale files as the page chrome (`locales/<tag>.json`),
 * falling back to English.
 */
import { ownStringsFor, type LocaleLoader } from '../locale.js';

/** The translatable labels. */
export interface Labels {
  readonly note: string;
  readonly warning: string;
  readonly tip: string;
  readonly danger: string;
  /** Heading of the endnotes section. */
  readonly notes: string;
  /** Heading of the table of contents. */
  readonly contents: string;
  /** Label of the checklist's name line. */
  readonly fieldName: string;
  /** Label of the checklist's date line. */
  readonly fieldDate: string;
}

type LabelKey = 'note' | 'warning' | 'tip' | 'danger' | 'notes' | 'contents' | 'fieldName' | 'fieldDate';

/** Labels for a BCP 47 tag, from the locale files `load` reads (through the build's World). */
export function labelsFor(load: LocaleLoader, lang: string): Labels {
  const own = ownStringsFor(load, lang) ?? {};
  const english = ownStringsFor(load, 'en') ?? {};
  const pick = (k: LabelKey): string => own[k] ?? english[k] ?? k;
  return {
    note: pick('note'),
    warning: pick('warning'),
    tip: pick('tip'),
    danger: pick('danger'),
    notes: pick('notes'),
    contents: pick('contents'),
    fieldName: pick('fieldName'),
    fieldDate: pick('fieldDate'),
  };
}
