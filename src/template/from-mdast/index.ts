/**
 * Template stage, Markdown side: mdast → layout blocks with concrete styles
 * from the theme. One small handler per node type (see `handlers.ts`).
 */
import type { FootnoteDefinition, Nodes, Root } from 'mdast';
import GithubSlugger from 'github-slugger';
import { walkWhere } from '../../parse/walk.js';
import { fileStart } from '../../diagnostics.js';
import type { Block } from '../../types/layout-tree.js';
import { endnotes } from './footnotes.js';
import { HANDLERS } from './handlers.js';
import { placeOf, type FromMdastContext, type State } from './state.js';
import { unknown } from './unknown.js';
import { frontMatterOptions, tocBlocks } from './toc.js';
import { checklistBody } from '../checklist-template.js';

export type { FromMdastContext } from './state.js';

/**
 * Converts a resolved guide's mdast to body blocks (endnotes appended when
 * footnotes are used; a table of contents first when the front matter says
 * `toc: true`).
 */
export function fromMdast(root: Root, ctx: FromMdastContext): Block[] {
  const footnoteDefs = new Map<string, FootnoteDefinition>();
  walkWhere(root, 'footnoteDefinition', (d: FootnoteDefinition) => {
    if (!footnoteDefs.has(d.identifier)) footnoteDefs.set(d.identifier, d);
  });
  const options = frontMatterOptions(ctx);
  const state: State = {
    ctx,
    align: options.align,
    slugger: new GithubSlugger(),
    footnoteDefs,
    footnoteNumbers: new Map(),
    listDepth: 0,
    tight: false,
    one(node: Nodes): Block[] {
      const handler = Object.prototype.hasOwnProperty.call(HANDLERS, node.type) ? HANDLERS[node.type] : undefined;
      return handler ? handler(node, state) : unknown(node, state);
    },
    all(nodes: readonly Nodes[]): Block[] {
      return nodes.flatMap((n) => state.one(n));
    },
  };
  if (ctx.template === 'checklist') {
    const body = checklistBody(root, state);
    if (body.length === 0) {
      ctx.diags.error(
        fileStart(ctx.file),
        'the checklist template needs checklist items, and this guide has none; add a task list (`- [ ] Arrange a ride home`) ' +
          'or a `:::checklist` block, or build it as a handout',
        'checklist-empty',
      );
    }
    return body;
  }
  const blocks = state.all(root.children);
  blocks.push(...endnotes(state));
  for (const [id, def] of footnoteDefs) {
    if (!state.footnoteNumbers.has(id)) {
      ctx.diags.warning(
        placeOf(def, state),
        `footnote \`[^${def.label ?? id}]\` is defined but never referenced, so it is not printed; reference it with ` +
          `\`[^${def.label ?? id}]\` in the text or remove it`,
        'unused-footnote',
      );
    }
  }
  return options.toc ? [...tocBlocks(blocks, state), ...blocks] : blocks;
}
