/**
 * `handout serve` worker (a child process run by `tinypool`): builds one personalised handout in
 * memory with {@link buildHandout}. Fonts, templates and decoded clinic assets stay cached in the
 * process across requests, so a warm worker builds without re-reading them. Nothing is written to
 * disk and nothing is logged: the request's fill-in values are personal health information.
 */
import { buildHandout } from '../build.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ServeJob, ServeJobReply } from './types.js';

/** Builds one job. Never throws on bad content (see {@link buildHandout}). */
export async function serveBuild(job: ServeJob): Promise<ServeJobReply> {
  const result = await buildHandout({
    guide: job.guide,
    clinic: job.clinic,
    ...(job.paper ? { paper: job.paper } : {}),
    ...(job.fillable ? { fillable: true } : {}),
    ...(job.archival ? { archival: true } : {}),
    ...(job.translations ? { translations: job.translations } : {}),
    ...(job.template ? { template: job.template } : {}),
    ...(job.largePrint ? { largePrint: true } : {}),
    ...(job.fill ? { fill: job.fill } : {}),
  });
  const diagnostics: Diagnostic[] = result.diagnostics.map((d) => ({ ...d }));
  return result.pdf
    ? { diagnostics, pages: result.pages ?? 0, pdf: new Uint8Array(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength) }
    : { diagnostics, pages: 0 };
}
