/** `paragraph` → ParagraphBlock(s); images inside split the paragraph, `:field`s are set inside its lines. */
import type { Nodes, Paragraph, PhrasingContent } from 'mdast';
import type { Block, Inline, ParagraphBlock, TextStyle } from '../../types/layout-tree.js';
import { image } from './image.js';
import { inlines } from './inline.js';
import { bodyStyle, paragraphSpace, placeOf, type State } from './state.js';
import { trimInlines } from './whitespace.js';
import { FIELD, fieldBlock, fieldInline } from '../../directives/field.js';
import type { TextDirective } from '../../parse/mdast-extra.js';

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

/** Whether a phrasing node is a `:field` text directive. */
function isField(node: PhrasingContent): node is TextDirective {
  return node.type === 'textDirective' && node.name === FIELD;
}

/** Inline runs of phrasing content, with `:field` directives as writing lines inside the text. */
function runsWithFields(segment: readonly PhrasingContent[], base: TextStyle, state: State): Inline[] {
  const out: Inline[] = [];
  let text: PhrasingContent[] = [];
  for (const child of segment) {
    if (!isField(child)) {
      text.push(child);
      continue;
    }
    out.push(...inlines(text, base, state), fieldInline(child, state));
    text = [];
  }
  out.push(...inlines(text, base, state));
  return out;
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
    const content = segment.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    const only = content.length === 1 ? content[0]! : undefined;
    if (only && isField(only)) {
      // a paragraph that is just a field: the field block (label and line to its width)
      out.push(fieldBlock(only, state));
    } else {
      // a fill-in field inside text: a writing line in the sentence
      const runs = trimInlines(runsWithFields(segment, base, state));
      if (runs.length > 0) out.push(paragraphBlock(runs, segment[0] ?? node, state));
    }
    segment = [];
  };
  for (const child of children) {
    if (child.type === 'image') {
      flush();
      out.push(...image(child, state));
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
