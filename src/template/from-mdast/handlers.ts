/** Handler map: mdast node type → converter (like mdast-util-to-hast's `handlers`). */
import type { Block } from '../../types/layout-tree.js';
import { blockquote } from './blockquote.js';
import { code } from './code.js';
import { containerDirective } from './container-directive.js';
import { footnoteDefinition } from './footnotes.js';
import { heading } from './heading.js';
import { image } from './image.js';
import { leafDirective } from './leaf-directive.js';
import { list } from './list.js';
import { paragraph } from './paragraph.js';
import type { Handler } from './state.js';
import { table } from './table.js';
import { thematicBreak } from './thematic-break.js';

const nothing = (): Block[] => [];

/** Block handlers by node type; types not listed go to `unknown`. */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  heading,
  paragraph,
  list,
  blockquote,
  containerDirective,
  leafDirective,
  thematicBreak,
  image,
  table,
  code,
  footnoteDefinition,
  // Metadata, not content.
  yaml: nothing,
  definition: nothing,
};
