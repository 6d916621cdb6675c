/**
 * Words the template adds to the guide's text (callout titles, the endnotes and contents
 * headings), from the same per-locale files as the page chrome (`locales/<tag>.json`),
 * falling back to English.
 */
import path from 'node:path';
import { packageDir } from '../../package-dir.js';
import { ownStringsFor } from '../locale.js';

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
const cache = new Map<string, Labels>();

/** Labels for a BCP 47 tag. */
export function labelsFor(lang: string): Labels {
  let labels = cache.get(lang);
  if (!labels) {
    const dir = path.join(packageDir(), 'locales');
    const own = ownStringsFor(dir, lang) ?? {};
    const english = ownStringsFor(dir, 'en') ?? {};
    const pick = (k: LabelKey): string => own[k] ?? english[k] ?? k;
    labels = {
      note: pick('note'),
      warning: pick('warning'),
      tip: pick('tip'),
      danger: pick('danger'),
      notes: pick('notes'),
      contents: pick('contents'),
      fieldName: pick('fieldName'),
      fieldDate: pick('fieldDate'),
    };
    cache.set(lang, labels);
  }
  return labels;
}
