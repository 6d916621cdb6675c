/** Whitespace handling of inline runs: collapse, and trim at line edges. */
import type { Inline } from '../../types/layout-tree.js';

const RUN = /[ \t\r\n\f]+/g;

/** Whether `text` has a run of whitespace other than one space (what {@link collapse} changes), tested without a regex. */
function hasLongRun(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || (c === 0x20 && text.charCodeAt(i + 1) === 0x20)) return true;
  }
  return false;
}

/**
 * Collapses runs of ASCII whitespace (soft line breaks included) to one space; keeps no-break spaces. Text whose
 * runs are all single spaces comes back as it is (most text: the replace made a new string of every one).
 */
export function collapse(text: string): string {
  return hasLongRun(text) ? text.replace(RUN, ' ') : text;
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
