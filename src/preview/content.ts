/**
 * What a preview can show: the guides of the content folder, each guide's
 * languages with their translation status, the clinics, templates and paper
 * sizes. Everything the page may ask for is named by an id from these lists,
 * never by a path.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { textOrUndefined } from '../world.js';
import path from 'node:path';
import { contentRootOf, sampleClinicPath, type BuildInput } from '../build.js';
import { clinicIdOf, loadClinic } from '../brand/load-clinic.js';
import { Diagnostics } from '../diagnostics.js';
import { SOURCE_LANG, type TranslationState } from '../i18n/translation-status.js';
import { parse } from '../parse/parse.js';
import type { Brand } from '../types/brand.js';
import type { GuideMeta } from '../types/document.js';
import { packageDir } from '../package-dir.js';
import type { PaperName } from '../types/brand.js';
import { nodeWorld } from '../world.js';

/** One guide folder (`content/guides/<id>/`). */
export interface GuideEntry {
  readonly id: string;
  readonly dir: string;
}

/** One clinic profile. */
export interface ClinicEntry {
  readonly id: string;
  readonly file: string;
}

/**
 * A template the build supports. New templates (checklist, large print) plug in
 * here: an id and label for the switcher, the `buildHandout` options that
 * select it, and the matching `handout build` flags (for the page's command line).
 */
export interface TemplateEntry {
  readonly id: string;
  readonly label: string;
  /** What the template changes in the build input. */
  readonly input: Partial<Omit<BuildInput, 'guide' | 'clinic' | 'world' | 'fonts'>>;
  /** The `handout build` flags that select it. */
  readonly flags: readonly string[];
}

/** Templates `handout build` supports today. */
export const PREVIEW_TEMPLATES: readonly TemplateEntry[] = [
  { id: 'handout', label: 'Handout', input: {}, flags: [] },
  { id: 'checklist', label: 'Checklist', input: { template: 'checklist' }, flags: ['--template', 'checklist'] },
  { id: 'large', label: 'Large print', input: { largePrint: true }, flags: ['--large-print'] },
];

/** Paper choices: the clinic's own, or an override as with `--paper`. */
export const PREVIEW_PAPERS: readonly ('clinic' | PaperName)[] = ['clinic', 'letter', 'a4'];

/** The folders a preview works in, fixed when it starts. */
export interface PreviewContent {
  /** The content root (holds `guides/` and usually `clinics/`). */
  readonly root: string;
  /** Where guide folders are listed from; undefined when the guide is a lone folder. */
  readonly guidesDir?: string;
  /** A guide folder outside any `guides/` folder (a lone guide given on the command line). */
  readonly loneGuide?: GuideEntry;
  /** Clinics given explicitly (the `--clinic` profile, the bundled sample). */
  readonly extraClinics: readonly ClinicEntry[];
  /** The clinic a view uses when it names none. */
  readonly defaultClinic: ClinicEntry;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The content folders of a preview of `guide` (or of the bundled samples) with `clinic` (or the sample clinic). */
export function previewContent(guide: string | undefined, clinic: string | undefined): PreviewContent {
  const clinicFile = path.resolve(clinic ?? sampleClinicPath());
  const root = guide ? contentRootOf(guide) : path.join(packageDir(), 'content');
  const guidesDir = path.join(root, 'guides');
  const given: ClinicEntry = { id: clinicIdOf(clinicFile), file: clinicFile };
  const extra = [given];
  const sample = path.resolve(sampleClinicPath());
  if (sample !== clinicFile) extra.push({ id: clinicIdOf(sample), file: sample });
  const lone =
    guide && !isDir(guidesDir)
      ? { id: path.basename(path.dirname(path.resolve(guide))), dir: path.dirname(path.resolve(guide)) }
      : undefined;
  return { root, ...(lone ? { loneGuide: lone } : { guidesDir }), extraClinics: extra, defaultClinic: given };
}

/** Every guide folder (with at least one `.md` file), sorted by id. */
export function listGuides(c: PreviewContent): GuideEntry[] {
  if (c.loneGuide) return [c.loneGuide];
  const dir = c.guidesDir!;
  if (!isDir(dir)) return [];
  const out: GuideEntry[] = [];
  for (const id of readdirSync(dir).sort()) {
    const gdir = path.join(dir, id);
    if (!isDir(gdir)) continue;
    if (readdirSync(gdir).some((f) => f.endsWith('.md'))) out.push({ id, dir: gdir });
  }
  return out;
}

/** Every clinic: `<root>/clinics/<id>/clinic.yaml`, plus the explicit ones; one per id (explicit ones first). */
export function listClinics(c: PreviewContent): ClinicEntry[] {
  const byId = new Map<string, ClinicEntry>();
  for (const e of c.extraClinics) if (!byId.has(e.id)) byId.set(e.id, e);
  const dir = path.join(c.root, 'clinics');
  if (isDir(dir)) {
    for (const id of readdirSync(dir).sort()) {
      const file = path.join(dir, id, 'clinic.yaml');
      if (!byId.has(id) && existsSync(file)) byId.set(id, { id, file });
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The file's size and modification time, or undefined when it does not exist. */
function stampOf(file: string): string | undefined {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/**
 * A cache by file and stamp: the page asks for the languages and clinics on
 * every state, and a guide's front matter is parsed again only after it changed.
 */
function stampCache<T>(load: (file: string) => T): (file: string) => T | undefined {
  const cache = new Map<string, { stamp: string; value: T }>();
  return (file) => {
    const stamp = stampOf(file);
    if (stamp === undefined) return undefined;
    const hit = cache.get(file);
    if (hit?.stamp === stamp) return hit.value;
    const value = load(file);
    cache.set(file, { stamp, value });
    return value;
  };
}

/** The front matter of a guide (only the front matter is parsed). */
const guideMeta = stampCache((file): GuideMeta | undefined => {
  const text = textOrUndefined(file) ?? '';
  const m = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  return parse(file, m ? m[0] : text, new Diagnostics())?.meta;
});

/** The languages a clinic serves (`locales`); its problems are shown by the build. */
const clinicLocales = stampCache(async (file): Promise<Brand | undefined> => loadClinic(file, new Diagnostics(), nodeWorld));

/**
 * The languages of a guide for a clinic, as `handout check` reports them: the
 * files present and the clinic's `locales`, source first.
 */
export async function listLanguages(guide: GuideEntry, clinic: ClinicEntry): Promise<TranslationState[]> {
  const brand = await clinicLocales(clinic.file);
  const langs = new Set<string>(brand?.locales ?? []);
  for (const f of readdirSync(guide.dir)) if (f.endsWith('.md')) langs.add(f.slice(0, -3));
  langs.add(SOURCE_LANG);
  const sourceVersion = guideMeta(path.join(guide.dir, `${SOURCE_LANG}.md`))?.version ?? 1;
  const sorted = [...langs].sort((a, b) => (a === SOURCE_LANG ? -1 : b === SOURCE_LANG ? 1 : a.localeCompare(b)));
  return sorted.map((lang): TranslationState => {
    const file = path.join(guide.dir, `${lang}.md`);
    if (lang === SOURCE_LANG) return { lang, state: 'source', file, version: sourceVersion };
    if (!existsSync(file)) return { lang, state: 'missing', file, sourceVersion };
    const from = guideMeta(file)?.translatedFrom?.version ?? null;
    if (from === null || from < sourceVersion) return { lang, state: 'stale', file, translatedFrom: from, sourceVersion };
    return { lang, state: 'current', file, translatedFrom: from };
  });
}

/** The folders whose files the preview may serve (content, clinics, templates, fonts). */
export function readableRoots(c: PreviewContent): string[] {
  const roots = new Set<string>([c.root, path.join(packageDir(), 'templates'), path.join(packageDir(), 'fonts')]);
  if (c.loneGuide) roots.add(c.loneGuide.dir);
  for (const e of c.extraClinics) roots.add(path.dirname(e.file));
  return [...roots];
}
