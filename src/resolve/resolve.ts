/**
 * Resolve stage: a fresh copy of the parsed tree with references inlined,
 * unsupported nodes removed, variables substituted, typography applied and
 * images loaded; the paper size chosen.
 */
import type { Diagnostics } from '../diagnostics.js';
import { LineIndex } from '../parse/line-index.js';
import { checkHeadingLevels } from './heading-levels.js';
import { sourceOf } from '../parse/source-data.js';
import type { Brand } from '../types/brand.js';
import type { ParsedDocument, ResolvedDocument } from '../types/document.js';
import type { World } from '../world.js';
import type { Settings } from '../settings.js';
import { DEFAULT_IMAGE_LIMITS } from '../assets/load-image.js';
import { checkImageLookalikes, checkImages, loadImages } from './images.js';
import { inlineReferences } from './references.js';
import { applyTypography } from './typography.js';
import { removeUnsupported } from './unsupported.js';
import { FillSlots, restoreFillValues, substituteVariables } from './variables.js';
import { checkLinkTargets } from './link-targets.js';
import { checkDirectives } from './directives.js';
import { cloneTree } from './clone-tree.js';

/** Input of {@link resolve}. */
export interface ResolveInput {
  readonly doc: ParsedDocument;
  readonly brand: Brand;
  /** File access for images. */
  readonly world: World;
  /** Folders images may come from (usually the guide's folder and the content root); empty means the guide's folder. */
  readonly roots: readonly string[];
}

/**
 * Resolves a parsed guide against a clinic's brand. Never mutates `doc`.
 * Problems are recorded in `diags`; returns undefined when any error was
 * recorded (warnings alone still produce a document).
 */
export async function resolve(input: ResolveInput, settings: Settings, diags: Diagnostics): Promise<ResolvedDocument | undefined> {
  const { doc, brand } = input;
  const errorsBefore = diags.errorCount;
  const root = cloneTree(doc.root);
  const source = sourceOf(root);
  const index = source === undefined ? undefined : new LineIndex(source);
  const file = doc.file;

  inlineReferences(root);
  removeUnsupported(root, file, source, diags);
  checkImages(root, file, diags);
  checkImageLookalikes(root, file, source, index, diags);
  checkHeadingLevels(root, file, diags);
  const slots = new FillSlots();
  substituteVariables(root, { brand, meta: doc.meta, fill: settings.fill }, file, source, index, diags, slots, settings.unusedFill);
  checkLinkTargets(root, file, source, index, diags);
  checkDirectives(root, file, diags);
  applyTypography(root, doc.meta.lang);
  restoreFillValues(root, slots); // fill-in values are data: printed exactly as given
  const roots = input.roots.length > 0 ? input.roots : [doc.dir];
  // an image file may be as large as the default guide-file limit; --max-file-size is about the guide
  const imageLimits = { ...DEFAULT_IMAGE_LIMITS, maxPixels: settings.limits.maxImagePixels };
  const images = await loadImages(root, file, doc.dir, roots, input.world, diags, imageLimits);

  const errorsAfter = diags.errorCount;
  if (errorsAfter > errorsBefore) return undefined;
  return { file, dir: doc.dir, meta: doc.meta, root, brand, paper: settings.paper ?? brand.paper, images };
}
