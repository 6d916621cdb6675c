/** Image checks (alt text, `{decorative}` marker) and loading. */
import type { Image, Root } from 'mdast';
import { walkWhere } from '../parse/walk.js';
import { DEFAULT_IMAGE_LIMITS, loadImage, type ImageLimits } from '../assets/load-image.js';
import type { Diagnostics } from '../diagnostics.js';
import { sourceOf } from '../parse/source-data.js';
import type { ImageAsset } from '../types/image.js';
import type { World } from '../world.js';
import { placeOfNeedle, placeOfNode } from './text-positions.js';
import { readImageAttributes } from './image-attributes.js';
import type { LineIndex } from '../parse/line-index.js';
import type { Text } from 'mdast';

/**
 * Warns about text that looks like an image whose path has a space (`![Chart](fluids chart.png)`): CommonMark
 * prints it literally, so the image would silently be missing.
 */
export function checkImageLookalikes(
  root: Root,
  file: string,
  source: string | undefined,
  index: LineIndex | undefined,
  diags: Diagnostics,
): void {
  walkWhere(root, 'text', (node: Text) => {
    for (const m of node.value.matchAll(/!\[([^\]]*)\]\(\s*([^()<>\s"']+(?:[ \t]+[^()<>\s"']+)+)\s*\)/g)) {
      const target = m[2]!;
      diags.warning(
        placeOfNeedle(node, m[0], file, source, index),
        `\`${m[0]}\` looks like an image, but its path has a space, so it is printed as text; write the path as ` +
          `\`<${target}>\` or \`${target.replace(/[ \t]+/g, '%20')}\``,
        'image-path-space',
      );
    }
  });
}

/** The marker that, written right after an image, declares it decorative. */
export const DECORATIVE_MARKER = '{decorative}';

/**
 * Reads the attribute list after each image (`{decorative}`, `{width=60%}`; see image-attributes.ts)
 * and reports images without alt text (`image-missing-alt`).
 */
export function checkImages(root: Root, file: string, diags: Diagnostics): void {
  const source = sourceOf(root);
  walkWhere(root, 'image', (node: Image, index, parent) => {
    if (index === undefined || !parent) return;
    readImageAttributes(node, index, parent, file, diags, source);
    if (node.alt?.trim() || node.data?.decorative) return;
    diags.error(
      placeOfNode(node, file),
      `image \`${node.url}\` has no alt text; describe what it shows for people using screen readers, e.g. \`![A nurse taking ` +
        `a blood pressure reading](${node.url})\`, or if it only decorates, write \`${DECORATIVE_MARKER}\` right after it: ` +
        `\`![](${node.url})${DECORATIVE_MARKER}\``,
      'image-missing-alt',
    );
  });
}

function filePath(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** Loads every image of `root` once, keyed by its URL as written. */
export async function loadImages(
  root: Root,
  file: string,
  dir: string,
  roots: readonly string[],
  world: World,
  diags: Diagnostics,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<Map<string, ImageAsset>> {
  const first = new Map<string, Image>();
  walkWhere(root, 'image', (node: Image) => {
    if (!first.has(node.url)) first.set(node.url, node);
  });
  const images = new Map<string, ImageAsset>();
  for (const [url, node] of first) {
    const asset = await loadImage(filePath(url), dir, roots, world, placeOfNode(node, file), diags, limits);
    if (asset) images.set(url, asset);
  }
  return images;
}
