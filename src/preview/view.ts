/**
 * A preview view: which guide, language, clinic, template, paper and fill
 * mode to show. Parsed from (and written back to) the page's URL query, so a
 * link reproduces the view; every value is an id from the content lists,
 * never a path.
 */
import { textOrUndefined } from '../world.js';
import path from 'node:path';
import type { BuildInput } from '../build.js';
import { SOURCE_LANG, sourceGuideOf, type TranslationState } from '../i18n/translation-status.js';
import { FILL_NAME } from '../resolve/variables.js';
import type { PaperName } from '../types/brand.js';
import {
  PREVIEW_PAPERS,
  PREVIEW_TEMPLATES,
  listClinics,
  listGuides,
  listLanguages,
  type ClinicEntry,
  type GuideEntry,
  type PreviewContent,
} from './content.js';

/** What one preview shows. */
export interface ViewSpec {
  readonly guide: string;
  readonly lang: string;
  readonly clinic: string;
  readonly template: string;
  readonly paper: 'clinic' | PaperName;
  readonly fillable: boolean;
}

/** A view with the files it names. */
export interface ResolvedView {
  readonly spec: ViewSpec;
  readonly guide: GuideEntry;
  readonly clinic: ClinicEntry;
  /** The chosen language's translation status. */
  readonly translation: TranslationState;
  /** Every language of the guide for the clinic (for the switcher). */
  readonly languages: readonly TranslationState[];
}

/** A view query that names something that does not exist. */
export interface ViewProblem {
  readonly message: string;
}

/** The view's key (one live build per key). */
export function viewKey(v: ViewSpec): string {
  return [v.guide, v.lang, v.clinic, v.template, v.paper, v.fillable ? '1' : '0'].join('\0');
}

/** The URL query of a view. */
export function viewQuery(v: ViewSpec): string {
  const q = new URLSearchParams({ guide: v.guide, lang: v.lang, clinic: v.clinic, template: v.template, paper: v.paper });
  if (v.fillable) q.set('fillable', '1');
  return q.toString();
}

/**
 * Reads a view from a URL query; unset values take `defaults`. An unknown
 * guide, clinic, template or paper is a problem; a language the guide does not
 * have (after switching guide) falls back to the source language.
 */
export async function resolveView(q: URLSearchParams, content: PreviewContent, defaults: ViewSpec): Promise<ResolvedView | ViewProblem> {
  const guideId = q.get('guide') ?? defaults.guide;
  const guide = listGuides(content).find((g) => g.id === guideId);
  if (!guide) return { message: `no guide \`${guideId}\` under the content folder` };
  const clinicId = q.get('clinic') ?? defaults.clinic;
  const clinic = listClinics(content).find((c) => c.id === clinicId);
  if (!clinic) return { message: `no clinic \`${clinicId}\`` };
  const template = q.get('template') ?? defaults.template;
  if (!PREVIEW_TEMPLATES.some((t) => t.id === template))
    return { message: `no template \`${template}\`; choose one of ${PREVIEW_TEMPLATES.map((t) => t.id).join(', ')}` };
  const paper = q.get('paper') ?? defaults.paper;
  if (!(PREVIEW_PAPERS as readonly string[]).includes(paper))
    return { message: `no paper \`${paper}\`; choose one of ${PREVIEW_PAPERS.join(', ')}` };
  const fillableRaw = q.get('fillable');
  const fillable = fillableRaw === null ? defaults.fillable : fillableRaw === '1' || fillableRaw === 'true';
  const languages = await listLanguages(guide, clinic);
  const wanted = q.get('lang') ?? defaults.lang;
  const translation = languages.find((l) => l.lang === wanted) ?? languages.find((l) => l.lang === SOURCE_LANG) ?? languages[0]!;
  const spec: ViewSpec = {
    guide: guide.id,
    lang: translation.lang,
    clinic: clinic.id,
    template,
    paper: paper as ViewSpec['paper'],
    fillable,
  };
  return { spec, guide, clinic, translation, languages };
}

/**
 * The `buildHandout` input `handout build` would use for the view: a missing
 * translation is built as the source guide with an interpreter notice
 * (`--translations fallback`), as the language switcher marks it.
 */
export function buildInputOf(v: ResolvedView): BuildInput {
  const template = PREVIEW_TEMPLATES.find((t) => t.id === v.spec.template);
  return {
    ...template?.input,
    guide: path.join(v.guide.dir, `${v.spec.lang}.md`),
    clinic: v.clinic.file,
    ...(v.spec.paper !== 'clinic' ? { paper: v.spec.paper } : {}),
    ...(v.spec.fillable ? { fillable: true } : {}),
    ...(v.translation.state === 'missing' ? { translations: 'fallback' as const } : {}),
  };
}

/** The `handout build` command line that writes the same PDF as the download button (paths relative to `cwd`). */
export function buildCommandOf(v: ResolvedView, cwd: string): string {
  const rel = (p: string): string => {
    const r = path.relative(cwd, p);
    return r === '' || r.startsWith('..') || path.isAbsolute(r) ? p : r;
  };
  const input = buildInputOf(v);
  const parts = [
    'handout build',
    rel(input.guide),
    '--clinic',
    rel(v.clinic.file),
    ...(PREVIEW_TEMPLATES.find((t) => t.id === v.spec.template)?.flags ?? []),
  ];
  if (input.paper) parts.push('--paper', input.paper);
  if (v.spec.fillable) parts.push('--fillable');
  if (input.translations) parts.push('--translations', input.translations);
  return parts.join(' ');
}

const FILL_USE = /(?<!\\)\{\{\s*fill\.([^{}\s]*)\s*\}\}/g;

/**
 * The fill-in field names the view's guide uses (`{{fill.patientName}}`). A
 * preview never holds personal values: each field shows its own name as a
 * placeholder (`[patientName]`).
 */
export function fillPlaceholders(v: ResolvedView): Record<string, string> {
  const files = [path.join(v.guide.dir, `${v.spec.lang}.md`)];
  if (v.spec.lang !== SOURCE_LANG) files.push(sourceGuideOf(files[0]!));
  const out: Record<string, string> = {};
  for (const f of files) {
    const text = textOrUndefined(f);
    if (text === undefined) continue;
    for (const m of text.matchAll(FILL_USE)) if (FILL_NAME.test(m[1]!)) out[m[1]!] = `[${m[1]!}]`;
  }
  return out;
}
