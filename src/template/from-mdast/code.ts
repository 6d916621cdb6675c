/** Fenced/indented `code` → a boxed mono paragraph, one line per source line. */
import type { Code, Nodes } from 'mdast';
import type { Block, Inline } from '../../types/layout-tree.js';
import { placeOf, style, type State } from './state.js';
import { LAYOUT_TOKENS } from '../theme.js';

/** Converts a code block; every line is kept (tabs become four spaces). */
export function code(node: Nodes, state: State): Block[] {
  const c = node as Code;
  const { theme } = state.ctx;
  const mono = style('mono', theme.body.size * theme.codeScale, theme.body.leading, theme.body.color);
  const place = placeOf(c, state);
  const runs: Inline[] = [];
  c.value.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (i > 0) runs.push({ kind: 'break', style: mono });
    const text = line.replace(/\t/g, '    ');
    if (text) runs.push({ kind: 'text', text, style: mono, place: { ...place, line: place.line + 1 + i } });
  });
  return [
    {
      kind: 'quote',
      role: 'quote',
      blocks: [
        { kind: 'paragraph', inlines: runs, align: 'start', space: { before: 0, after: 0 }, place, lang: state.ctx.lang, hyphenate: false },
      ],
      barColor: theme.rule.color,
      background: theme.accent,
      padding: theme.quote.padding,
      barWidth: LAYOUT_TOKENS.quoteBar,
      space: { before: 0, after: theme.paragraphAfter },
      place,
    },
  ];
}
