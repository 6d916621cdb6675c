/** `image` → ImageBlock (scaled to at most its natural size at 96 dpi). */
import type { Image, Nodes } from 'mdast';
import '../../parse/source-data.js';
import type { Block } from '../../types/layout-tree.js';
import { inlines } from './inline.js';
import { paragraphSpace, placeOf, style, type State } from './state.js';
import { trimInlines } from './whitespace.js';
import { LAYOUT_TOKENS } from '../theme.js';

/** Points per CSS pixel (96 dpi). */
const PT_PER_PX = 72 / 96;

/** Converts an image. An image that was not loaded keeps its alt text as a paragraph. */
export function image(node: Nodes, state: State): Block[] {
  const img = node as Image;
  const { ctx } = state;
  const place = placeOf(img, state);
  const asset = ctx.images.get(img.url);
  const decorative = img.data?.decorative === true;
  if (!asset) {
    ctx.diags.warning(place, `image \`${img.url}\` was not loaded; its alt text is printed instead`, 'unsupported-node');
    const text = img.alt ?? '';
    if (!text.trim()) return [];
    const body = ctx.theme.body;
    return [
      {
        kind: 'paragraph',
        inlines: trimInlines(inlines([{ type: 'text', value: text }], style('italic', body.size, body.leading, body.color), state)),
        align: 'start',
        space: paragraphSpace(state),
        place,
        lang: ctx.lang,
        hyphenate: true,
      },
    ];
  }
  const cap = ctx.theme.caption;
  const caption = img.title
    ? trimInlines(inlines([{ type: 'text', value: img.title }], style('italic', cap.size, cap.leading, cap.color), state))
    : undefined;
  return [
    {
      kind: 'image',
      image: asset,
      alt: decorative ? '' : (img.alt ?? ''),
      decorative,
      ...(caption && caption.length > 0 ? { caption } : {}),
      maxWidth: Math.min(ctx.contentWidth, asset.width * PT_PER_PX),
      ...(img.data?.printWidth ? { printWidth: img.data.printWidth } : {}),
      inGuide: true,
      align: 'center',
      space: { before: 0, after: ctx.theme.paragraphAfter },
      place,
      captionGap: LAYOUT_TOKENS.captionGap,
    },
  ];
}
