/**
 * Extra data the parse stage leaves on the mdast for later stages: the source
 * text (so resolve can position diagnostics inside text nodes and tell escaped
 * `\{{` from variables) and the decorative flag of images.
 */
import type { Root } from 'mdast';
import type { PrintWidth } from '../types/layout-tree.js';

declare module 'mdast' {
  interface RootData {
    /** The Markdown source the tree was parsed from. */
    handoutSource?: string;
  }
  interface ImageData {
    /** Marked `{decorative}` by the author: drawn as an artifact, no alt text needed. */
    decorative?: boolean;
    /** The printed width the author gave (`{width=60%}`, `{width=5cm}`). */
    printWidth?: PrintWidth;
  }
  interface HeadingData {
    /** The heading shows a fill-in value (personal data): its anchor is a neutral id, never derived from its text. */
    neutralAnchor?: boolean;
  }
}

/** The source text a tree was parsed from, when parse recorded it. */
export function sourceOf(root: Root): string | undefined {
  return root.data?.handoutSource;
}
