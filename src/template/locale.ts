/**
 * UI strings of the templates, per locale (`locales/<tag>.json`), written in
 * ICU MessageFormat (`{name}`, `{count, plural, one {…} other {…}}`).
 */
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { fileStart, type Diagnostics, type SourcePlace } from '../diagnostics.js';
import { readText, type World } from '../world.js';
import { boundedMemo } from '../bounded-memo.js';

/** Strings of one locale. */
export type Strings = Readonly<Record<string, string>>;

/** The strings of one locale tag (`es`, `zh-Hant`), or null when there is no such file. */
export type LocaleLoader = (tag: string) => Strings | null;

/** Parsed locale files by their text (the same bytes are parsed once per process). */
const parsed = new Map<string, Strings | null>();

/**
 * Reads `<dir>/<tag>.json` through `world` (confined to `dir`; incremental builds record each file, and
 * each file looked for and not found), each tag once per loader: make one per build. A file that cannot
 * be read or is not a JSON object of strings is an error at its start (`locale-invalid`) and counts as absent.
 */
export function localeLoader(world: World, dir: string, diags: Diagnostics): LocaleLoader {
  const seen = new Map<string, Strings | null>();
  const load = (tag: string): Strings | null => {
    const file = path.join(dir, `${tag}.json`);
    const r = readText(world, `${tag}.json`, dir, [dir]);
    if (!r.ok) {
      if (r.reason !== 'not-found') diags.error(fileStart(file), `cannot read the UI strings: ${r.detail}`, 'locale-invalid');
      return null;
    }
    if (!parsed.has(r.text)) parsed.set(r.text, stringsOf(r.text));
    const strings = parsed.get(r.text) ?? null;
    if (!strings) diags.error(fileStart(file), 'UI strings must be one JSON object of texts', 'locale-invalid');
    return strings;
  };
  return (tag) => {
    if (!seen.has(tag)) seen.set(tag, load(tag));
    return seen.get(tag) ?? null;
  };
}

function stringsOf(text: string): Strings | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.values(value).every((v) => typeof v === 'string') ? (value as Strings) : null;
}

/** UI strings of exactly one language (tried from `zh-Hant-TW` down to `zh`), without English fallback; null when none. */
export function ownStringsFor(load: LocaleLoader, lang: string): Strings | null {
  const parts = lang.split('-');
  const script = scriptOf(lang);
  const candidates = parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
  // `zh-TW` → `zh-Hant`: the language with its likely script
  candidates.splice(candidates.length - 1, 0, `${parts[0]}-${script}`);
  for (const tag of candidates) {
    // never fall back across scripts: `pa-Arab` (Shahmukhi) must not get `pa` (Gurmukhi) strings
    if (tag !== lang && scriptOf(tag) !== script) continue;
    const s = load(tag);
    if (s) return s;
  }
  return null;
}

/**
 * The likely script of a tag (`pa` → Guru, `pa-Arab` → Arab, `zh-TW` → Hant), or the tag itself when unknown; made
 * once per tag (ICU's likely-subtags lookup was about 0.7% of a warm build, asked several times per document).
 */
const scriptOf = boundedMemo((tag: string): string => {
  try {
    return new Intl.Locale(tag).maximize().script ?? tag;
  } catch {
    return tag;
  }
}, 256);

/**
 * UI strings for a language (see {@link ownStringsFor}), else English with a warning.
 */
export function stringsFor(load: LocaleLoader, lang: string, diags: Diagnostics, place: SourcePlace): Strings {
  const english = load('en') ?? {};
  const own = ownStringsFor(load, lang);
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
