/** The body of `POST /v1/handouts`, validated with zod (also the source of its OpenAPI schema). */
import * as z from 'zod';

/** Fill-in field names, as in guides (`{{fill.<name>}}`). */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Schema of a handout request. */
export const handoutRequestSchema = z
  .object({
    guide: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
      .describe('guide id (a folder of content/guides)'),
    clinic: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
      .describe('clinic id (a folder of content/clinics)'),
    lang: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/)
      .describe('BCP 47 language tag of the handout'),
    template: z.enum(['handout', 'checklist']).optional().describe('page template (default handout)'),
    largePrint: z.boolean().optional().describe('large-print edition'),
    paper: z.enum(['letter', 'a4']).optional().describe("paper size (default: the clinic's)"),
    fillable: z.boolean().optional().describe('form fields a reader can fill on screen'),
    fill: z
      .record(z.string().regex(FIELD_NAME), z.string().max(2000))
      .refine((r) => Object.keys(r).length <= 64, 'at most 64 fill-in fields')
      .optional()
      .describe('personalised values by field name (personal health information: never logged or stored)'),
  })
  .strict();

/** A validated handout request. */
export type HandoutRequest = z.infer<typeof handoutRequestSchema>;

/** Where a schema error is, as a JSON pointer into the body, and what is wrong (never the value). */
export interface SchemaProblem {
  readonly pointer: string;
  readonly message: string;
}

/** Validates a request body. */
export function parseHandoutRequest(body: unknown): { ok: true; value: HandoutRequest } | { ok: false; problems: SchemaProblem[] } {
  const r = handoutRequestSchema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) => ({
      pointer: '/' + i.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/'),
      // zod messages describe the expectation; they never quote the received value
      message: i.message,
    })),
  };
}
