/**
 * The pipeline, top to bottom: one line per stage. Stages never import each
 * other; they meet only through the boundary types in `src/types/`. Each
 * stage takes `(input, settings, diagnostics)`.
 */
import type { Diagnostics } from './diagnostics.js';
import type { Brand } from './types/brand.js';
import type { GuideMeta } from './types/document.js';
import type { World } from './world.js';
import type { FontBook } from './layout/fonts/font-book.js';
import type { Settings } from './settings.js';
import { parseCached } from './parse/parse-cache.js';
import { resolve } from './resolve/resolve.js';
import { applyTemplate } from './template/apply-template.js';
import { layout } from './layout/layout.js';
import { render } from './render/render.js';
import { checkSourceNesting, checkTreeNesting } from './resolve/nesting.js';
import { checkFillGlyphs } from './fill-glyphs.js';
import { checkClinicFontCoverage } from './brand/clinic-fonts.js';

/** Everything one document build needs besides its {@link Settings} (all I/O already done, except confined image reads). */
export interface PipelineInput {
  readonly file: string;
  readonly source: string;
  readonly brand: Brand;
  readonly world: World;
  /** Folders the guide's images may come from. */
  readonly roots: readonly string[];
  readonly fonts: FontBook;
}

/** Result of one document build. */
export interface PipelineOutput {
  readonly pdf?: Buffer;
  readonly meta?: GuideMeta;
  readonly pages?: number;
  readonly breakViolations?: number;
}

/**
 * Runs the five stages; problems go to `diags`, and no bytes come back after an error. A stage
 * that cannot go on returns undefined after recording an error (see `diagnostics.ts`).
 */
export async function runPipeline(input: PipelineInput, settings: Settings, diags: Diagnostics): Promise<PipelineOutput> {
  const depth = settings.limits.maxNestingDepth;
  const nestingOk = checkSourceNesting(input.file, input.source, depth, diags);
  // Markdown → mdast + validated front matter (remembered per guide text: see parse-cache.ts)
  const parsed = nestingOk ? parseCached(input.file, input.source, diags) : undefined;
  if (!parsed || diags.hasErrors || !checkTreeNesting(input.file, parsed.root, depth, diags)) return parsed ? { meta: parsed.meta } : {};
  const { brand, world, roots, fonts } = input;
  if (brand.fonts && !checkClinicFontCoverage(brand, parsed.meta.lang, diags)) return { meta: parsed.meta };
  if (!checkFillGlyphs(settings.fill, input.file, input.source, parsed.meta.lang, fonts, diags)) return { meta: parsed.meta };
  const resolved = await resolve({ doc: parsed, brand, world, roots }, settings, diags); // variables, images, typography
  if (!resolved || diags.hasErrors) return { meta: parsed.meta };
  const tree = applyTemplate({ doc: resolved, world }, settings, diags); // Handlebars chrome + mdast → blocks
  if (!tree || diags.hasErrors) return { meta: parsed.meta };
  const paged = layout({ tree, fonts }, settings, diags); // measure, shape, break lines and pages
  if (!paged || diags.hasErrors) return { meta: parsed.meta };
  const fillable = settings.fillable || parsed.meta.fillable === true;
  const pdf = await render({ paged, fonts, fillable }, settings); // draw with PDFKit
  return { pdf, meta: parsed.meta, pages: paged.pages.length, breakViolations: paged.breakViolations.length };
}
