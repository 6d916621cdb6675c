/**
 * `buildHandout`: the library entry for one guide. Reads the guide and the
 * clinic profile (through a confined World), runs the pipeline, and returns
 * PDF bytes with every diagnostic.
 */
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Diagnostics, type Diagnostic } from './diagnostics.js';
import type { Brand, PaperName } from './types/brand.js';
import type { GuideMeta } from './types/document.js';
import { nodeWorld, type World } from './world.js';
import { sharedFontBook, type FontBook } from './layout/fonts/font-book.js';
import { loadClinic } from './brand/load-clinic.js';
import { runPipeline } from './pipeline.js';
import { packageDir } from './package-dir.js';
import { SOURCE_LANG, langOfFile, readGuideMeta, reportTranslation, sourceGuideOf, translationState, type TranslationPolicy } from './i18n/translation-status.js';
import { resolveLimits, type Limits } from './limits.js';
import { FILL_NAME } from './resolve/variables.js';
import { redactFill } from './redact.js';
import { checkTemplateOverrides } from './template-confinement.js';
import { recordingWorld, type InputRecord } from './incremental/recording-world.js';

/** Input of {@link buildHandout}. */
export interface BuildInput {
  /** Path of the guide (`content/guides/<id>/<lang>.md`). */
  readonly guide: string;
  /** Path of the clinic profile; defaults to the bundled sample clinic. */
  readonly clinic?: string;
  /** Overrides the clinic's paper size. */
  readonly paper?: PaperName;
  /** PDF/A-2a (archival) output. */
  readonly archival?: boolean;
  /** File access (tests pass a fake). */
  readonly world?: World;
  /** Fonts (defaults to the bundled, process-wide book). */
  readonly fonts?: FontBook;
  /** Largest guide file in bytes. */
  readonly maxFileBytes?: number;
  /** Most pages (same as `limits.maxPages`). */
  readonly maxPages?: number;
  /** Resource limits; unset ones take `DEFAULT_LIMITS` (src/limits.ts). `maxFileBytes`/`maxPages` above win when both are given. */
  readonly limits?: Partial<Limits>;
  /**
   * Personalised fill-in values for `{{fill.<name>}}` (e.g. `{ patientName: 'Ana Ruiz' }`). They are
   * personal health information: they appear only in the PDF's page content, never in diagnostics,
   * file names or PDF metadata.
   */
  readonly fill?: Readonly<Record<string, string>>;
  /**
   * What to do when the guide is a translation that is missing or older than
   * the source-language guide: `error` (no PDF) or `fallback` (build the
   * source-language handout with an interpreter notice in the guide's language).
   * Unset: a stale translation is a warning, a missing one an error.
   */
  readonly translations?: TranslationPolicy;
  /**
   * Task-list checkboxes are also PDF form fields a reader can tick on screen (as does the guide's
   * front matter `fillable: true`; either turns it on). The printed page looks the same.
   */
  readonly fillable?: boolean;
  /**
   * `checklist`: a printable checklist of the guide's task lists and `:::checklist` blocks, with
   * name and date lines (as the guide's front matter `template: checklist` does). Default: the
   * guide's `template`, else `handout`.
   */
  readonly template?: 'handout' | 'checklist';
  /** Large print: 18 pt body text, headings, spacing, boxes and fields scaled to match; left-aligned, never hyphenated. */
  readonly largePrint?: boolean;
  /** Record every file read through the World with its SHA-256 (`inputs` of the result), for incremental builds. */
  readonly recordInputs?: boolean;
}

/** Result of {@link buildHandout}: bytes only when there was no error. */
export interface BuildResult {
  readonly pdf?: Buffer;
  readonly diagnostics: readonly Diagnostic[];
  readonly meta?: GuideMeta;
  readonly pages?: number;
  /** Page breaks that broke a keep rule (quality figure; should be 0). */
  readonly breakViolations?: number;
  /** The language the handout is for (differs from `meta.lang` after a translation fallback). */
  readonly outputLang?: string;
  /** With `recordInputs`: every file the build read through the World (and every one it looked for and did not find). */
  readonly inputs?: readonly InputRecord[];
}

/** The bundled sample clinic profile. */
export function sampleClinicPath(): string {
  return path.join(packageDir(), 'content', 'clinics', 'example-community', 'clinic.yaml');
}

/** The content root of a guide: the folder holding `guides/`, or the guide's own folder. */
export function contentRootOf(guide: string): string {
  const dir = path.dirname(path.resolve(guide));
  const parent = path.dirname(dir);
  return path.basename(parent) === 'guides' ? path.dirname(parent) : dir;
}

const clinicCache = new Map<string, Promise<{ brand?: Brand; diagnostics: readonly Diagnostic[] }>>();

async function clinicFor(file: string, world: World): Promise<{ brand?: Brand; diagnostics: readonly Diagnostic[] }> {
  // Keyed by content too: an edited profile is reloaded in a long-running process.
  let stamp = '';
  try {
    if (world === nodeWorld) stamp = createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    stamp = 'unreadable';
  }
  const key = `${path.resolve(file)}\0${stamp}`;
  let p = clinicCache.get(key);
  if (!p) {
    p = (async () => {
      const diags = new Diagnostics();
      const brand = await loadClinic(file, diags, world);
      return brand && !diags.hasErrors ? { brand, diagnostics: diags.list } : { diagnostics: diags.list };
    })();
    if (world === nodeWorld) clinicCache.set(key, p);
  }
  return p;
}

/** The creation date: SOURCE_DATE_EPOCH, else the guide's review date, else a fixed date. Never the clock. */
export function pinnedDate(meta: GuideMeta): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  if (meta.reviewed) return new Date(`${meta.reviewed}T00:00:00Z`);
  return new Date('2000-01-01T00:00:00Z');
}

/** Builds one handout. Never throws on bad content: problems are diagnostics. */
export async function buildHandout(input: BuildInput): Promise<BuildResult> {
  let result: BuildResult;
  try {
    result = await buildUnguarded(input);
  } catch (e) {
    // Last line of defence: a bug (e.g. a stack overflow on odd input) becomes a diagnostic, never an escaping exception.
    const detail = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : 'unknown error';
    result = {
      diagnostics: [
        { file: input.guide, line: 1, column: 1, severity: 'error', message: `the guide could not be built because of an internal error (${detail.slice(0, 200)}); this is a bug in handoutkit, please report it with the guide attached`, ruleId: 'internal-error' },
      ],
    };
  }
  return input.fill ? { ...result, diagnostics: redactFill(result.diagnostics, input.fill) } : result;
}

async function buildUnguarded(input: BuildInput): Promise<BuildResult> {
  const limits = resolveLimits({ ...input.limits, ...(input.maxFileBytes ? { maxFileBytes: input.maxFileBytes } : {}), ...(input.maxPages ? { maxPages: input.maxPages } : {}) });
  const recorder = input.recordInputs ? recordingWorld(input.world ?? nodeWorld) : undefined;
  const world = recorder?.world ?? input.world ?? nodeWorld;
  const diags = new Diagnostics();
  const clinicFile = input.clinic ?? sampleClinicPath();
  const clinic = await clinicFor(clinicFile, world);
  diags.list.push(...clinic.diagnostics);
  if (!clinic.brand) return { diagnostics: diags.list };

  const diagCount = diags.list.length;
  for (const [name, value] of Object.entries(input.fill ?? {})) {
    if (!FILL_NAME.test(name)) diags.error({ file: input.guide, line: 1, column: 1 }, `a fill-in field name is not valid (it is not shown, as it may be personal information); names start with a letter and use letters, digits, \`-\` and \`_\` (e.g. \`patientName\`)`, 'invalid-fill');
    else if (typeof value !== 'string') diags.error({ file: input.guide, line: 1, column: 1 }, `fill-in field \`${name}\` must be text`, 'invalid-fill');
  }
  if (diags.list.length > diagCount) return { diagnostics: diags.list };

  let guidePath = path.resolve(input.guide);
  let outputLang: string | undefined;
  // translation status: a missing or stale translation is an error, or falls back to the source guide
  const lang = langOfFile(guidePath);
  if (lang !== SOURCE_LANG && path.basename(path.dirname(path.dirname(guidePath))) === 'guides' && existsSync(sourceGuideOf(guidePath))) {
    const sourceVersion = readGuideMeta(sourceGuideOf(guidePath))?.version ?? 1;
    const state = translationState(path.dirname(guidePath), lang, sourceVersion);
    // a missing file without a policy stays a plain guide-not-found
    if (state.state === 'stale' || (state.state === 'missing' && input.translations !== undefined)) {
      reportTranslation(state, input.translations ?? 'warn', diags);
      if (diags.hasErrors) return { diagnostics: diags.list };
      if (input.translations === 'fallback') {
        guidePath = sourceGuideOf(guidePath);
        outputLang = lang;
      }
    }
  }
  const read = world.read(path.basename(guidePath), path.dirname(guidePath), [path.dirname(guidePath)], limits.maxFileBytes);
  if (!read.ok) {
    const rule = read.reason === 'too-large' ? 'guide-too-large' : 'guide-not-found';
    diags.error({ file: input.guide, line: 1, column: 1 }, read.reason === 'too-large' ? `guide is too large: ${read.detail}; split it into several guides, or raise the limit (\`--max-file-size\`)` : `cannot read the guide: ${read.detail}`, rule);
    return { diagnostics: diags.list };
  }
  const contentRoot = contentRootOf(guidePath);
  const clinicTemplates = path.join(path.dirname(path.resolve(clinicFile)), 'templates');
  if (existsSync(clinicTemplates) && !checkTemplateOverrides(clinicTemplates, clinicFile, diags)) return { diagnostics: diags.list };
  const out = await runPipeline(
    {
      // after a translation fallback, diagnostics point at the source guide actually built
      file: outputLang ? guidePath : input.guide,
      source: read.data.toString('utf8'),
      brand: clinic.brand,
      ...(input.paper ? { paper: input.paper } : {}),
      world,
      roots: [path.dirname(guidePath), contentRoot],
      fonts: input.fonts ?? sharedFontBook(),
      created: pinnedDate,
      templateDirs: existsSync(clinicTemplates) ? [clinicTemplates] : [],
      archival: input.archival ?? false,
      maxPages: limits.maxPages,
      maxNestingDepth: limits.maxNestingDepth,
      maxImagePixels: limits.maxImagePixels,
      ...(input.fill ? { fill: input.fill } : {}),
      ...(outputLang ? { patientLanguage: outputLang } : {}),
      ...(input.fillable ? { fillable: true } : {}),
      ...(input.template ? { template: input.template } : {}),
      ...(input.largePrint ? { largePrint: true } : {}),
    },
    diags,
  );
  if (diags.hasErrors || !out.pdf) return { diagnostics: diags.list, ...(out.meta ? { meta: out.meta } : {}) };
  return {
    pdf: out.pdf,
    diagnostics: diags.list,
    ...(out.meta ? { meta: out.meta } : {}),
    ...(out.pages ? { pages: out.pages } : {}),
    breakViolations: out.breakViolations ?? 0,
    ...(outputLang ? { outputLang } : {}),
    ...(recorder ? { inputs: recorder.reads() } : {}),
  };
}
