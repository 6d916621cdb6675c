/**
 * The settings of one build, resolved once in `build.ts` from the caller's
 * options ({@link SettingsInput}) and handed, frozen, to every stage as
 * `(input, settings, diagnostics)`. Every option and limit has its default
 * here or in `limits.ts` and nowhere else; the incremental fingerprint
 * (`incremental/fingerprint.ts`) hashes this same object, so a new setting
 * can never be missed by incremental builds.
 *
 * To add an option: a field in {@link Settings} (with its TSDoc), its input
 * in {@link SettingsInput} and its default in {@link resolveSettings}; then
 * read it in the stage that needs it (and add the CLI flag in `cli/main.ts`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PaperName } from './types/brand.js';
import type { GuideMeta } from './types/document.js';
import { resolveLimits, type Limits } from './limits.js';
import { packageDir } from './package-dir.js';

/** What to do with a missing or stale translation (`handout build --translations`). */
export type TranslationPolicy = 'error' | 'fallback';

/** The settings of one build. Frozen; every field is always present (no "unset" spreads). */
export interface Settings {
  /** Path of the clinic profile (`clinic.yaml`), as given (default: the bundled sample clinic). */
  readonly clinic: string;
  /** Template folders searched before the bundled `templates/` (the clinic's `templates/` overrides, when present). */
  readonly templateDirs: readonly string[];
  /** Paper size overriding the clinic's `paper`, or null to use the clinic's. */
  readonly paper: PaperName | null;
  /** PDF/A-2a (archival) output besides PDF/UA-1. */
  readonly archival: boolean;
  /** Task-list checkboxes become form fields (the guide's front matter `fillable: true` also turns it on). */
  readonly fillable: boolean;
  /** Missing or stale translation: `error`, `fallback`, or null (a stale one warns, a missing one is not found). */
  readonly translations: TranslationPolicy | null;
  /**
   * The patient's language when this handout stands in for a missing or stale translation (policy
   * `fallback`): the interpreter notice is printed in it. Derived by `build.ts` from the guide's file
   * name and `translations`, so the fingerprint leaves it out.
   */
  readonly patientLanguage: string | null;
  /** `SOURCE_DATE_EPOCH` (seconds), which pins the PDF's creation date; null to use the guide's `reviewed` date. */
  readonly sourceDateEpoch: number | null;
  /**
   * Personalised fill-in values for `{{fill.<name>}}`. Personal health information: only in page
   * content, never in diagnostics, file names, metadata or the fingerprint (fill builds are never incremental).
   */
  readonly fill: Readonly<Record<string, string>>;
  /** Resource limits, every one set (defaults in `limits.ts`). */
  readonly limits: Limits;
}

/** The options a caller may give; everything unset takes its default. */
export interface SettingsInput {
  readonly clinic?: string;
  readonly paper?: PaperName;
  readonly archival?: boolean;
  readonly fillable?: boolean;
  readonly translations?: TranslationPolicy;
  readonly fill?: Readonly<Record<string, string>>;
  /** Resource limits; unset ones take `DEFAULT_LIMITS`. */
  readonly limits?: Partial<Limits>;
  /** Largest guide file in bytes (wins over `limits.maxFileBytes`). */
  readonly maxFileBytes?: number;
  /** Most pages (wins over `limits.maxPages`). */
  readonly maxPages?: number;
}

/** Facts about the build that `build.ts` derives before running the pipeline. */
export interface DerivedSettings {
  readonly patientLanguage?: string | null;
}

/** The bundled sample clinic profile (the default `clinic`). */
export function sampleClinicPath(): string {
  return path.join(packageDir(), 'content', 'clinics', 'example-community', 'clinic.yaml');
}

const NO_FILL: Readonly<Record<string, string>> = Object.freeze({});

/** `SOURCE_DATE_EPOCH` from the environment, when it is a whole number of seconds. */
export function sourceDateEpochFromEnv(env: NodeJS.ProcessEnv = process.env): number | null {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? Number(epoch) : null;
}

/**
 * Resolves a caller's options into frozen {@link Settings}.
 * @throws RangeError when a limit is not a positive whole number (a caller bug, not a content problem).
 */
export function resolveSettings(input: SettingsInput, derived: DerivedSettings = {}): Settings {
  const given: Partial<Limits> = { ...input.limits };
  const limits = resolveLimits({
    ...given,
    maxFileBytes: input.maxFileBytes || given.maxFileBytes,
    maxPages: input.maxPages || given.maxPages,
  });
  const clinic = input.clinic ?? sampleClinicPath();
  const overrides = path.join(path.dirname(path.resolve(clinic)), 'templates');
  return Object.freeze({
    clinic,
    templateDirs: Object.freeze(existsSync(overrides) ? [overrides] : []),
    paper: input.paper ?? null,
    archival: input.archival === true,
    fillable: input.fillable === true,
    translations: input.translations ?? null,
    patientLanguage: derived.patientLanguage ?? null,
    sourceDateEpoch: sourceDateEpochFromEnv(),
    fill: input.fill ? Object.freeze({ ...input.fill }) : NO_FILL,
    limits,
  });
}

/** `settings` for a handout that stands in for a missing or stale translation in `patientLanguage`. */
export function withPatientLanguage(settings: Settings, patientLanguage: string): Settings {
  return Object.freeze({ ...settings, patientLanguage });
}

/** The creation date: `SOURCE_DATE_EPOCH`, else the guide's review date, else 2000-01-01. Never the clock. */
export function createdDate(settings: Pick<Settings, 'sourceDateEpoch'>, meta: GuideMeta): Date {
  if (settings.sourceDateEpoch !== null) return new Date(settings.sourceDateEpoch * 1000);
  if (meta.reviewed) return new Date(`${meta.reviewed}T00:00:00Z`);
  return new Date('2000-01-01T00:00:00Z');
}

/** Settings with every default (for tests and tools that run single stages). */
export function defaultSettings(overrides: SettingsInput = {}): Settings {
  return resolveSettings(overrides);
}
