/** Phrasing content → inline runs with concrete styles. */
import { findDirective } from '../../directives/registry.js';
import type { Nodes, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { FontFace, Inline, TextStyle } from '../../types/layout-tree.js';
import { placeOf, type State } from './state.js';
import { collapse } from './whitespace.js';

function withFace(current: FontFace, add: 'bold' | 'italic'): FontFace {
  switch (current) {
    case 'regular':
      return add;
    case 'bold':
      return add === 'italic' ? 'boldItalic' : 'bold';
    case 'heading':
      return add === 'italic' ? 'boldItalic' : 'heading';
    case 'italic':
      return add === 'bold' ? 'boldItalic' : 'italic';
    default:
      return current;
  }
}

/** Number of a footnote, assigned on first reference. */
export function footnoteNumber(identifier: string, state: State): number {
  let n = state.footnoteNumbers.get(identifier);
  if (n === undefined) {
    n = state.footnoteNumbers.size + 1;
    state.footnoteNumbers.set(identifier, n);
  }
  return n;
}

/** Converts phrasing nodes to inline runs in `style` (whitespace collapsed, not trimmed). */
export function inlines(nodes: readonly (PhrasingContent | Nodes)[], style: TextStyle, state: State): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) out.push(...inline(node, style, state));
  return out;
}

function inline(node: PhrasingContent | Nodes, style: TextStyle, state: State): Inline[] {
  const { theme } = state.ctx;
  switch (node.type) {
    case 'text':
      return [{ kind: 'text', text: collapse(node.value), style, place: placeOf(node, state) }];
    case 'strong':
      return inlines(node.children, { ...style, face: withFace(style.face, 'bold') }, state);
    case 'emphasis':
      return inlines(node.children, { ...style, face: withFace(style.face, 'italic') }, state);
    case 'delete':
      return inlines(node.children, { ...style, strike: true }, state);
    case 'inlineCode':
      return [
        {
          kind: 'text',
          text: collapse(node.value),
          style: { ...style, face: 'mono', size: style.size * theme.codeScale },
          place: placeOf(node, state),
        },
      ];
    case 'link':
      return inlines(node.children, { ...style, link: node.url, color: theme.link, underline: true }, state);
    case 'break':
      return [{ kind: 'break', style }];
    case 'footnoteReference':
      return [
        {
          kind: 'text',
          text: `[${footnoteNumber(node.identifier, state)}]`,
          style: { ...style, size: Math.min(style.size, theme.small.size) },
          place: placeOf(node, state),
        },
      ];
    case 'image':
      // Images inside headings or table cells: their alt text stands in.
      return node.alt && !node.data?.decorative ? [{ kind: 'text', text: collapse(node.alt), style, place: placeOf(node, state) }] : [];
    case 'html': {
      const text = node.value.replace(/<[^>]*>/g, '');
      state.ctx.diags.warning(
        placeOf(node, state),
        `raw HTML \`${node.value}\` is not supported; only its text is printed`,
        'unsupported-html',
      );
      return text ? [{ kind: 'text', text: collapse(text), style, place: placeOf(node, state) }] : [];
    }
    case 'textDirective': {
      // a registered text directive (checked by resolve), e.g. `:lang[…]{lang=xx}`
      const spec = findDirective('text', node.name);
      const converted = spec?.inline?.(node, style, (nodes, s) => inlines(nodes, s, state));
      if (converted) return converted;
      // Otherwise normally restored by resolve; a colon inside text (`9:00`) must never vanish.
      const name: Inline = { kind: 'text', text: `:${node.name}`, style, place: placeOf(node, state) };
      if (node.children.length === 0) return [name];
      return [{ ...name, text: `${name.text}[` }, ...inlines(node.children, style, state), { kind: 'text', text: ']', style }];
    }
    default: {
      if ('children' in node && Array.isArray(node.children)) return inlines(node.children as Nodes[], style, state);
      const text = toString(node);
      return text ? [{ kind: 'text', text: collapse(text), style, place: placeOf(node, state) }] : [];
    }
  }
}
