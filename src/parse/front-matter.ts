/** Reads and validates a guide's YAML front matter, with positioned diagnostics. */
import type { Root, Yaml } from 'mdast';
import {
  isMap,
  isScalar,
  parseDocument,
  visit as visitYaml,
  type Document,
  type DocumentOptions,
  type Node as YamlNode,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import { z } from 'zod';
import { basename } from 'node:path';
import { suggestion, fileStart, type Diagnostics, type SourcePlace } from '../diagnostics.js';
import type { GuideMeta } from '../types/document.js';
import type { LineIndex } from './line-index.js';
import { keepFrontMatter, keptFrontMatter, type FrontMatterData } from './front-matter-store.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const dateField = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string().refine(isRealDate),
);

const positiveInt = z.number().int().positive();

const schema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().trim().min(1),
  subtitle: z.string().trim().min(1).optional(),
  lang: z.string().min(1),
  version: positiveInt,
  reviewed: dateField.optional(),
  reviewDue: dateField.optional(),
  toc: z.boolean().optional(),
  align: z.enum(['start', 'justify']).optional(),
  translatedFrom: z.strictObject({ version: positiveInt }).optional(),
  sampleTranslation: z.boolean().optional(),
  fillable: z.boolean().optional(),
  template: z.enum(['handout', 'checklist']).optional(),
});

/** What each front matter field must hold, for messages. */
const EXPECT: Readonly<Record<string, string>> = {
  id: 'a slug of lowercase letters, digits and hyphens (e.g. `id: first-ketamine-session`)',
  title: 'non-empty text (e.g. `title: "Preparing for Your First Session"`)',
  subtitle: 'non-empty text',
  lang: 'a BCP 47 language tag (e.g. `lang: en`, `lang: pt-BR`)',
  version: 'a positive whole number (e.g. `version: 3`)',
  reviewed: 'a real date written YYYY-MM-DD (e.g. `reviewed: 2025-01-31`)',
  reviewDue: 'a real date written YYYY-MM-DD (e.g. `reviewDue: 2026-01-31`)',
  toc: '`true` or `false`',
  align: '`start` (ragged right, the default) or `justify`',
  translatedFrom: "a mapping with the source guide's version (e.g. `translatedFrom: { version: 2 }`)",
  'translatedFrom.version': 'a positive whole number (e.g. `version: 2`)',
  sampleTranslation: '`true` or `false`',
  fillable: '`true` (checkboxes become form fields a reader can tick) or `false`',
  template: "`handout` (the default) or `checklist` (a printable checklist of the guide's checklist items)",
};

const REQUIRED = ['id', 'title', 'lang', 'version'] as const;
const TOP_KEYS = Object.keys(schema.shape);
const NESTED_KEYS: Readonly<Record<string, readonly string[]>> = { translatedFrom: ['version'] };

/** Quotes a found value for a message. */
function show(value: unknown): string {
  if (value instanceof Date) return `\`${value.toISOString().slice(0, 10)}\``;
  if (typeof value === 'string') return `\`${value}\``;
  if (value === null) return 'an empty value';
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  const text = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : typeof value;
  return `\`${text}\``;
}

interface Located {
  readonly file: string;
  readonly index: LineIndex;
  readonly base: number;
  readonly doc: Document;
}

function placeOf(loc: Located, node: YamlNode | null | undefined, fallback: SourcePlace): SourcePlace {
  const start = node?.range?.[0];
  if (start === undefined) return fallback;
  return { file: loc.file, ...loc.index.at(loc.base + start) };
}

function keyNode(loc: Located, path: readonly string[]): YamlNode | undefined {
  const parent = path.length > 1 ? loc.doc.getIn(path.slice(0, -1), true) : loc.doc.contents;
  if (!isMap(parent)) return undefined;
  const last = path[path.length - 1];
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === last);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** Standard YAML tags that only restate a plain value's type; every other tag is refused. */
const PLAIN_TAGS: ReadonlySet<string> = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'timestamp', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

/** Finds the leading `yaml` node of a parsed guide, if any. */
export function frontMatterNode(root: Root): Yaml | undefined {
  const first = root.children[0];
  return first?.type === 'yaml' ? first : undefined;
}

/**
 * Primary language subtags of the locales handoutkit ships (`locales/`): languages ICU names, so a tag made of one
 * needs no lookup (`tests/parse/front-matter.test.ts` checks both). Making ICU's display names took about 15 ms of every
 * process that reads a guide.
 */
export const SHIPPED_LANGUAGES: ReadonlySet<string> = new Set(
  'am ar bn de el en es fa fr he hi ht hy it ja ka km ko lo my ne nl pa pl ps pt ru so sw th ti tl tr uk ur vi zh'.split(' '),
);
let languageNames: Intl.DisplayNames | undefined; // made on first use (see SHIPPED_LANGUAGES)

/** Whether `primary` (a canonical primary language subtag) names a language ICU knows. */
function knownLanguage(primary: string): boolean {
  if (SHIPPED_LANGUAGES.has(primary)) return true;
  languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  return languageNames.of(primary) !== undefined;
}

/**
 * The language a guide's file name declares (`es.md` → `es`, `pt-BR.md` → `pt-BR`), or undefined when the
 * name is not a known language tag (`guide.md`, `toc.md`).
 */
export function languageOfFileName(file: string): string | undefined {
  const base = basename(file).replace(/\.md$/i, '');
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(base)) return undefined;
  try {
    const tag = Intl.getCanonicalLocales(base)[0];
    const primary = tag?.split('-')[0];
    return tag && primary && knownLanguage(primary) ? tag : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Validates the guide's front matter. Records positioned errors
 * (`guide-missing-front-matter`, `guide-yaml-syntax`, `guide-unknown-key`,
 * `guide-missing-field`, `guide-invalid-value`, `guide-invalid-lang`) and
 * returns undefined when any was found.
 */
export function readFrontMatter(file: string, source: string, root: Root, index: LineIndex, diags: Diagnostics): GuideMeta | undefined {
  const start: SourcePlace = fileStart(file);
  const node = frontMatterNode(root);
  if (!node) {
    diags.error(
      start,
      `the guide has no front matter; start the file with a \`---\` block holding ` +
        `${REQUIRED.map((k) => `\`${k}\``).join(', ')}, closed by another \`---\` line`,
      'guide-missing-front-matter',
    );
    return undefined;
  }
  // the same block read before (another copy of a guide, an unchanged library): its values without reading the YAML
  // again; anything wrong with them is reported from the YAML, below
  const known = keptFrontMatter(node.value);
  if (known) {
    const checked = metaOf(file, known);
    if ('meta' in checked) return checked.meta;
  }
  const fenceEnd = source.indexOf('\n', node.position?.start.offset ?? 0);
  const base = fenceEnd < 0 ? 0 : fenceEnd + 1;
  const doc = parseDocument(node.value, YAML_OPTIONS);
  const loc: Located = { file, index, base, doc };
  let errors = 0;
  const error = (place: SourcePlace, message: string, rule: string, hint?: string) => {
    errors++;
    diags.error(place, message, rule, hint);
  };

  for (const e of doc.errors) {
    const firstLine = e.message.split('\n')[0] ?? e.message;
    error({ file, ...index.at(base + e.pos[0]) }, `front matter is not valid YAML: ${firstLine}`, 'guide-yaml-syntax');
  }
  if (errors) return undefined;

  // No YAML tags (`!!js/function`, `!custom`): plain values only.
  visitYaml(doc, (_key, n) => {
    const tagged = n as { tag?: string; range?: [number, number, number] };
    if (typeof tagged.tag !== 'string' || tagged.range === undefined || PLAIN_TAGS.has(tagged.tag)) return;
    let bang = node.value.lastIndexOf('!', tagged.range[0]);
    while (bang > 0 && node.value[bang - 1] === '!') bang--;
    error(
      { file, ...index.at(base + Math.max(0, bang)) },
      `YAML tag \`${tagged.tag}\` is not allowed in front matter; remove it and write a plain value`,
      'guide-yaml-syntax',
    );
  });
  if (errors) return undefined;

  const contents = doc.contents;
  const data: Record<string, unknown> = {};
  if (contents !== null && !isMap(contents)) {
    error(
      placeOf(loc, contents, start),
      `front matter must be a mapping of \`key: value\` lines; found ${show(contents.toJSON())}`,
      'guide-invalid-value',
    );
    return undefined;
  }
  for (const pair of contents?.items ?? []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const kNode = isScalar(pair.key) ? pair.key : undefined;
    if (key === '__proto__') {
      error(placeOf(loc, kNode, start), 'front matter key `__proto__` is not allowed; remove it', 'guide-unknown-key');
      continue;
    }
    const v = pair.value as YamlNode | null;
    data[key] = v === null ? null : v.toJS(doc);
  }
  if (errors) return undefined;

  const checked = metaOf(file, data);
  if ('meta' in checked) {
    keepFrontMatter(node.value, data);
    return checked.meta;
  }
  if ('issues' in checked) {
    const seen = new Set<string>();
    for (const issue of checked.issues) {
      const path = issue.path.map(String);
      if (issue.code === 'unrecognized_keys') {
        const allowed = path.length === 0 ? TOP_KEYS : (NESTED_KEYS[path.join('.')] ?? []);
        for (const k of issue.keys) {
          const where = path.length ? `\`${path.join('.')}\`` : 'front matter';
          error(
            placeOf(loc, keyNode(loc, [...path, k]), start),
            `unknown ${where} key \`${k}\`; allowed keys: ${allowed.map((a) => `\`${a}\``).join(', ')}`,
            'guide-unknown-key',
            suggestion(k, allowed),
          );
        }
        continue;
      }
      const name = path.join('.');
      if (seen.has(name)) continue;
      seen.add(name);
      const value = valueAt(data, issue.path);
      const expect = EXPECT[name] ?? 'a valid value';
      if (value === undefined) {
        error(start, `front matter is missing \`${name}\`; add \`${name}:\` holding ${expect}`, 'guide-missing-field');
      } else {
        error(
          placeOf(loc, doc.getIn(path, true) as YamlNode | undefined, start),
          `front matter \`${name}\` must be ${expect}; found ${show(value)}`,
          'guide-invalid-value',
        );
      }
    }
    return undefined;
  }
  if ('badLang' in checked) {
    const { badLang } = checked;
    const fixed = badLang.replace(/_/g, '-');
    let hint: string | undefined;
    try {
      if (fixed !== badLang) hint = `did you mean \`${Intl.getCanonicalLocales(fixed)[0]}\`?`;
    } catch {
      // keep the generic advice
    }
    error(
      placeOf(loc, doc.getIn(['lang'], true) as YamlNode | undefined, start),
      `front matter \`lang\` is not a valid BCP 47 language tag: \`${badLang}\`; use a tag like \`en\` or \`pt-BR\``,
      'guide-invalid-lang',
      hint,
    );
    return undefined;
  }
  const { lang, named } = checked.mismatch;
  error(
    placeOf(loc, doc.getIn(['lang'], true) as YamlNode | undefined, start),
    `front matter says \`lang: ${lang}\` but the file is named \`${basename(file)}\` (language \`${named}\`); the handout ` +
      `would be written as a \`${lang}\` handout. Fix \`lang\`, or rename the file to \`${lang}.md\``,
    'guide-lang-mismatch',
  );
  return undefined;
}

/** How the front matter is read as YAML (also names the kept values: `front-matter-store.ts`). */
export const YAML_OPTIONS: Readonly<ParseOptions & DocumentOptions & SchemaOptions> = {
  prettyErrors: false,
  uniqueKeys: true,
  schema: 'core',
  customTags: [],
  merge: false,
  logLevel: 'silent',
};

/** What {@link metaOf} found: the guide's metadata, or what is wrong with the values (reported by the caller). */
type MetaCheck =
  | { readonly meta: GuideMeta }
  | { readonly issues: readonly z.core.$ZodIssue[] }
  | { readonly badLang: string }
  | { readonly mismatch: { readonly lang: string; readonly named: string } };

/** The metadata of guide `file` from its front matter's values `data` (read from YAML without errors), or why not. */
function metaOf(file: string, data: FrontMatterData): MetaCheck {
  const result = schema.safeParse(data);
  if (!result.success) return { issues: result.error.issues };
  const meta = result.data;
  let lang: string;
  try {
    const canonical = Intl.getCanonicalLocales(meta.lang)[0];
    if (!canonical) throw new RangeError('empty');
    lang = canonical;
  } catch {
    return { badLang: meta.lang };
  }
  const named = languageOfFileName(file);
  if (named !== undefined && named.toLowerCase() !== lang.toLowerCase()) return { mismatch: { lang, named } };
  const out: {
    -readonly [K in keyof GuideMeta]: GuideMeta[K];
  } = { id: meta.id, title: meta.title, lang, version: meta.version };
  if (meta.subtitle !== undefined) out.subtitle = meta.subtitle;
  if (meta.reviewed !== undefined) out.reviewed = meta.reviewed;
  if (meta.reviewDue !== undefined) out.reviewDue = meta.reviewDue;
  if (meta.toc !== undefined) out.toc = meta.toc;
  if (meta.align !== undefined) out.align = meta.align;
  if (meta.translatedFrom !== undefined) out.translatedFrom = { version: meta.translatedFrom.version };
  if (meta.sampleTranslation !== undefined) out.sampleTranslation = meta.sampleTranslation;
  if (meta.fillable !== undefined) out.fillable = meta.fillable;
  if (meta.template !== undefined) out.template = meta.template;
  return { meta: out };
}
