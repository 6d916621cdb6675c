/**
 * Loads `handout.config.yaml` for `handout batch`: YAML (core schema, no
 * custom tags), validated with zod, every problem a diagnostic at its line
 * and column; then the clinic and guide globs are expanded and every name the
 * config uses is checked (unknown clinic, glob matching nothing, variant not
 * available). Nothing is built here.
 */
import { existsSync, statSync } from 'node:fs';
import { readRegularFile } from '../io/read-regular.js';
import { textOrUndefined } from '../world.js';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { globSync } from 'tinyglobby';
import type * as z from 'zod';
import { type Diagnostics, suggestion, fileStart, type SourcePlace } from '../diagnostics.js';
import { clinicIdOf } from '../brand/clinic-id.js';
import { readGuideMeta, SOURCE_LANG, type TranslationPolicy } from '../i18n/translation-status.js';
import { FORBIDDEN_KEYS, lookup, placeOf, yamlToPlain } from '../brand/yaml-tree.js';
import { guideIdPlace } from './guide-id-place.js';
import { BASE_VARIANT, CONFIG_KEYS, configSchema, isLangTag, type ConfigFile, type VariantSettings } from './config-schema.js';

/** The default config file name, looked up in the working folder. */
export const CONFIG_NAME = 'handout.config.yaml';

/** Largest config file accepted (bytes). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A clinic of the library. */
export interface ClinicRef {
  readonly id: string;
  /** Absolute path of its clinic.yaml. */
  readonly file: string;
  /** Its `locales` (canonical tags), when clinic.yaml has a readable list. */
  readonly locales?: readonly string[];
}

/** A guide of the library (a folder with the source-language file). */
export interface GuideRef {
  /** The front matter `id` of the source guide (the folder name when it does not parse). */
  readonly id: string;
  /** Absolute path of the guide folder. */
  readonly dir: string;
  /** Where the id is written (for collision messages). */
  readonly idPlace: SourcePlace;
}

/** A variant: its name (file suffix unless `handout`) and build settings. */
export interface Variant {
  readonly name: string;
  readonly settings: VariantSettings;
}

/** Per-clinic settings after expansion. */
export interface ClinicSettings {
  readonly guides: readonly GuideRef[];
  readonly languages: readonly string[];
  readonly translations: TranslationPolicy;
  readonly variants: readonly Variant[];
}

/** A validated config with its globs expanded. */
export interface LibraryConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Its folder: globs and `outDir` are relative to it, and so are the manifest's input paths. */
  readonly base: string;
  readonly outDir: string;
  readonly clinics: readonly ClinicRef[];
  /** Settings of each clinic, by id. */
  readonly settings: ReadonlyMap<string, ClinicSettings>;
}

/** Features a variant may ask for that this version of handoutkit does not have yet. */
const UNAVAILABLE: readonly { key: keyof VariantSettings; when: (v: unknown) => boolean; what: string }[] = [];

const FIELD_HINTS: Readonly<Record<string, string>> = {
  outDir: 'a folder path, e.g. `outDir: out`',
  clinics: 'a list of globs over clinic folders, e.g. `clinics: [content/clinics/*]`',
  'clinics.#': 'a glob, e.g. `content/clinics/*`',
  guides: 'a list of globs over guide folders, e.g. `guides: [content/guides/*]`',
  'guides.#': 'a glob, e.g. `content/guides/*`',
  languages: 'a list of BCP 47 language tags, e.g. `languages: [en, es, zh-Hans]`',
  'languages.#': 'a BCP 47 language tag (e.g. `es`, `zh-Hant`, `pt-BR`)',
  translations: '`error` or `fallback`',
  variants: 'a mapping of variant names to settings, e.g. `variants: { handout: {}, a4: { paper: a4 } }`',
  'variants.*': 'a mapping with any of `template`, `largePrint`, `paper`, `fillable`, `archival` (or nothing)',
  'variants.*.template': '`handout` or `checklist`',
  'variants.*.largePrint': '`true` or `false`',
  'variants.*.paper': '`letter` or `a4`',
  'variants.*.fillable': '`true` or `false`',
  'variants.*.archival': '`true` or `false`',
  overrides: 'a mapping of clinic ids to settings',
  'overrides.*': 'a mapping with any of `guides`, `languages`, `extraLanguages`, `translations`, `variants`',
  'overrides.*.guides': 'a list of globs over guide folders',
  'overrides.*.guides.#': 'a glob',
  'overrides.*.languages': 'a list of BCP 47 language tags',
  'overrides.*.languages.#': 'a BCP 47 language tag (e.g. `es`, `zh-Hant`, `pt-BR`)',
  'overrides.*.extraLanguages': 'a list of BCP 47 language tags',
  'overrides.*.extraLanguages.#': 'a BCP 47 language tag (e.g. `es`, `zh-Hant`, `pt-BR`)',
  'overrides.*.translations': '`error` or `fallback`',
  'overrides.*.variants': 'a list of variant names from `variants`',
  'overrides.*.variants.#': 'a variant name from `variants`',
};

/** The pattern of a data path: list indices as `#`, names under `variants`/`overrides` as `*`. */
function pattern(at: readonly PropertyKey[]): string {
  return at
    .map((seg, i) => (typeof seg === 'number' ? '#' : i === 1 && (at[0] === 'variants' || at[0] === 'overrides') ? '*' : String(seg)))
    .join('.');
}

interface Ctx {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lc: LineCounter;
  readonly diags: Diagnostics;
}

/** The node at a data path whose last segment may be a list index (`lookup` follows mappings only). */
function nodeAt(ctx: Ctx, dataPath: readonly PropertyKey[]): Node | undefined {
  const last = dataPath.at(-1);
  if (typeof last !== 'number') return lookup(ctx.doc, dataPath).node;
  const list = lookup(ctx.doc, dataPath.slice(0, -1)).node;
  return isSeq(list) ? ((list.items[last] ?? list) as Node) : list;
}

function at(ctx: Ctx, dataPath: readonly PropertyKey[], key = false): SourcePlace {
  const found = lookup(ctx.doc, dataPath);
  const node = key ? (found.pair?.key as Node | undefined) : (nodeAt(ctx, dataPath) ?? (found.pair?.key as Node | undefined));
  return placeOf(ctx.file, ctx.lc, node ?? found.container);
}

function shown(ctx: Ctx, dataPath: readonly PropertyKey[]): string {
  const node = nodeAt(ctx, dataPath);
  const raw = isScalar(node) ? String(node.source ?? node.value) : isSeq(node) ? 'a list' : isMap(node) ? 'a mapping' : 'nothing';
  return raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
}

function reportIssue(ctx: Ctx, issue: z.core.$ZodIssue): void {
  const dotted = issue.path.map(String).join('.');
  const pat = pattern(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = CONFIG_KEYS[pat] ?? [];
    for (const key of issue.keys) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      const where = dotted === '' ? 'the config' : `\`${dotted}\``;
      ctx.diags.error(
        at(ctx, [...issue.path, key], true),
        `unknown key \`${key}\` in ${where}; allowed keys: ${allowed.map((k) => `\`${k}\``).join(', ')}`,
        'config-unknown-key',
        suggestion(key, allowed),
      );
    }
    return;
  }
  const found = lookup(ctx.doc, issue.path);
  const hint = FIELD_HINTS[pat] ?? 'a valid value';
  if (found.pair === undefined && !(typeof issue.path.at(-1) === 'number')) {
    ctx.diags.error(placeOf(ctx.file, ctx.lc, found.container), `missing required field \`${dotted}\`: ${hint}`, 'config-missing-field');
    return;
  }
  if (issue.code === 'invalid_key') {
    ctx.diags.error(
      at(ctx, issue.path, true),
      `\`${String(issue.path.at(-1))}\` is not a valid variant name: lowercase letters, digits and \`-\` (e.g. \`large-print\`)`,
      'config-invalid-value',
    );
    return;
  }
  const value = shown(ctx, issue.path);
  const rule = pat.endsWith('languages.#') || pat.endsWith('Languages.#') ? 'config-invalid-language' : 'config-invalid-value';
  ctx.diags.error(at(ctx, issue.path), `\`${dotted}\` is not valid (${value}); it must be ${hint}`, rule);
}

function utf8(data: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}

function parseYaml(file: string, diags: Diagnostics): { ctx: Ctx; data: unknown } | undefined {
  // regular files only (the read every World uses): a FIFO or device is refused at once, never read
  const raw = readRegularFile(file, MAX_CONFIG_BYTES);
  if (!raw.ok && raw.reason === 'too-large') {
    diags.error(fileStart(file), `the config is larger than ${MAX_CONFIG_BYTES} bytes; it is a short list of settings`, 'config-too-large');
    return undefined;
  }
  const source = raw.ok ? utf8(raw.data) : undefined;
  if (source === undefined) {
    const missing = !raw.ok && raw.reason === 'not-found';
    diags.error(
      fileStart(file),
      missing
        ? `config file not found; create \`${CONFIG_NAME}\` (see the README) or pass \`--config <file>\``
        : 'the config could not be read as UTF-8 text',
      missing ? 'config-not-found' : 'config-yaml-syntax',
    );
    return undefined;
  }
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  const doc = parseDocument(source, { schema: 'core', customTags: [], uniqueKeys: true, prettyErrors: false, merge: false });
  for (const err of [...doc.errors, ...doc.warnings]) {
    const { line, col } = lc.linePos(Math.max(0, err.pos[0]));
    diags.error({ file, line, column: col }, `the config is not valid YAML: ${err.message.split('\n')[0]}`, 'config-yaml-syntax');
  }
  if (diags.hasErrors) return undefined;
  const ctx: Ctx = { file, doc, lc, diags };
  const { value, problems } = yamlToPlain(doc);
  for (const p of problems) {
    diags.error(
      placeOf(file, lc, p.node),
      `YAML ${p.kind.replace('-', ' ')} \`${p.detail}\` is not allowed in the config; write plain keys and values`,
      'config-yaml-syntax',
    );
  }
  return diags.hasErrors ? undefined : { ctx, data: value };
}

function expand(base: string, glob: string): string[] {
  return globSync(glob, { cwd: base, onlyFiles: false, expandDirectories: false, absolute: true, dot: false })
    .map((p) => path.resolve(p))
    .sort();
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function clinicFileOf(match: string): string | undefined {
  if (isDir(match)) {
    for (const n of ['clinic.yaml', 'clinic.yml']) if (existsSync(path.join(match, n))) return path.join(match, n);
    return undefined;
  }
  return /^clinic\.ya?ml$/i.test(path.basename(match)) ? match : undefined;
}

function guideDirOf(match: string): string | undefined {
  const dir = isDir(match) ? match : match.endsWith('.md') ? path.dirname(match) : undefined;
  return dir && existsSync(path.join(dir, `${SOURCE_LANG}.md`)) ? dir : undefined;
}

/** `locales` of a clinic.yaml, read leniently (the build validates the file and reports its problems). */
function clinicLocales(file: string): string[] | undefined {
  try {
    const doc = parseDocument(textOrUndefined(file) ?? '', { schema: 'core', customTags: [], prettyErrors: false });
    const locales = (doc.toJS() as { locales?: unknown } | null)?.locales;
    if (!Array.isArray(locales) || !locales.every((l) => typeof l === 'string' && isLangTag(l))) return undefined;
    return [...new Set((locales as string[]).map(canonicalTag))];
  } catch {
    return undefined;
  }
}

function canonicalTag(tag: string): string {
  return Intl.getCanonicalLocales(tag.trim())[0]!;
}

export { guideIdPlace } from './guide-id-place.js';

function guideRef(dir: string): GuideRef {
  const source = path.join(dir, `${SOURCE_LANG}.md`);
  const meta = readGuideMeta(source);
  return { id: meta?.id ?? path.basename(dir), dir, idPlace: { file: source, ...guideIdPlace(source) } };
}

/** Expands a list of globs (at `listPath` in the config) with `pick`; a glob that matches nothing is an error at it. */
function expandList(
  ctx: Ctx,
  base: string,
  listPath: readonly PropertyKey[],
  globs: readonly string[],
  pick: (m: string) => string | undefined,
  what: string,
): string[] {
  const out = new Set<string>();
  globs.forEach((g, i) => {
    const found = expand(base, g).flatMap((m) => pick(m) ?? []);
    if (found.length === 0) ctx.diags.error(at(ctx, [...listPath, i]), `\`${g}\` matches no ${what}`, 'config-no-match');
    for (const f of found) out.add(f);
  });
  return [...out].sort();
}

function checkVariants(ctx: Ctx, variants: Record<string, VariantSettings | null>): Variant[] {
  const list: Variant[] = [];
  for (const [name, settings] of Object.entries(variants)) {
    for (const u of UNAVAILABLE) {
      if (settings && u.when(settings[u.key])) {
        ctx.diags.error(
          at(ctx, ['variants', name, u.key], true),
          `variant \`${name}\` asks for ${u.what}, which is not available in this version of handoutkit; remove \`${u.key}\` ` +
            `or the variant`,
          'variant-unavailable',
        );
      }
    }
    list.push({ name, settings: settings ?? {} });
  }
  return list.sort((a, b) => (a.name === BASE_VARIANT ? -1 : b.name === BASE_VARIANT ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Loads and checks the config `file`. Returns the library, or undefined with
 * every problem in `diags` (rule ids `config-*`, `variant-unavailable`).
 */
export function loadConfig(file: string, diags: Diagnostics): LibraryConfig | undefined {
  const parsed = parseYaml(file, diags);
  if (!parsed) return undefined;
  const { ctx, data } = parsed;
  const checked = configSchema.safeParse(data ?? {});
  if (!checked.success) {
    for (const issue of checked.error.issues) reportIssue(ctx, issue);
    if (!diags.hasErrors) diags.error(fileStart(file), 'the config is not valid', 'config-invalid-value');
    return undefined;
  }
  const cfg: ConfigFile = checked.data;
  const base = path.dirname(path.resolve(file));
  const clinicFiles = expandList(ctx, base, ['clinics'], cfg.clinics, clinicFileOf, 'clinic folder (a folder with clinic.yaml)');
  const guideDirs = expandList(ctx, base, ['guides'], cfg.guides, guideDirOf, `guide folder (a folder with ${SOURCE_LANG}.md)`);
  const variants = checkVariants(ctx, cfg.variants ?? { [BASE_VARIANT]: {} });
  const clinics: ClinicRef[] = clinicFiles.map((f) => {
    const locales = clinicLocales(f);
    return { id: clinicIdOf(f), file: f, ...(locales ? { locales } : {}) };
  });
  const guides = guideDirs.map(guideRef);
  const outDir = path.resolve(base, cfg.outDir ?? 'out');
  const inside = (p: string): boolean => {
    const rel = path.relative(outDir, p);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const content = [...clinicFiles, ...guideDirs].find(inside);
  if (content !== undefined || inside(path.resolve(file))) {
    const what = content === undefined ? 'the config file' : `\`${path.relative(base, content).split(path.sep).join('/')}\``;
    ctx.diags.error(
      at(ctx, ['outDir']),
      `the output folder \`${cfg.outDir ?? 'out'}\` holds ${what}; outputs it no longer produces are removed from it, so it ` +
        `must be a folder of its own, e.g. \`outDir: out\``,
      'config-invalid-value',
    );
  }
  const ids = clinics.map((c) => c.id);
  const settings = new Map<string, ClinicSettings>();
  const overrides = cfg.overrides ?? {};
  for (const [id, o] of Object.entries(overrides)) {
    if (!ids.includes(id)) {
      ctx.diags.error(
        at(ctx, ['overrides', id], true),
        `no clinic \`${id}\` among the clinics matched by \`clinics\` (${ids.map((c) => `\`${c}\``).join(', ') || 'none'})`,
        'config-unknown-clinic',
        suggestion(id, ids),
      );
    }
    (o.variants ?? []).forEach((v, i) => {
      if (!variants.some((x) => x.name === v)) {
        const names = variants.map((x) => x.name);
        ctx.diags.error(
          at(ctx, ['overrides', id, 'variants', i]),
          `no variant \`${v}\` in \`variants\` (${names.map((n) => `\`${n}\``).join(', ')})`,
          'config-unknown-variant',
          suggestion(v, names),
        );
      }
    });
  }
  if (diags.hasErrors) return undefined;
  for (const clinic of clinics) {
    const o = overrides[clinic.id];
    let own = guides;
    if (o?.guides) {
      const dirs = new Set(expandList(ctx, base, ['overrides', clinic.id, 'guides'], o.guides, guideDirOf, 'guide folder'));
      own = guides.filter((g) => dirs.has(g.dir));
      o.guides.forEach((g, i) => {
        const matched = expand(base, g).flatMap((m) => guideDirOf(m) ?? []);
        if (matched.length > 0 && !matched.some((d) => guides.some((x) => x.dir === d))) {
          ctx.diags.error(
            at(ctx, ['overrides', clinic.id, 'guides', i]),
            `\`${g}\` matches no guide of \`guides\`; a clinic's guides are a subset of the library`,
            'config-no-match',
          );
        }
      });
    }
    const langs = (o?.languages ?? cfg.languages ?? clinic.locales ?? [SOURCE_LANG]).map(canonicalTag);
    const extra = (o?.extraLanguages ?? []).map(canonicalTag);
    settings.set(clinic.id, {
      guides: own,
      languages: [...new Set([...langs, ...extra])].sort((a, b) =>
        a === SOURCE_LANG ? -1 : b === SOURCE_LANG ? 1 : a < b ? -1 : a > b ? 1 : 0,
      ),
      translations: o?.translations ?? cfg.translations ?? 'error',
      variants: o?.variants ? variants.filter((v) => o.variants!.includes(v.name)) : variants,
    });
  }
  if (diags.hasErrors) return undefined;
  return { file: path.resolve(file), base, outDir, clinics, settings };
}
