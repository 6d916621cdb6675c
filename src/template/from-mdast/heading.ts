/** `heading` → HeadingBlock. */
import type { Heading, Nodes } from 'mdast';
import type { Block, HeadingBlock } from '../../types/layout-tree.js';
import { inlines } from './inline.js';
import { placeOf, style, type State } from './state.js';
import { trimInlines } from './whitespace.js';

/** Builds a heading block of `level` from inline content (also used for generated headings). */
export function headingBlock(level: number, content: readonly Nodes[], node: Nodes | undefined, state: State): HeadingBlock {
  const { theme } = state.ctx;
  const h = theme.headings[Math.min(Math.max(level, 1), theme.headings.length) - 1]!;
  const runs = trimInlines(inlines(content, style('heading', h.size, h.leading, h.color), state));
  const text = runs
    .map((r) => (r.kind === 'text' ? r.text : ' '))
    .join('')
    .trim();
  const neutral = node?.type === 'heading' && node.data?.neutralAnchor === true;
  const anchor = (!neutral && state.slugger.slug(text)) || state.slugger.slug('section');
  return {
    kind: 'heading',
    level,
    inlines: runs,
    anchor,
    text,
    space: { before: h.before, after: h.after },
    place: placeOf(node, state),
    lang: state.ctx.lang,
    outline: true,
  };
}

/** Converts a heading (levels 1–6). */
export function heading(node: Nodes, state: State): Block[] {
  const h = node as Heading;
  return [headingBlock(h.depth, h.children, h, state)];
}
