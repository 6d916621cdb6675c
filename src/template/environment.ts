/**
 * A private Handlebars environment: strict mode (a missing field is an
 * error, not a blank), prototype access off, helpers registered by name.
 * Templates come from `templates/`, overridden per clinic by files of the
 * same name in `content/clinics/<id>/templates/`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { formatIcu, type Strings } from './locale.js';

/** Data every template sees. */
export interface TemplateContext {
  readonly paper: string;
  readonly clinic: {
    readonly name: string;
    readonly logo: boolean;
    readonly contact: { readonly phone: string | null; readonly website: string | null; readonly address: string | null; readonly email: string | null };
    readonly footer: string | null;
    /** The contact card (any field may be null), or null when the clinic has none. */
    readonly contactCard: { readonly phone: string | null; readonly hours: string | null; readonly website: string | null; readonly address: string | null } | null;
    /** The safety line, or null. */
    readonly safety: string | null;
  };
  readonly guide: {
    readonly title: string;
    readonly subtitle: string | null;
    readonly version: number;
    readonly reviewed: string | null;
    readonly reviewDue: string | null;
    readonly lang: string;
  };
  readonly locale: { readonly lang: string; readonly strings: Strings };
  /** Direction of the document's language. */
  readonly direction: 'ltr' | 'rtl';
  /** "Language assistance is free" taglines, one per configured language (empty when none). */
  readonly languageAssistance: readonly LocalizedLine[];
  /** Interpreter notice in the patient's language (translation policy `fallback`), or null. */
  readonly interpreterNotice: LocalizedLine | null;
}

/** A line of text in a given language (tagged with it in the PDF). */
export interface LocalizedLine {
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly text: string;
}

/** A template source file, for positioned errors. */
export interface TemplateSource {
  readonly file: string;
  readonly text: string;
}

/** A compiled template set. */
export interface TemplateSet {
  readonly render: (ctx: TemplateContext) => string;
  /** Every source file used (main first), for mapping markup errors back. */
  readonly sources: readonly TemplateSource[];
}

function escapeMarkup(s: string): string {
  return Handlebars.escapeExpression(s);
}

function rootLocale(options: Handlebars.HelperOptions): TemplateContext['locale'] {
  return (options.data as { root: TemplateContext }).root.locale;
}

function createEnvironment(): typeof Handlebars {
  const env = Handlebars.create();
  env.registerHelper('t', function (key: unknown, options: Handlebars.HelperOptions) {
    const { strings } = rootLocale(options);
    const message = typeof key === 'string' ? strings[key] : undefined;
    if (message === undefined) throw new Error(`unknown UI string \`${String(key)}\``);
    const values: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(options.hash as Record<string, unknown>)) values[k] = typeof v === 'number' ? v : String(v);
    const markup = { page: '<page-number/>', pages: '<page-count/>' };
    return new Handlebars.SafeString(formatIcu(message, rootLocale(options).lang, values, escapeMarkup, markup));
  });
  // a value (phone, URL, e-mail) kept as one unit inside text of either direction: Unicode first-strong isolate
  env.registerHelper('isolate', (value: unknown) => `\u2068${String(value)}\u2069`);
  env.registerHelper('formatDate', function (value: unknown, options: Handlebars.HelperOptions) {
    const { lang } = rootLocale(options);
    const date = new Date(`${String(value)}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) throw new Error(`not a date: \`${String(value)}\``);
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  });
  return env;
}

const cache = new Map<string, TemplateSet>();

function findFile(name: string, dirs: readonly string[]): string | undefined {
  for (const d of dirs) {
    const f = path.join(d, name);
    if (existsSync(f)) return f;
  }
  return undefined;
}

/**
 * Compiles `main` (e.g. `handout.hbs`) and every partial, looking in `dirs`
 * in order (clinic overrides first, then the bundled templates).
 */
export function loadTemplates(main: string, dirs: readonly string[]): TemplateSet {
  const key = `${main}\u0000${dirs.join('\u0000')}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const env = createEnvironment();
  const sources: TemplateSource[] = [];
  const mainFile = findFile(main, dirs);
  if (!mainFile) throw new Error(`template \`${main}\` not found in ${dirs.join(', ')}`);
  const mainText = readFileSync(mainFile, 'utf8');
  sources.push({ file: mainFile, text: mainText });
  const partialNames = new Set<string>();
  for (const d of dirs) {
    const pd = path.join(d, 'partials');
    if (existsSync(pd)) for (const f of readdirSync(pd)) if (f.endsWith('.hbs')) partialNames.add(f.slice(0, -4));
  }
  for (const name of [...partialNames].sort()) {
    const file = findFile(path.join('partials', `${name}.hbs`), dirs)!;
    const text = readFileSync(file, 'utf8');
    sources.push({ file, text });
    env.registerPartial(name, env.compile(text, { strict: true }));
  }
  const template = env.compile(mainText, { strict: true });
  const set: TemplateSet = {
    render: (ctx) => template(ctx, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }),
    sources,
  };
  cache.set(key, set);
  return set;
}
