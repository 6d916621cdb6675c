/**
 * A private Handlebars environment: strict mode (a missing field is an
 * error, not a blank), prototype access off, helpers registered by name.
 * Templates come from `templates/`, overridden per clinic by files of the
 * same name in `content/clinics/<id>/templates/`.
 */
import { readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readText, type World } from '../world.js';
import { statStamp } from '../io/stat-stamp.js';
import { fileStart } from '../diagnostics.js';
import path from 'node:path';
import Handlebars from 'handlebars';
import { formatIcu, type Strings } from './locale.js';
import { PRECOMPILED } from './precompiled.js';
import type { SourcePlace } from '../diagnostics.js';

/** Deepest nesting of partials (a partial including itself is stopped here). */
export const MAX_PARTIAL_DEPTH = 32;
/** Most characters the templates may produce in one render (partials counted as they return). */
export const MAX_TEMPLATE_OUTPUT = 2_000_000;
/** Largest template file, in bytes. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** A template problem at a place in a template file (syntax error, runaway expansion, failed helper). */
export class TemplateError extends Error {
  readonly place: SourcePlace;
  readonly ruleId: string;
  constructor(place: SourcePlace, message: string, ruleId = 'template-error') {
    super(message);
    this.name = 'TemplateError';
    this.place = place;
    this.ruleId = ruleId;
  }
}

/** Data every template sees. */
export interface TemplateContext {
  readonly paper: string;
  readonly clinic: {
    readonly name: string;
    readonly logo: boolean;
    readonly contact: {
      readonly phone: string | null;
      readonly website: string | null;
      readonly address: string | null;
      readonly email: string | null;
    };
    readonly footer: string | null;
    /** The contact card (any field may be null), or null when the clinic has none. */
    readonly contactCard: {
      readonly phone: string | null;
      readonly hours: string | null;
      readonly website: string | null;
      readonly address: string | null;
    } | null;
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
  /** A large-print edition (`--large-print`): the page chrome is set at 18 pt, so partials may stack what sits side by side. */
  readonly largePrint: boolean;
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
  env.unregisterHelper('log'); // a template never prints to the console
  env.registerHelper('t', function (key: unknown, options: Handlebars.HelperOptions) {
    const { strings } = rootLocale(options);
    // own properties only: `{{t "constructor"}}` is an unknown string, not Object.prototype's
    const message = typeof key === 'string' && Object.hasOwn(strings, key) ? strings[key] : undefined;
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

/** Compiled template sets by their files' names and texts: an edited override is compiled again (a long-running preview). */
const cache = new Map<string, TemplateSet>();

/**
 * Reads template `name` (e.g. `partials/footer.hbs`) through `world` from the first folder of `dirs`
 * that has it, each folder its own root; every folder looked in is recorded by an incremental build,
 * so adding an override later is a change. Undefined when no folder has it.
 * @throws TemplateError when the file is refused (too large, not a regular file) or not UTF-8.
 */
function readTemplate(world: World, name: string, dirs: readonly string[]): TemplateSource | undefined {
  for (const d of dirs) {
    const r = readText(world, name, d, [d], MAX_TEMPLATE_BYTES);
    if (r.ok) return { file: path.join(d, name), text: r.text };
    if (r.reason === 'not-found') continue;
    const file = path.join(d, name);
    // not UTF-8: an error at the first bad byte
    if (r.reason === 'not-utf8') throw new TemplateError({ file, line: r.line, column: r.column }, r.detail, 'not-utf8');
    throw new TemplateError(fileStart(file), `template cannot be read: ${r.detail}`, 'template-error');
  }
  return undefined;
}

/** Listings of partials folders, by path: the folder's identity and times when listed, and the names in it. */
const listings = new Map<string, { readonly stamp: string; readonly files: readonly string[] }>();
/** Most folders whose listing is kept. */
const MAX_LISTINGS = 256;

/**
 * The file names in folder `pd` (none when it is absent or not a folder). A listing is kept while one `stat`
 * shows the same folder with the same modification and change times (nanoseconds): adding, removing or renaming
 * a file in a folder changes both, so a partial added between two builds of one process is seen.
 */
function listFolder(pd: string): readonly string[] {
  let stamp: string | undefined;
  try {
    const st = statSync(pd, { bigint: true, throwIfNoEntry: false });
    if (st === undefined) return [];
    if (st.isDirectory()) stamp = statStamp(st);
  } catch {
    // listed below, which says why not
  }
  const kept = stamp === undefined ? undefined : listings.get(pd);
  if (kept && kept.stamp === stamp) return kept.files;
  let files: string[] = [];
  try {
    files = readdirSync(pd);
  } catch {
    // no partials folder here
  }
  if (stamp !== undefined) {
    if (listings.size >= MAX_LISTINGS) listings.clear();
    listings.set(pd, { stamp, files });
  }
  return files;
}

/** The partial names (`footer` for `partials/footer.hbs`) found in any of `dirs`, sorted. */
function partialNames(dirs: readonly string[]): string[] {
  const names = new Set<string>();
  for (const d of dirs) {
    for (const f of listFolder(path.join(d, 'partials'))) if (f.endsWith('.hbs')) names.add(f.slice(0, -4));
  }
  return [...names].sort();
}

/**
 * Parses `text` up front, so a syntax error is reported at its own file, line and column with the parser's whole
 * message; returns the parse, which `env.compile` takes instead of the text (it applies its whitespace control to it,
 * as to the text: the same template, parsed once instead of twice).
 */
function checkSyntax(env: typeof Handlebars, file: string, text: string): hbs.AST.Program {
  try {
    return env.parseWithoutProcessing(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const lines = message.split('\n');
    const parse = /^Parse error on line (\d+):$/.exec(lines[0] ?? '');
    if (parse) {
      const loc = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser
        ?.lexer?.yylloc;
      const line = loc && loc.first_line === Number(parse[1]) ? loc.first_line : Number(parse[1]);
      const column = loc && loc.first_line === line ? loc.first_column + 1 : 1;
      const detail = lines.slice(3).join(' ').trim();
      throw new TemplateError(
        { file, line, column },
        `template syntax error: ${detail || message.replace(/\n/g, ' ')} (near \`${(lines[1] ?? '').trim()}\`)`,
        'template-syntax',
      );
    }
    const at = / - (\d+):(\d+)$/.exec(message);
    throw new TemplateError(
      { file, line: at ? Number(at[1]) : 1, column: at ? Number(at[2]) + 1 : 1 },
      `template syntax error: ${message.replace(/ - \d+:\d+$/, '').replace(/\n/g, ' ')}`,
      'template-syntax',
    );
  }
}

const hasPrecompiled = Object.keys(PRECOMPILED).length > 0;
/** Templates taken from {@link PRECOMPILED} by this process (tests). */
let precompiledUsed = 0;

/** How many templates this process took already compiled from the bundle instead of compiling them (tests). */
export function precompiledTemplatesUsed(): number {
  return precompiledUsed;
}

/**
 * `text` compiled in strict mode for `env`: the bundle's precompiled template when it ships this very text (see
 * `precompiled.ts`), else parsed ({@link checkSyntax}: a syntax error at its place) and compiled.
 */
function compileOne(env: typeof Handlebars, file: string, text: string): Handlebars.TemplateDelegate {
  const key = hasPrecompiled ? createHash('sha256').update(text).digest('hex') : undefined;
  const spec = key !== undefined && Object.hasOwn(PRECOMPILED, key) ? PRECOMPILED[key] : undefined;
  if (spec) {
    precompiledUsed++;
    return env.template(spec);
  }
  return env.compile(checkSyntax(env, file, text), { strict: true });
}

/** The place of a Handlebars runtime error inside `file` (Handlebars appends ` - line:column` when it knows it). */
function runtimeError(e: unknown, file: string): TemplateError {
  if (e instanceof TemplateError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const at = / - (\d+):(\d+)$/.exec(message);
  const text = message.replace(/ - \d+:\d+$/, '').replace(/\n/g, ' ');
  return new TemplateError(
    { file, line: at ? Number(at[1]) : 1, column: at ? Number(at[2]) + 1 : 1 },
    `template failed: ${text}`,
    'template-error',
  );
}

/** The sources of the last {@link sourcesKey}, and their key. */
let lastSources: { readonly parts: readonly string[]; readonly key: string } | undefined;

/**
 * The SHA-256 of a template set's files and texts. The texts of unchanged files are the same strings from one
 * document to the next (kept by `readText`), so the last key is used again when every part is that string.
 */
function sourcesKey(sources: readonly (TemplateSource | undefined)[]): string {
  const parts = sources.flatMap((s) => (s ? [s.file, s.text] : []));
  if (lastSources && lastSources.parts.length === parts.length && lastSources.parts.every((p, i) => p === parts[i])) return lastSources.key;
  const digest = createHash('sha256');
  for (let i = 0; i < parts.length; i += 2) digest.update(`${parts[i]}\u0000${parts[i + 1]}\u0000`);
  lastSources = { parts, key: digest.digest('hex') };
  return lastSources.key;
}

/**
 * Reads `main` (e.g. `handout.hbs`) and every partial through `world`, looking in `dirs` in order
 * (clinic overrides first, then the bundled templates), and compiles them (once per set of texts).
 * @throws TemplateError for a file that cannot be read, or a syntax error in any of them (at its own file:line:column).
 */
export function loadTemplates(main: string, dirs: readonly string[], world: World): TemplateSet {
  const mainSource = readTemplate(world, main, dirs);
  if (!mainSource) throw new Error(`template \`${main}\` not found in ${dirs.join(', ')}`); // the bundled one is always there
  const partials = partialNames(dirs).map((name) => ({ name, source: readTemplate(world, path.join('partials', `${name}.hbs`), dirs) }));
  const key = sourcesKey([mainSource, ...partials.map((p) => p.source)]);
  const cached = cache.get(key);
  if (cached) return cached;
  const set = compileTemplates(mainSource, partials);
  cache.set(key, set);
  return set;
}

function compileTemplates(
  mainSource: TemplateSource,
  partials: readonly { name: string; source: TemplateSource | undefined }[],
): TemplateSet {
  const env = createEnvironment();
  const sources: TemplateSource[] = [];
  const { file: mainFile, text: mainText } = mainSource;
  const template = compileOne(env, mainFile, mainText);
  sources.push(mainSource);
  // Expansion is bounded: partial depth and the characters partials return (an include-twice chain grows exponentially).
  const state = { depth: 0, output: 0, stack: [mainFile] };
  for (const { name, source } of partials) {
    if (!source) continue; // removed between listing and reading
    const { file, text } = source;
    const compiled = compileOne(env, file, text);
    sources.push(source);
    const bounded = (context: unknown, options?: Handlebars.RuntimeOptions): string => {
      const caller = state.stack[state.stack.length - 1]!;
      if (state.depth >= MAX_PARTIAL_DEPTH) {
        throw new TemplateError(
          fileStart(caller),
          `template partials nest deeper than ${MAX_PARTIAL_DEPTH} levels (\`${name}\` included from here); a partial ` +
            `probably includes itself`,
          'template-too-deep',
        );
      }
      state.depth++;
      state.stack.push(file);
      try {
        const out = compiled(context, options);
        state.output += out.length;
        if (state.output > MAX_TEMPLATE_OUTPUT) {
          throw new TemplateError(
            fileStart(file),
            `template output is larger than ${MAX_TEMPLATE_OUTPUT} characters (while expanding partial \`${name}\`); a ` +
              `partial probably includes others many times over`,
            'template-too-large',
          );
        }
        return out;
      } catch (e) {
        throw runtimeError(e, file);
      } finally {
        state.depth--;
        state.stack.pop();
      }
    };
    env.registerPartial(name, bounded as unknown as Handlebars.Template);
  }
  const set: TemplateSet = {
    render: (ctx) => {
      state.depth = 0;
      state.output = 0;
      state.stack = [mainFile];
      let out: string;
      try {
        out = template(ctx, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (e) {
        throw runtimeError(e, mainFile);
      }
      if (out.length > MAX_TEMPLATE_OUTPUT)
        throw new TemplateError(
          fileStart(mainFile),
          `template output is larger than ${MAX_TEMPLATE_OUTPUT} characters`,
          'template-too-large',
        );
      return out;
    },
    sources,
  };
  return set;
}
