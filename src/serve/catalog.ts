/**
 * What `handout serve` can build: the guides under `<content>/guides/<id>/<lang>.md` and the clinics
 * under `<content>/clinics/<id>/clinic.yaml`. Clients name a guide, a clinic and a language by id;
 * the server maps them to files here, so no client string ever becomes a path.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { textOrUndefined } from '../world.js';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SOURCE_LANG } from '../i18n/translation-status.js';

/** One guide that can be requested. */
export interface CatalogGuide {
  readonly id: string;
  readonly folder: string;
  /** Languages with a file, source language first. */
  readonly languages: readonly string[];
  /** Personalised fill-in fields used by the source guide (`{{fill.<name>}}`), sorted. */
  readonly fields: readonly string[];
}

/** One clinic that can be requested. */
export interface CatalogClinic {
  readonly id: string;
  readonly file: string;
  readonly name: string;
  /** Languages the clinic serves (`locales:`), or undefined when it does not say. */
  readonly locales?: readonly string[];
}

/** A snapshot of the content folder. */
export interface Catalog {
  readonly guides: ReadonlyMap<string, CatalogGuide>;
  readonly clinics: ReadonlyMap<string, CatalogClinic>;
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const LANG_FILE = /^([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/;
const FILL_USE = /(?<!\\)\{\{\s*fill\.([A-Za-z][A-Za-z0-9_-]{0,63})\s*\}\}/g;
const MAX_GUIDE_BYTES = 20 * 1024 * 1024;

function dirs(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && ID.test(e.name))
    .map((e) => e.name)
    .sort();
}

function isSmallFile(file: string): boolean {
  try {
    const st = statSync(file);
    return st.isFile() && st.size <= MAX_GUIDE_BYTES;
  } catch {
    return false;
  }
}

/** The fill-in field names a guide's text uses. */
export function fillFieldsOf(source: string): string[] {
  return [...new Set([...source.matchAll(FILL_USE)].map((m) => m[1]!))].sort();
}

function readGuide(folder: string, id: string): CatalogGuide | undefined {
  const langs = readdirSync(folder)
    .flatMap((f) => {
      const m = LANG_FILE.exec(f);
      return m && isSmallFile(path.join(folder, f)) ? [m[1]!] : [];
    })
    .sort((a, b) => (a === SOURCE_LANG ? -1 : b === SOURCE_LANG ? 1 : a.localeCompare(b)));
  if (langs.length === 0) return undefined;
  const fields = new Set<string>();
  for (const lang of langs) for (const f of fillFieldsOf(textOrUndefined(path.join(folder, `${lang}.md`)) ?? '')) fields.add(f);
  return { id, folder, languages: langs, fields: [...fields].sort() };
}

function readClinic(file: string, id: string): CatalogClinic | undefined {
  if (!isSmallFile(file)) return undefined;
  let data: unknown;
  try {
    data = parseYaml(textOrUndefined(file) ?? '', { schema: 'core', maxAliasCount: 0 });
  } catch {
    data = undefined;
  }
  const rec = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const name = typeof rec['name'] === 'string' ? rec['name'] : id;
  const locales = Array.isArray(rec['locales']) ? rec['locales'].filter((l): l is string => typeof l === 'string') : undefined;
  return { id, file, name, ...(locales ? { locales } : {}) };
}

/** Reads the content folder (guides and clinics). Cheap: it reads only directory listings and small files. */
export function readCatalog(contentDir: string): Catalog {
  const guides = new Map<string, CatalogGuide>();
  const guidesDir = path.join(contentDir, 'guides');
  for (const id of dirs(guidesDir)) {
    const g = readGuide(path.join(guidesDir, id), id);
    if (g) guides.set(id, g);
  }
  const clinics = new Map<string, CatalogClinic>();
  const clinicsDir = path.join(contentDir, 'clinics');
  for (const id of dirs(clinicsDir)) {
    const c = readClinic(path.join(clinicsDir, id, 'clinic.yaml'), id);
    if (c) clinics.set(id, c);
  }
  return { guides, clinics };
}

/** The languages a clinic may request for a guide: its translations, plus the clinic's `locales` (built as fallbacks). */
export function languagesFor(guide: CatalogGuide, clinic: CatalogClinic): string[] {
  return [...new Set([...guide.languages, ...(clinic.locales ?? [])])];
}
