/**
 * The stable `handout check --json` output (schema `handoutkit-check/1`). Fields are only ever
 * added within a schema version; a removal or change of meaning gets a new version.
 */
import { z } from 'zod';

const score = z.object({
  formula: z.enum(['flesch-kincaid-grade', 'smog', 'inflesz', 'fernandez-huerta', 'kandel-moles', 'wiener-sachtextformel']),
  name: z.string(),
  kind: z.enum(['grade', 'ease']),
  value: z.number(),
  band: z.string().optional(),
});

const sentence = z.object({
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
  words: z.number().int().nonnegative(),
  difficulty: z.number(),
  text: z.string(),
});

/** One diagnostic. */
export const jsonDiagnosticSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  severity: z.enum(['error', 'warning', 'note']),
  ruleId: z.string(),
  message: z.string(),
  /** How to fix it (e.g. `did you mean \`title\`?`), when the diagnostic has one. */
  hint: z.string().optional(),
});

/** The summary of one guide. */
export const jsonGuideSchema = z.object({
  file: z.string(),
  id: z.string().nullable(),
  lang: z.string().nullable(),
  built: z.boolean(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
  readability: z
    .object({
      status: z.enum(['scored', 'needs-human-review']),
      scores: z.array(score),
      counts: z.object({
        sentences: z.number().int().nonnegative(),
        words: z.number().int().nonnegative(),
        syllables: z.number().int().nonnegative().optional(),
        polysyllables: z.number().int().nonnegative().optional(),
        monosyllables: z.number().int().nonnegative().optional(),
        longWords: z.number().int().nonnegative().optional(),
      }),
      sections: z.array(
        z.object({
          title: z.string(),
          line: z.number().int().positive(),
          column: z.number().int().positive(),
          sentences: z.number().int().nonnegative(),
          words: z.number().int().nonnegative(),
          scores: z.array(score),
          hardest: sentence.optional(),
        }),
      ),
      hardestSentences: z.array(sentence),
      longestSentences: z.array(sentence),
    })
    .nullable(),
});

/** The whole `--json` document. */
export const checkJsonSchema = z.object({
  schema: z.literal('handoutkit-check/1'),
  guides: z.array(jsonGuideSchema),
  clinics: z.array(
    z.object({
      file: z.string(),
      errors: z.number().int().nonnegative(),
      warnings: z.number().int().nonnegative(),
      notes: z.number().int().nonnegative(),
    }),
  ),
  diagnostics: z.array(jsonDiagnosticSchema),
  translations: z.object({
    current: z.number().int().nonnegative(),
    stale: z.number().int().nonnegative(),
    missing: z.number().int().nonnegative(),
  }),
  summary: z.object({
    guides: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    warnings: z.number().int().nonnegative(),
    notes: z.number().int().nonnegative(),
  }),
});

/** The `--json` document. */
export type CheckJson = z.infer<typeof checkJsonSchema>;
/** One guide's entry in {@link CheckJson}. */
export type CheckJsonGuide = z.infer<typeof jsonGuideSchema>;
