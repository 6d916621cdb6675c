/**
 * `handout build`'s one guard against overwriting a handout silently, run before anything is built: the output
 * each guide will write (`<id>.<lang>[.checklist][.large].pdf`) is planned from its front matter, and a guide is
 * refused when another input of the run maps to the same output (both are refused, naming each other) or when the
 * folder's manifest records that output for another clinic profile.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { guideIdPlace } from '../batch/guide-id-place.js';
import { clinicIdOf } from '../brand/clinic-id.js';
import { frontMatterKeyPlace, readGuideMeta, sourceGuideOf } from '../i18n/translation-status.js';
import { languageOfFileName, YAML_OPTIONS } from '../parse/front-matter.js';
import { openFrontMatterStore, saveFrontMatterStore } from '../parse/front-matter-store.js';
import { compileCacheDir } from '../batch/compile-cache.js';

/**
 * The output a guide will write in `outDir` (`suffix` before `.pdf`), or undefined when its front matter does not
 * say (its build reports why).
 */
export function plannedOutput(guide: string, outDir: string, suffix = ''): string | undefined {
  const own = existsSync(guide) ? readGuideMeta(guide) : undefined;
  const named = languageOfFileName(guide);
  // a missing translation built with a policy writes the source guide's id in the file's language
  const meta = own ?? (named ? readGuideMeta(sourceGuideOf(guide)) : undefined);
  if (!meta) return undefined;
  return path.join(outDir, `${meta.id}.${own ? meta.lang : named}${suffix}.pdf`);
}

/** A guide refused before the build. */
export interface OutputCollision {
  /** The output it would have written. */
  readonly target: string;
  readonly diagnostic: Diagnostic;
  /**
   * Whether the old output goes: yes when two inputs of this run claim it (whichever it came from, it is stale),
   * no when it holds another clinic's handout (that handout is not this run's to remove).
   */
  readonly removeOld: boolean;
}

/** What {@link outputCollisions} needs besides the guides. */
export interface CollisionContext {
  /** The output folder. */
  readonly outDir: string;
  /** Between `<id>.<lang>` and `.pdf` (`.checklist`, `.large`). */
  readonly suffix: string;
  /** The clinic profile of this run. */
  readonly clinic: string;
  /** The clinic profile the folder's manifest records for an output (absolute), if any. */
  readonly recordedClinic: (target: string) => string | undefined;
  /** Formats a path for a message. */
  readonly shown: (file: string) => string;
}

/**
 * How many of the other guides claiming an output a refusal names (the rest are counted): 200 guides with one id print
 * 200 short lines, not 200 lists of 199 paths.
 */
export const OTHERS_NAMED = 3;

/** The guides of `list` other than `guide`, the first {@link OTHERS_NAMED} named (`` `a`, `b`, `c` and 5 others ``). */
function othersNamed(list: readonly string[], guide: string, shown: (file: string) => string): string {
  const named: string[] = [];
  for (const o of list) {
    if (o === guide) continue;
    if (named.length === OTHERS_NAMED) break;
    named.push(`\`${shown(o)}\``);
  }
  const rest = list.length - 1 - named.length;
  if (rest === 0) return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
  return `${named.join(', ')} and ${rest} ${rest === 1 ? 'other' : 'others'}`;
}

/**
 * Opens the store of front matter read before (`parse/front-matter-store.ts`) in the user's cache folder, unless the
 * compile cache is turned off: a library whose guides did not change is checked without reading their YAML again.
 */
function openStore(): void {
  const dir = compileCacheDir();
  if (dir !== undefined) openFrontMatterStore(dir, JSON.stringify(YAML_OPTIONS));
}

/** Every guide (absolute paths) that must not be built, with why. */
export function outputCollisions(guides: readonly string[], ctx: CollisionContext): Map<string, OutputCollision> {
  openStore();
  const planned = guides.map((g) => plannedOutput(g, ctx.outDir, ctx.suffix));
  saveFrontMatterStore();
  return collisionsAmong(guides, planned, ctx);
}

/** How long {@link outputCollisionsInSlices} reads front matter before it lets the event loop run, in ms. */
export const SLICE_MS = 4;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * {@link outputCollisions}, the same result, read in slices of about {@link SLICE_MS} with the event loop let run
 * between them (and before the first): reading and validating 1,000 guides' front matter takes about a second, during
 * which the build workers, given their first documents, would otherwise wait for this thread to hand them the next.
 */
export async function outputCollisionsInSlices(guides: readonly string[], ctx: CollisionContext): Promise<Map<string, OutputCollision>> {
  const planned: (string | undefined)[] = [];
  await nextTurn();
  openStore();
  let sliceStart = performance.now();
  for (const g of guides) {
    planned.push(plannedOutput(g, ctx.outDir, ctx.suffix));
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await nextTurn();
    sliceStart = performance.now();
  }
  saveFrontMatterStore();
  return collisionsAmong(guides, planned, ctx);
}

/** The collisions of `guides`, whose planned outputs are `planned` (same order). */
function collisionsAmong(
  guides: readonly string[],
  planned: readonly (string | undefined)[],
  ctx: CollisionContext,
): Map<string, OutputCollision> {
  const { shown } = ctx;
  const byTarget = new Map<string, string[]>();
  for (let i = 0; i < guides.length; i++) {
    const g = guides[i]!;
    const t = planned[i];
    if (t === undefined) continue;
    const list = byTarget.get(t);
    if (list) list.push(g);
    else byTarget.set(t, [g]);
  }
  const out = new Map<string, OutputCollision>();
  for (const [target, list] of byTarget) {
    if (list.length > 1) {
      for (const g of list) {
        const message =
          list.length === 2
            ? `this guide and ${othersNamed(list, g, shown)} would both be written to \`${shown(target)}\`, and one would overwrite the ` +
              `other; give each guide its own \`id\` (and file name per language), or build them in separate runs with different ` +
              `--out-dir; neither is built`
            : `this guide and ${othersNamed(list, g, shown)} would all be written to \`${shown(target)}\`, and each would overwrite ` +
              `the others; give each guide its own \`id\` (and file name per language), or build them in separate runs with ` +
              `different --out-dir; none of them is built`;
        const diagnostic: Diagnostic = { ...frontMatterKeyPlace(g, 'id'), severity: 'error', message, ruleId: 'output-collision' };
        out.set(g, { target, diagnostic, removeOld: true });
      }
      continue;
    }
    const recorded = ctx.recordedClinic(target);
    if (recorded === undefined || recorded === path.resolve(ctx.clinic) || !existsSync(target)) continue;
    const g = list[0]!;
    const message =
      `\`${shown(target)}\` holds the handout for clinic profile \`${shown(recorded)}\`; not overwriting it with the one for ` +
      `\`${shown(ctx.clinic)}\`: use a folder per clinic (\`--out-dir out/${clinicIdOf(ctx.clinic)}\`) or \`handout batch\``;
    const diagnostic: Diagnostic = { file: g, ...guideIdPlace(g), severity: 'error', message, ruleId: 'output-collision' };
    out.set(g, { target, diagnostic, removeOld: false });
  }
  return out;
}
