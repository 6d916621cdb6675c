/**
 * Before a multi-guide build: the output file each guide will write
 * (`<id>.<lang>.pdf`), so that two inputs mapping to one output are refused
 * (naming both) instead of the second silently overwriting the first.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { frontMatterKeyPlace, readGuideMeta, sourceGuideOf } from '../i18n/translation-status.js';
import { languageOfFileName } from '../parse/front-matter.js';

/** The output a guide will write in `outDir`, or undefined when its front matter does not say (its build reports why). */
export function plannedOutput(guide: string, outDir: string): string | undefined {
  const own = existsSync(guide) ? readGuideMeta(guide) : undefined;
  const named = languageOfFileName(guide);
  // a missing translation built with a policy writes the source guide's id in the file's language
  const meta = own ?? (named ? readGuideMeta(sourceGuideOf(guide)) : undefined);
  if (!meta) return undefined;
  return path.join(outDir, `${meta.id}.${own ? meta.lang : named}.pdf`);
}

/**
 * For every guide whose output is also another guide's output: an error at its `id` line naming the other
 * inputs and the shared output. Guides are absolute paths; `shown` formats a path for the message.
 */
export function outputCollisions(
  guides: readonly string[],
  outDir: string,
  shown: (file: string) => string,
): Map<string, { target: string; diagnostic: Diagnostic }> {
  const byTarget = new Map<string, string[]>();
  for (const g of guides) {
    const t = plannedOutput(g, outDir);
    if (t === undefined) continue;
    const list = byTarget.get(t);
    if (list) list.push(g);
    else byTarget.set(t, [g]);
  }
  const out = new Map<string, { target: string; diagnostic: Diagnostic }>();
  for (const [target, list] of byTarget) {
    if (list.length < 2) continue;
    for (const g of list) {
      const others = list
        .filter((o) => o !== g)
        .map((o) => `\`${shown(o)}\``)
        .join(', ');
      const message =
        `this guide and ${others} would both be written to \`${shown(target)}\`, and one would overwrite the ` +
        `other; give each guide its own \`id\` (and file name per language), or build them in separate runs with different ` +
        `--out-dir; neither is built`;
      out.set(g, { target, diagnostic: { ...frontMatterKeyPlace(g, 'id'), severity: 'error', message, ruleId: 'output-collision' } });
    }
  }
  return out;
}
