/** `paragraph` → ParagraphBlock(s); images inside split the paragraph. */
import type { Nodes, Paragraph, PhrasingContent } from 'mdast';
import type { Block, Inline, ParagraphBlock, TextStyle } from '../../types/layout-tree.js';
import { image } from './image.js';
import { inlines } from './inline.js';
import { bodyStyle, paragraphSpace, placeOf, type State } from './state.js';
import { trimInlines } from './whitespace.js';
import { FIELD, fieldBlock } from '../../directives/field.js';

/** A paragraph block of already converted runs. */
export function paragraphBlock(runs: readonly Inline[], node: Nodes | undefined, state: State, hyphenate = true): ParagraphBlock {
  // large print: never hyphenated (state.align is `start` there)
  const hyph = hyphenate && !state.ctx.theme.largePrint;
  return {
    kind: 'paragraph',
    inlines: runs,
    align: state.align,
    space: paragraphSpace(state),
    place: placeOf(node, state),
    lang: state.ctx.lang,
    hyphenate: hyph,
  };
}

/** Converts phrasing content to paragraph blocks, splitting around images. */
export function phrasingBlocks(
  children: readonly PhrasingContent[],
  node: Nodes,
  state: State,
  base: TextStyle = bodyStyle(state),
): Block[] {
  const out: Block[] = [];
  let segment: PhrasingContent[] = [];
  const flush = () => {
    const runs = trimInlines(inlines(segment, base, state));
    if (runs.length > 0) out.push(paragraphBlock(runs, segment[0] ?? node, state));
    segment = [];
  };
  for (const child of children) {
    if (child.type === 'image') {
      flush();
      out.push(...image(child, state));
    } else if (child.type === 'textDirective' && child.name === FIELD) {
      // a fill-in field inside text: the text around it stays, the field gets its own line
      flush();
      out.push(fieldBlock(child, state));
    } else segment.push(child);
  }
  flush();
  return out;
}

/** Converts a paragraph. */
export function paragraph(node: Nodes, state: State): Block[] {
  const p = node as Paragraph;
  return phrasingBlocks(p.children, p, state);
}
