/**
 * The pipeline, top to bottom: one line per stage. Stages never import each
 * other; they meet only through the boundary types in `src/types/`.
 */
import { Diagnostics, ContentError } from './diagnostics.js';
import type { Brand, PaperName } from './types/brand.js';
import type { GuideMeta } from './types/document.js';
import type { World } from './world.js';
import type { FontBook } from './layout/fonts/font-book.js';
import { parse } from './parse/parse.js';
import { resolve } from './resolve/resolve.js';
import { applyTemplate } from './template/apply-template.js';
import { layout } from './layout/layout.js';
import { render } from './render/render.js';
import { checkSourceNesting, checkTreeNesting } from './resolve/nesting.js';
import { DEFAULT_LIMITS } from './limits.js';

/** Everything one document build needs (all I/O already done, except confined image reads). */
export interface PipelineInput {
  readonly file: string;
  readonly source: string;
  readonly brand: Brand;
  readonly paper?: PaperName;
  readonly world: World;
  /** Folders the guide's images may come from. */
  readonly roots: readonly string[];
  readonly fonts: FontBook;
  readonly created: (meta: GuideMeta) => Date;
  readonly templateDirs: readonly string[];
  readonly archival?: boolean;
  readonly maxPages?: number;
  /** Deepest nesting of lists, quotes and callouts (default {@link DEFAULT_LIMITS}). */
  readonly maxNestingDepth?: number;
  /** Largest decoded image in pixels (default {@link DEFAULT_LIMITS}). */
  readonly maxImagePixels?: number;
  /** Personalised fill-in values for `{{fill.<name>}}` (never logged). */
  readonly fill?: Readonly<Record<string, string>>;
  /** Set when this build stands in for a missing or stale translation (policy `fallback`). */
  readonly patientLanguage?: string;
  /** Task-list checkboxes become form fields (also turned on by the guide's `fillable: true`). */
  readonly fillable?: boolean;
  /** `checklist`: a printable checklist of the guide's checklist items (default: the guide's `template`). */
  readonly template?: 'handout' | 'checklist';
  /** Large print (18 pt body, everything scaled, a new layout). */
  readonly largePrint?: boolean;
}

/** Result of one document build. */
export interface PipelineOutput {
  readonly pdf?: Buffer;
  readonly meta?: GuideMeta;
  readonly pages?: number;
  readonly breakViolations?: number;
}

/** Runs the five stages; problems go to `diags`, and no bytes come back after an error. */
export async function runPipeline(input: PipelineInput, diags: Diagnostics): Promise<PipelineOutput> {
  try {
    const depth = input.maxNestingDepth ?? DEFAULT_LIMITS.maxNestingDepth;
    const parsed = checkSourceNesting(input.file, input.source, depth, diags) ? parse(input.file, input.source, diags) : undefined; // Markdown → mdast + validated front matter
    if (!parsed || diags.hasErrors || !checkTreeNesting(input.file, parsed.root, depth, diags)) return parsed ? { meta: parsed.meta } : {};
    const resolved = await resolve(parsed, input.brand, { world: input.world, roots: input.roots, ...(input.paper ? { paper: input.paper } : {}), ...(input.fill ? { fill: input.fill } : {}), ...(input.maxImagePixels ? { maxImagePixels: input.maxImagePixels } : {}) }, diags); // variables, images, typography
    if (!resolved || diags.hasErrors) return { meta: parsed.meta };
    const tree = applyTemplate(resolved, { diags, created: input.created(parsed.meta), overrideDirs: input.templateDirs, ...(input.patientLanguage ? { patientLanguage: input.patientLanguage } : {}), ...(input.template ? { template: input.template } : {}), ...(input.largePrint ? { largePrint: true } : {}) }); // Handlebars chrome + mdast → blocks
    if (!tree || diags.hasErrors) return { meta: parsed.meta };
    const paged = layout(tree, { fonts: input.fonts, diags, ...(input.maxPages ? { maxPages: input.maxPages } : {}) }); // measure, shape, break lines and pages
    if (!paged || diags.hasErrors) return { meta: parsed.meta };
    const fillable = input.fillable === true || parsed.meta.fillable === true;
    const pdf = await render(paged, { fonts: input.fonts, archival: input.archival ?? false, ...(fillable ? { fillable } : {}) }); // draw with PDFKit
    return { pdf, meta: parsed.meta, pages: paged.pages.length, breakViolations: paged.breakViolations.length };
  } catch (e) {
    if (e instanceof ContentError) return {};
    throw e;
  }
}
