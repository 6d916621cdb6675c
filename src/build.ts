/**
 * `buildHandout`: the library entry for one guide. Reads the guide and the
 * clinic profile (through a confined World), runs the pipeline, and returns
 * PDF bytes with every diagnostic.
 */
import path from 'node:path';
import { statSync } from 'node:fs';
import { readRegularFile } from './io/read-regular.js';
import { statStampOf } from './io/stat-stamp.js';
import { createHash } from 'node:crypto';
import { fileStart, Diagnostics, type Diagnostic } from './diagnostics.js';
import type { Brand } from './types/brand.js';
import type { GuideMeta } from './types/document.js';
import { nodeWorld, readFileText, readText, type World } from './world.js';
import { languageOfFileName } from './parse/front-matter.js';
import { sharedFontBook, type FontBook } from './layout/fonts/font-book.js';
import { clinicFontBook } from './layout/fonts/clinic-fonts.js';
import { loadClinic } from './brand/load-clinic.js';
import { runPipeline } from './pipeline.js';
import {
  createdDate,
  resolveSettings,
  sampleClinicPath,
  sourceDateEpochFromEnv,
  withPatientLanguage,
  type SettingsInput,
} from './settings.js';
import {
  SOURCE_LANG,
  guideMetaOf,
  langOfFile,
  readGuideMeta,
  reportTranslation,
  sourceGuideOf,
  translationState,
} from './i18n/translation-status.js';
import { FILL_NAME } from './resolve/variables.js';
import { redactFill } from './redact.js';
import { checkTemplateOverrides } from './template-confinement.js';
import { recordingWorld, type InputRecord, type RecordingWorld } from './incremental/recording-world.js';
import { errorRulesOnly, type CheckConfig } from './check/config.js';

/** Largest clinic profile hashed for the in-process cache key (the loader itself refuses big ones). */
const MAX_CLINIC_STAMP_BYTES = 16 * 1024 * 1024;

/** Input of {@link buildHandout}: the guide, services, and the options that become its {@link Settings}. */
export interface BuildInput extends SettingsInput {
  /** Path of the guide (`content/guides/<id>/<lang>.md`). */
  readonly guide: string;
  /** File access (tests pass a fake). */
  readonly world?: World;
  /** Fonts (defaults to the bundled, process-wide book). */
  readonly fonts?: FontBook;
  /** Record every file read through the World with its SHA-256 (`inputs` of the result), for incremental builds. */
  readonly recordInputs?: boolean;
  /**
   * `handout check` settings (the `check:` section of handout.config.yaml): the build runs the
   * rules set to `error` too (unless `enforceInBuild: false`) and writes no PDF when one fails.
   */
  readonly checks?: CheckConfig;
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

export { sampleClinicPath };

/** The content root of a guide: the folder holding `guides/`, or the guide's own folder. */
export function contentRootOf(guide: string): string {
  const dir = path.dirname(path.resolve(guide));
  const parent = path.dirname(dir);
  return path.basename(parent) === 'guides' ? path.dirname(parent) : dir;
}

interface LoadedClinic {
  readonly brand?: Brand;
  readonly diagnostics: readonly Diagnostic[];
}

interface CachedClinic {
  /** The profile, and every file loading it read with its SHA-256 (a recording build records them as its own reads). */
  readonly loaded: Promise<{ readonly clinic: LoadedClinic; readonly reads: readonly InputRecord[] }>;
  /** The files the profile read besides clinic.yaml (logo, fonts), with their size and time then; filled once loaded. */
  assets?: readonly (readonly [path: string, stamp: string])[];
}

/** Clinic profiles kept per process (least recently used dropped first): a batch builds each clinic's outputs in blocks of 32. */
const CLINIC_CACHE_ENTRIES = 64;
const clinicCache = new Map<string, CachedClinic>();

/** Size and modification time of a file, or `absent`: a cheap test that a clinic asset is unchanged. */
function fileStamp(file: string): string {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return 'absent';
  }
}

/** clinic.yaml's SHA-256 per path, with the file's identity and times when it was hashed (see {@link clinicDigest}). */
const clinicDigests = new Map<string, { readonly stat: string; readonly digest: string }>();
const CLINIC_DIGEST_ENTRIES = 64;

/**
 * The SHA-256 of clinic.yaml (`unreadable` when it cannot be read), read and hashed again only when one `stat` shows
 * another file or other size, modification or change times (the change time moves on every write, even one that
 * restores the modification time) — as the World keeps its text files; reading and hashing it for every document was
 * about 1% of a warm build.
 */
function clinicDigest(file: string): string {
  const stat = statStampOf(file);
  const kept = stat === undefined ? undefined : clinicDigests.get(file);
  if (kept && kept.stat === stat) return kept.digest;
  let digest: string;
  try {
    const r = readRegularFile(file, MAX_CLINIC_STAMP_BYTES);
    digest = r.ok ? createHash('sha256').update(r.data).digest('hex') : 'unreadable';
  } catch {
    digest = 'unreadable';
  }
  // kept only when the file did not change while it was read (the stat after the read is the one before it)
  if (stat !== undefined && digest !== 'unreadable' && statStampOf(file) === stat) {
    clinicDigests.delete(file);
    if (clinicDigests.size >= CLINIC_DIGEST_ENTRIES) clinicDigests.delete(clinicDigests.keys().next().value!);
    clinicDigests.set(file, { stat, digest });
  }
  return digest;
}

/**
 * The clinic profile of `file` read through `world`. With the real file system it is loaded once per process
 * and kept (keyed by clinic.yaml's content; its logo and fonts checked by size and time), and a recording
 * build (`recorder`) records the files loading it read, as if it had read them itself.
 */
async function clinicFor(file: string, world: World, recorder?: RecordingWorld): Promise<LoadedClinic> {
  if (world !== nodeWorld) {
    const diags = new Diagnostics();
    const brand = await loadClinic(file, diags, recorder?.world ?? world);
    return brand && !diags.hasErrors ? { brand, diagnostics: diags.list } : { diagnostics: diags.list };
  }
  // Keyed by content too: an edited profile is reloaded in a long-running process.
  const key = `${path.resolve(file)}\0${clinicDigest(file)}`;
  let entry = clinicCache.get(key);
  // and an edited logo or font (same clinic.yaml) too
  if (entry && entry.assets && !entry.assets.every(([p, s]) => fileStamp(p) === s)) entry = undefined;
  if (entry) {
    clinicCache.delete(key); // most recently used last
  } else {
    const own = recordingWorld(world);
    const stamps: Pick<CachedClinic, 'assets'> = {};
    const loaded = (async () => {
      const diags = new Diagnostics();
      const brand = await loadClinic(file, diags, own.world);
      const reads = own.reads();
      const self = path.resolve(file);
      stamps.assets = reads.filter((r) => r.path !== self).map((r) => [r.path, fileStamp(r.path)] as const);
      return { clinic: brand && !diags.hasErrors ? { brand, diagnostics: diags.list } : { diagnostics: diags.list }, reads };
    })();
    entry = Object.assign(stamps, { loaded });
  }
  clinicCache.set(key, entry);
  for (const k of clinicCache.keys()) {
    if (clinicCache.size <= CLINIC_CACHE_ENTRIES) break;
    clinicCache.delete(k);
  }
  const { clinic, reads } = await entry.loaded;
  recorder?.add(reads);
  return clinic;
}

/** The creation date: SOURCE_DATE_EPOCH, else the guide's review date, else a fixed date. Never the clock. */
export function pinnedDate(meta: GuideMeta): Date {
  return createdDate({ sourceDateEpoch: sourceDateEpochFromEnv() }, meta);
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
        {
          ...fileStart(input.guide),
          severity: 'error',
          message:
            `the guide could not be built because of an internal error (${detail.slice(0, 200)}); this is a bug in ` +
            `handoutkit, please report it with the guide attached`,
          ruleId: 'internal-error',
        },
      ],
    };
  }
  return input.fill ? { ...result, diagnostics: redactFill(result.diagnostics, input.fill) } : result;
}

async function buildUnguarded(input: BuildInput): Promise<BuildResult> {
  let settings = resolveSettings(input);
  const { limits } = settings;
  const recorder = input.recordInputs ? recordingWorld(input.world ?? nodeWorld) : undefined;
  const world = recorder?.world ?? input.world ?? nodeWorld;
  const diags = new Diagnostics();
  const clinicFile = settings.clinic;
  const clinic = await clinicFor(clinicFile, input.world ?? nodeWorld, recorder);
  diags.list.push(...clinic.diagnostics);
  if (!clinic.brand) return { diagnostics: diags.list };

  const diagCount = diags.list.length;
  for (const [name, value] of Object.entries(settings.fill)) {
    if (!FILL_NAME.test(name))
      diags.error(
        fileStart(input.guide),
        `a fill-in field name is not valid (it is not shown, as it may be personal information); names start with a letter ` +
          `and use letters, digits, \`-\` and \`_\` (e.g. \`patientName\`)`,
        'invalid-fill',
      );
    else if (typeof value !== 'string') diags.error(fileStart(input.guide), `fill-in field \`${name}\` must be text`, 'invalid-fill');
    else if (value.trim() === '')
      diags.error(
        fileStart(input.guide),
        `fill-in field \`${name}\` is empty; give it a value, or leave \`fill\` out altogether to print every field as a ` +
          `blank line to write on`,
        'invalid-fill',
      );
  }
  if (diags.list.length > diagCount) return { diagnostics: diags.list };

  let guidePath = path.resolve(input.guide);
  let outputLang: string | undefined;
  const readGuide = () =>
    readText(world, path.basename(guidePath), path.dirname(guidePath), [path.dirname(guidePath)], limits.maxFileBytes);
  let read = readGuide();
  if (!read.ok && read.reason === 'not-utf8') {
    // before anything reads its front matter: a guide that is not UTF-8 would print replacement characters
    diags.error({ file: input.guide, line: read.line, column: read.column }, read.detail, 'not-utf8');
    return { diagnostics: diags.list };
  }
  // translation status, in any folder: a translation is checked against the source guide beside it;
  // a missing or stale one is an error, or falls back to the source guide
  // (every file read through the World, absent ones too: creating the source guide later is a change)
  const lang = langOfFile(guidePath);
  const sourceFile = sourceGuideOf(guidePath);
  const sourceRead = lang !== SOURCE_LANG && languageOfFileName(guidePath) !== undefined ? readFileText(world, sourceFile) : undefined;
  if (sourceRead && !(!sourceRead.ok && sourceRead.reason === 'not-found')) {
    const sourceMeta = sourceRead.ok ? guideMetaOf(sourceFile, sourceRead.text) : undefined;
    const state = translationState(path.dirname(guidePath), lang, sourceMeta?.version ?? 1, world);
    // a missing file without a policy stays a plain guide-not-found
    if (state.state === 'stale' || (state.state === 'missing' && settings.translations !== null)) {
      reportTranslation(state, settings.translations ?? 'warn', diags, world);
      if (diags.hasErrors) {
        // the meta names the output this guide would have written, so the caller removes an older copy of it
        const meta = readGuideMeta(guidePath, world) ?? sourceMeta;
        return { diagnostics: diags.list, ...(meta ? { meta, outputLang: lang } : {}) };
      }
      if (settings.translations === 'fallback') {
        guidePath = sourceGuideOf(guidePath);
        outputLang = lang;
        settings = withPatientLanguage(settings, lang);
        read = readGuide();
        if (!read.ok && read.reason === 'not-utf8') {
          diags.error({ file: guidePath, line: read.line, column: read.column }, read.detail, 'not-utf8');
          return { diagnostics: diags.list };
        }
      }
    }
  }
  if (!read.ok) {
    const rule = read.reason === 'too-large' ? 'guide-too-large' : 'guide-not-found';
    diags.error(
      fileStart(input.guide),
      read.reason === 'too-large'
        ? `guide is too large: ${read.detail}; split it into several guides, or raise the limit (\`--max-file-size\`)`
        : `cannot read the guide: ${read.detail}`,
      rule,
    );
    return { diagnostics: diags.list };
  }
  const contentRoot = contentRootOf(guidePath);
  for (const dir of settings.templateDirs) if (!checkTemplateOverrides(dir, clinicFile, diags)) return { diagnostics: diags.list };
  const out = await runPipeline(
    {
      // after a translation fallback, diagnostics point at the source guide actually built
      file: outputLang ? guidePath : input.guide,
      source: read.text,
      brand: clinic.brand,
      world,
      roots: [path.dirname(guidePath), contentRoot],
      fonts: clinicFontBook(input.fonts ?? sharedFontBook(), clinic.brand.fonts),
    },
    settings,
    diags,
  );
  if (!diags.hasErrors && out.pdf && input.checks) {
    const enforced = errorRulesOnly(input.checks);
    if (enforced) {
      const { checkClinic, checkGuideFile } = await import('./check/run.js'); // loaded only when a config asks for it
      const checked = await checkGuideFile(outputLang ? guidePath : input.guide, read.text, enforced, new Date(), clinic.brand);
      diags.list.push(...(checked?.diagnostics ?? []), ...checkClinic(clinicFile, clinic.brand, enforced));
    }
  }
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
