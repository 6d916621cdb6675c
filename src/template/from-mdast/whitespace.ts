/** Whitespace handling of inline runs: collapse, and trim at line edges. */
import type { Inline } from '../../types/layout-tree.js';

const RUN = /[ \t\r\n\f]+/g;

/** Collapses runs of ASCII whitespace (soft line breaks included) to one space; keeps no-break spaces. */
export function collapse(text: string): string {
  return text.replace(RUN, ' ');
}

/**
 * Removes spaces at the start and end of a paragraph and around hard
 * breaks, and doubled spaces across run boundaries. Drops empty runs.
 */
export function trimInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  let afterSpace = true;
  for (const inline of inlines) {
    if (inline.kind !== 'text') {
      if (inline.kind === 'break') trimEnd(out);
      out.push(inline);
      afterSpace = inline.kind === 'break';
      continue;
    }
    let text = inline.text;
    if (afterSpace) text = text.replace(/^ /, '');
    if (text === '') continue;
    out.push(text === inline.text ? inline : { ...inline, text });
    afterSpace = text.endsWith(' ');
  }
  trimEnd(out);
  return out;
}

function trimEnd(out: Inline[]): void {
  for (;;) {
    const last = out[out.length - 1];
    if (!last || last.kind !== 'text') return;
    const text = last.text.replace(/ $/, '');
    if (text === last.text) return;
    if (text === '') out.pop();
    else {
      out[out.length - 1] = { ...last, text };
      return;
    }
  }
}
