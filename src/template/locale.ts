/** UI strings of the templates, per locale, with `{name}` placeholders. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostics, SourcePlace } from '../diagnostics.js';

/** Strings of one locale. */
export type Strings = Readonly<Record<string, string>>;

const cache = new Map<string, Strings | null>();

function load(dir: string, tag: string): Strings | null {
  const key = path.join(dir, tag);
  if (!cache.has(key)) {
    const file = path.join(dir, `${tag}.json`);
    cache.set(key, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Strings) : null);
  }
  return cache.get(key) ?? null;
}

/**
 * UI strings for a language, falling back from `zh-Hant-TW` to `zh-Hant` to
 * `zh`, then to English with a warning.
 */
export function stringsFor(dir: string, lang: string, diags: Diagnostics, place: SourcePlace): Strings {
  const english = load(dir, 'en') ?? {};
  const parts = lang.split('-');
  for (let n = parts.length; n > 0; n--) {
    const s = load(dir, parts.slice(0, n).join('-'));
    if (s) return { ...english, ...s };
  }
  diags.warning(place, `no UI strings for language \`${lang}\` (looked in locales/); using English for the page chrome`, 'locale-missing-strings');
  return english;
}

/** Replaces `{name}` placeholders with values (already escaped by the caller when needed). */
export function formatMessage(message: string, values: Readonly<Record<string, string>>): string {
  return message.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}
