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

const KEYS = ['note', 'warning', 'tip', 'danger', 'notes', 'contents', 'fieldName', 'fieldDate'] as const;
const cache = new Map<string, Labels>();

/** Labels for a BCP 47 tag. */
export function labelsFor(lang: string): Labels {
  let labels = cache.get(lang);
  if (!labels) {
    const dir = path.join(packageDir(), 'locales');
    const own = ownStringsFor(dir, lang) ?? {};
    const english = ownStringsFor(dir, 'en') ?? {};
    const pick = (k: (typeof KEYS)[number]): string => own[k] ?? english[k] ?? k;
    labels = Object.fromEntries(KEYS.map((k) => [k, pick(k)])) as unknown as Labels;
    cache.set(lang, labels);
  }
  return labels;
}
