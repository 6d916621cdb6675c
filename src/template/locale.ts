/**
 * UI strings of the templates, per locale (`locales/<tag>.json`), written in
 * ICU MessageFormat (`{name}`, `{count, plural, one {…} other {…}}`).
 */
import { existsSync } from 'node:fs';
import { readTextSync } from '../world.js';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Diagnostics, SourcePlace } from '../diagnostics.js';

/** Strings of one locale. */
export type Strings = Readonly<Record<string, string>>;

const cache = new Map<string, Strings | null>();

function load(dir: string, tag: string): Strings | null {
  const key = path.join(dir, tag);
  if (!cache.has(key)) {
    const file = path.join(dir, `${tag}.json`);
    cache.set(key, existsSync(file) ? (JSON.parse(readTextSync(file)) as Strings) : null);
  }
  return cache.get(key) ?? null;
}

/** UI strings of exactly one language (tried from `zh-Hant-TW` down to `zh`), without English fallback; null when none. */
export function ownStringsFor(dir: string, lang: string): Strings | null {
  const parts = lang.split('-');
  const script = scriptOf(lang);
  const candidates = parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
  // `zh-TW` → `zh-Hant`: the language with its likely script
  candidates.splice(candidates.length - 1, 0, `${parts[0]}-${script}`);
  for (const tag of candidates) {
    // never fall back across scripts: `pa-Arab` (Shahmukhi) must not get `pa` (Gurmukhi) strings
    if (tag !== lang && scriptOf(tag) !== script) continue;
    const s = load(dir, tag);
    if (s) return s;
  }
  return null;
}

/** The likely script of a tag (`pa` → Guru, `pa-Arab` → Arab, `zh-TW` → Hant), or the tag itself when unknown. */
function scriptOf(tag: string): string {
  try {
    return new Intl.Locale(tag).maximize().script ?? tag;
  } catch {
    return tag;
  }
}

/**
 * UI strings for a language (see {@link ownStringsFor}), else English with a warning.
 */
export function stringsFor(dir: string, lang: string, diags: Diagnostics, place: SourcePlace): Strings {
  const english = load(dir, 'en') ?? {};
  const own = ownStringsFor(dir, lang);
  if (own) return { ...english, ...own };
  diags.warning(
    place,
    `no UI strings for language \`${lang}\` (looked in locales/); using English for the page chrome`,
    'locale-missing-strings',
  );
  return english;
}

const compiled = new Map<string, IntlMessageFormat>();

/**
 * Formats an ICU MessageFormat message for `lang`. The whole result (message
 * text and `values`) goes through `escape`; `markup` values (e.g.
 * `<page-number/>`) are spliced in verbatim afterwards. Throws on a malformed message.
 */
export function formatIcu(
  message: string,
  lang: string,
  values: Readonly<Record<string, string | number>>,
  escape: (s: string) => string = (s) => s,
  markup: Readonly<Record<string, string>> = {},
): string {
  const key = `${lang}\u0000${message}`;
  let fmt = compiled.get(key);
  if (!fmt) {
    fmt = new IntlMessageFormat(message, lang);
    compiled.set(key, fmt);
  }
  const tokens = new Map<string, string>();
  const args: Record<string, string | number> = { ...values };
  for (const [k, v] of Object.entries(markup)) {
    const token = `\u0001${tokens.size}\u0001`;
    tokens.set(token, v);
    args[k] = token;
  }
  const out = fmt.format(args);
  const text = Array.isArray(out) ? out.join('') : String(out);
  return escape(text).replace(/\u0001\d+\u0001/g, (t) => tokens.get(t) ?? t);
}
