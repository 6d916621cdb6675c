/**
 * The quote pass of retext-smartypants 6 (`quotes` only: no dashes, ellipses or backticks), run without unified:
 * the text parsed by parse-latin (as retext-latin does), every punctuation and symbol node given to the library's
 * own quote rule (copied below, unchanged but for types), and the tree printed back with nlcst-to-string (as
 * retext-stringify does). The library walks the natural-language tree with unist-util-visit, whose closure,
 * ancestors array and `defineProperty` per node (a guide has thousands: every word, space and mark) made about
 * 3 MB of garbage per new guide text. `tests/resolve/smart-quotes.test.ts` checks it against the library.
 *
 * The quote rule is retext-smartypants' `quotesDefault` (MIT, © Titus Wormer).
 */
import type { Parent, Punctuation, Root, Symbol as NlcstSymbol } from 'nlcst';
import { toString } from 'nlcst-to-string';
import { ParseLatin } from 'parse-latin';

/** Quote characters: index 0 double, 1 single. */
export interface QuoteState {
  readonly open: readonly [string, string];
  readonly close: readonly [string, string];
}

/** `text` with its straight quotes educated as retext-smartypants' quote pass would. */
export function educateQuotes(text: string, state: QuoteState): string {
  const tree: Root = new ParseLatin().parse(text);
  educate(tree, state);
  return toString(tree);
}

/** unist-util-visit's order: each node, then its children, then the next sibling (children read again at every step). */
function educate(parent: Parent, state: QuoteState): void {
  const siblings = parent.children;
  for (let i = 0; i < siblings.length; i++) {
    const node = siblings[i]!;
    if (node.type === 'PunctuationNode' || node.type === 'SymbolNode') quotesDefault(state, node, i, parent);
    if ('children' in node) educate(node, state);
  }
}

/** retext-smartypants 6.2 `quotesDefault`. */
function quotesDefault(state: QuoteState, node: Punctuation | NlcstSymbol, index: number, parent: Parent): void {
  const siblings = parent.children;
  const value = node.value;

  if (value !== '"' && value !== "'") {
    return;
  }

  const quoteIndex = value === '"' ? 0 : 1;
  const previous = siblings[index - 1];
  const next = siblings[index + 1];
  const nextNext = siblings[index + 2];
  const nextValue = next ? toString(next) : '';

  if (next && (next.type === 'PunctuationNode' || next.type === 'SymbolNode') && (!nextNext || nextNext.type !== 'WordNode')) {
    // Special case if the very first character is a quote followed by
    // punctuation at a non-word-break. Close the quotes by brute force.
    node.value = state.close[quoteIndex];
  } else if (
    next &&
    (next.type === 'PunctuationNode' || next.type === 'SymbolNode') &&
    (nextValue === '"' || nextValue === "'") &&
    nextNext &&
    nextNext.type === 'WordNode'
  ) {
    // Special case for double sets of quotes:
    // `He said, "'Quoted' words in a larger quote."`
    node.value = state.open[quoteIndex];
    next.value = state.open[nextValue === '"' ? 0 : 1];
  } else if (next && /^\d\ds$/.test(nextValue)) {
    // Special case for decade abbreviations: `the '80s`
    node.value = state.close[quoteIndex];
  } else if (
    previous &&
    (previous.type === 'WhiteSpaceNode' || previous.type === 'PunctuationNode' || previous.type === 'SymbolNode') &&
    next &&
    next.type === 'WordNode'
  ) {
    // Get most opening single quotes.
    node.value = state.open[quoteIndex];
  } else if (previous && previous.type !== 'WhiteSpaceNode' && previous.type !== 'SymbolNode' && previous.type !== 'PunctuationNode') {
    // Closing quotes.
    node.value = state.close[quoteIndex];
  } else if (!next || next.type === 'WhiteSpaceNode' || (value === "'" && nextValue === 's')) {
    node.value = state.close[quoteIndex];
  } else {
    node.value = state.open[quoteIndex];
  }
}
