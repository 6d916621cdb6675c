/**
 * Schema of `handout.config.yaml`, the configuration of `handout batch`
 * (a health system's whole library: clinics × guides × languages × variants).
 * The JSON Schema shipped in `schema/handout.config.schema.json` is generated
 * from it ({@link configJsonSchema}); a test keeps the two in step.
 */
import * as z from 'zod';
import { PAPER_NAMES } from '../brand/clinic-schema.js';

/** Whether `tag` is a well-formed BCP 47 language tag. */
export function isLangTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** The variant whose outputs carry no suffix (`<guide-id>.pdf`). */
export const BASE_VARIANT = 'handout';

const glob = z.string().trim().min(1).describe('a glob, relative to the config file');
const globs = z.array(glob).min(1);
const langTag = z
  .string()
  .trim()
  .refine(isLangTag, { message: 'not a BCP 47 language tag' })
  .describe('a BCP 47 language tag (en, es, zh-Hans, pt-BR, …)');
const langTags = z.array(langTag);
const policy = z
  .enum(['error', 'fallback'])
  .describe('a missing or stale translation: error (no PDF), or fallback (the source handout with an interpreter notice)');
const variantName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
  .describe('variant name: lowercase letters, digits and `-`; `handout` has no suffix, any other name is the file suffix');

/** One variant's settings (a variant named `handout` is written without a suffix). */
export const variantSchema = z
  .strictObject({
    template: z.enum(['handout', 'checklist']).optional().describe('page template: handout (default) or checklist'),
    largePrint: z.boolean().optional().describe('large print'),
    paper: z.enum(PAPER_NAMES).optional().describe("paper size, overriding each clinic's"),
    fillable: z.boolean().optional().describe('task-list checkboxes as form fields'),
    archival: z.boolean().optional().describe('PDF/A-2a'),
  })
  .nullable();

/** Per-clinic settings. */
export const overrideSchema = z.strictObject({
  guides: globs.optional().describe("the clinic's own subset of the guides (globs)"),
  languages: langTags.optional().describe('the languages built for this clinic (instead of the default)'),
  extraLanguages: langTags.optional().describe('languages built in addition'),
  translations: policy.optional(),
  variants: z.array(variantName).min(1).optional().describe('the variants built for this clinic (names from `variants`)'),
});

/** Schema of `handout.config.yaml` (strict: unknown keys are errors). */
export const configSchema = z.strictObject({
  outDir: z.string().trim().min(1).optional().describe('output folder, relative to the config file (default: out)'),
  clinics: globs.describe('clinic folders (each with a clinic.yaml), as globs, e.g. content/clinics/*'),
  guides: globs.describe('guide folders (each with en.md), as globs, e.g. content/guides/*'),
  languages: langTags.optional().describe("languages to build (default: each clinic's `locales`, else en)"),
  translations: policy.optional(),
  variants: z.record(variantName, variantSchema).optional().describe('variants by name (default: { handout: {} })'),
  check: z.unknown().optional().describe('settings of `handout check` (validated by it)'),
  overrides: z.record(z.string(), overrideSchema).optional().describe('per-clinic settings, by clinic id'),
});

/** A parsed config file (before globs are expanded). */
export type ConfigFile = z.output<typeof configSchema>;

/** One variant's parsed settings. */
export type VariantSettings = NonNullable<z.output<typeof variantSchema>>;

/** Keys allowed in each mapping, by dotted path pattern (`*` for a name). */
export const CONFIG_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': ['outDir', 'clinics', 'guides', 'languages', 'translations', 'variants', 'overrides', 'check'],
  'variants.*': ['template', 'largePrint', 'paper', 'fillable', 'archival'],
  'overrides.*': ['guides', 'languages', 'extraLanguages', 'translations', 'variants'],
};

/** The JSON Schema of the config (draft 2020-12), as shipped in `schema/handout.config.schema.json`. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'handout.config.yaml (handout batch)' };
}
