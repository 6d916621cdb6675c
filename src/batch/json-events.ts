/**
 * The `--json` output of `handout batch`: one JSON object per line on stdout,
 * one per output as its fate is known (`type: "item"`), then one summary
 * (`type: "summary"`). Documented in the README; the schemas below are the
 * contract (tests parse every line with them).
 */
import * as z from 'zod';
import { TRANSLATION_STATUSES, diagnosticSchema } from './library-manifest.js';

/** One output. `pages`, `bytes`, `sha256`, `translation` are present for built and up-to-date outputs. */
export const itemEventSchema = z.strictObject({
  type: z.literal('item'),
  /** Path relative to the output folder (the manifest key). */
  output: z.string(),
  /** Path as shown to the user (relative to the working folder). */
  path: z.string(),
  clinic: z.string(),
  guide: z.string(),
  lang: z.string(),
  variant: z.string(),
  status: z.enum(['built', 'up-to-date', 'failed', 'skipped', 'would-build']),
  reason: z.enum(['not-selected', 'interrupted']).optional(),
  translation: z.enum(TRANSLATION_STATUSES).optional(),
  pages: z.number().int().optional(),
  bytes: z.number().int().optional(),
  sha256: z.string().optional(),
  diagnostics: z.array(diagnosticSchema),
});

/** The last line. */
export const summaryEventSchema = z.strictObject({
  type: z.literal('summary'),
  total: z.number().int(),
  built: z.number().int(),
  upToDate: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  /** Outputs removed (or that would be, with `dryRun`), relative to the output folder. */
  removed: z.array(z.string()),
  interrupted: z.boolean(),
  dryRun: z.boolean(),
  wallSeconds: z.number(),
  docsPerSecond: z.number(),
});

/** One `--json` line. */
export const jsonEventSchema = z.discriminatedUnion('type', [itemEventSchema, summaryEventSchema]);

/** An item line. */
export type ItemJson = z.output<typeof itemEventSchema>;
/** The summary line. */
export type SummaryJson = z.output<typeof summaryEventSchema>;
