import path from 'node:path';
import type { Root } from 'mdast';
import { labelsFor } from '../../../src/template/from-mdast/labels.js';
import { localeLoader } from '../../../src/template/locale.js';
import { nodeWorld } from '../../../src/world.js';
import { Diagnostics } from '../../../src/diagnostics.js';
import { parseMarkdown } from '../../../src/parse/processor.js';
import { fromMdast } from '../../../src/template/from-mdast/index.js';
import { themeFor } from '../../../src/template/theme.js';
import type { Brand } from '../../../src/types/brand.js';
import type { ImageAsset } from '../../../src/types/image.js';
import type { Block, Inline } from '../../../src/types/layout-tree.js';

export const BRAND: Brand = {
  id: 'demo',
  file: 'content/clinics/demo/clinic.yaml',
  name: 'Demo Clinic',
  colors: { primary: '#123456', accent: '#EEF2F7', text: '#222222' },
  contact: {},
  paper: 'letter',
};

export const THEME = themeFor(BRAND);
export const FILE = 'guide.md';

/** A fake loaded image of the given pixel size. */
export function asset(width: number, height: number): ImageAsset {
  return { data: Buffer.alloc(0), format: 'png', width, height, key: `k${width}x${height}` };
}

/** Converts Markdown (or a prepared tree) to blocks. */
export function blocks(
  markdown: string | Root,
  images: ReadonlyMap<string, ImageAsset> = new Map(),
  lang = 'en',
  options: { toc?: boolean; align?: 'start' | 'justify' } = {},
) {
  const diags = new Diagnostics();
  const root = typeof markdown === 'string' ? parseMarkdown(markdown) : markdown;
  const labels = labelsFor(localeLoader(nodeWorld, path.resolve('locales'), diags), lang);
  const out = fromMdast(root, { theme: THEME, labels, lang, file: FILE, images, diags, contentWidth: 468, ...options });
  return { blocks: out, diags };
}

/** Plain text of inline runs (breaks as `\n`). */
export function text(inlines: readonly Inline[]): string {
  return inlines
    .map((i) =>
      i.kind === 'text' ? i.text : i.kind === 'break' ? '\n' : i.kind === 'writing-line' ? `{${i.field.labelText}}` : `{${i.field}}`,
    )
    .join('');
}

/** Narrows a block to a kind (fails the test otherwise). */
export function as<K extends Block['kind']>(block: Block | undefined, kind: K): Extract<Block, { kind: K }> {
  if (!block || block.kind !== kind) throw new Error(`expected a ${kind} block, got ${block?.kind}`);
  return block as Extract<Block, { kind: K }>;
}
