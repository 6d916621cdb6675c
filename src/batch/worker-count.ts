/**
 * How many build workers a run starts: no more than pay for themselves. Each worker thread costs about half a second
 * of CPU before it builds at full speed (loading the pipeline, its first documents cold), as much as about 30 small
 * handouts take once warm; a second worker for 20 small outputs in one script only adds that (`--jobs 2` and
 * `--jobs 1` take the same time on the idle 2-core machine). So a run starts one worker, and one more for each
 * {@link WORK_PER_EXTRA_WORKER_MS} of estimated work, up to `--jobs`.
 *
 * Runs that need the CJK fonts besides others once got a second worker all the same: a worker's first Chinese,
 * Japanese or Korean document opened the 19 MB CJK collection (0.3–0.7 s more than another first document), which a
 * second worker did while the first built the rest. That first document now costs far less (the collection is neither
 * hashed, its digest stamped at build, nor its CFF table decoded, `render/pdf-adapter/lazy-cff-subset.ts`), and a
 * second worker no longer pays for itself there either (20 small outputs in English, Spanish, Vietnamese and Korean:
 * 1.35 s with two workers against 1.30 s with one; the seven sample guides, Chinese and Korean among them: 2.27
 * against 2.19 s; alternating rounds), so they are counted like any other.
 */
import { statSync } from 'node:fs';

/** Estimated warm build time of a document besides its text (clinic, templates, fonts, writing the PDF), in ms. */
export const DOC_FIXED_MS = 12;
/** Estimated warm build time per KB of guide text, in ms (the seed guide, 9 KB and five pages: about 50 ms in all). */
export const DOC_PER_KB_MS = 4.5;
/**
 * Estimated work that pays for one more worker, in ms: it saves half of what is left while it costs about a second of
 * CPU to start, so it pays from about two seconds of work (200 seed handouts: 9 s; 1,000 small library outputs: 13 s;
 * 20 small library outputs: 0.3 s, one worker).
 */
export const WORK_PER_EXTRA_WORKER_MS = 2000;

/** The estimated warm build time of `guides` (paths; a guide that is not there counts as empty), in ms. */
export function estimatedWorkMs(guides: readonly string[]): number {
  let ms = 0;
  for (const g of guides) ms += DOC_FIXED_MS + (DOC_PER_KB_MS * (statSync(g, { throwIfNoEntry: false })?.size ?? 0)) / 1024;
  return ms;
}

/** The build workers worth starting for `guides` with at most `jobs` at once (at least one). */
export function workersFor(jobs: number, guides: readonly string[]): number {
  const most = Math.max(1, Math.min(Math.floor(jobs), guides.length));
  if (most === 1) return 1;
  const byWork = 1 + Math.floor(estimatedWorkMs(guides) / WORK_PER_EXTRA_WORKER_MS);
  return Math.min(most, byWork);
}
