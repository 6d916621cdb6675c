/** Image checks (alt text, `{decorative}` marker) and loading. */
import type { Image, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { DEFAULT_IMAGE_LIMITS, loadImage, type ImageLimits } from '../assets/load-image.js';
import type { Diagnostics } from '../diagnostics.js';
import '../parse/source-data.js';
import type { ImageAsset } from '../types/image.js';
import type { World } from '../world.js';
import { placeOfNeedle, placeOfNode } from './text-positions.js';
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
  visit(root, 'text', (node: Text) => {
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
 * Strips `{decorative}` markers (recording `image.data.decorative = true`)
 * and reports images without alt text (`image-missing-alt`).
 */
export function checkImages(root: Root, file: string, diags: Diagnostics): void {
  visit(root, 'image', (node: Image, index, parent) => {
    if (index === undefined || !parent) return;
    const next = parent.children[index + 1];
    if (next?.type === 'text' && next.value.startsWith(DECORATIVE_MARKER)) {
      next.value = next.value.slice(DECORATIVE_MARKER.length);
      if (next.position?.start.offset !== undefined) {
        next.position = {
          start: {
            ...next.position.start,
            column: next.position.start.column + DECORATIVE_MARKER.length,
            offset: next.position.start.offset + DECORATIVE_MARKER.length,
          },
          end: next.position.end,
        };
      }
      if (next.value === '') parent.children.splice(index + 1, 1);
      node.data = { ...node.data, decorative: true };
    }
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
  visit(root, 'image', (node: Image) => {
    if (!first.has(node.url)) first.set(node.url, node);
  });
  const images = new Map<string, ImageAsset>();
  for (const [url, node] of first) {
    const asset = await loadImage(filePath(url), dir, roots, world, placeOfNode(node, file), diags, limits);
    if (asset) images.set(url, asset);
  }
  return images;
}
