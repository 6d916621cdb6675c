/**
 * Smart quotes, dashes and ellipses over an mdast tree — the same result as
 * remark-smartypants 3 (whose algorithm this follows), at a fraction of the cost.
 *
 * remark-smartypants concatenates the text of the whole tree, runs retext
 * over it once for the quotes (they need the context across links and
 * emphasis), and then runs retext again on every text node for dashes and
 * ellipses. That second pass parsed each node into a natural-language tree
 * even when it held no `--` and no dots: most of the cost of typography. Here
 * it runs only on nodes where a dash or an ellipsis can occur (two hyphens in
 * a row, an en dash followed by a hyphen, or three dots), and the quote pass
 * is skipped when the text has no straight quote. Both skips are exact: a
 * retext pass that changes nothing gives back its input.
 *
 * retext-smartypants 6.2 prints `drop <node>` to stdout with `console.log`
 * whenever it merges an en dash and a hyphen (`–-` → `—`); that debugging
 * line would land in `handout build`'s output, so it is silenced around the
 * (synchronous) dash pass.
 */
import type { Root, Text } from 'mdast';
import type { Node, Parent } from 'unist';
import { retext } from 'retext';
import retextSmartypants, { type Options } from 'retext-smartypants';
import { walkWhere } from '../parse/walk.js';
import { boundedMemo } from '../bounded-memo.js';
import { FirstResultStore } from '../batch/first-result-store.js';

/** Node types remark-smartypants visits. */
const VISITED_NODES = new Set(['text', 'inlineCode', 'paragraph', 'heading', 'tableCell']);
/** Nodes whose text starts fresh (a quote at their start opens). */
const BLOCK_NODES = new Set(['paragraph', 'heading', 'tableCell']);

type Literal = Node & { value: string };

function isLiteral(node: Node): node is Literal {
  return 'value' in node && typeof (node as Literal).value === 'string';
}

function visited(node: Node, _index: number | undefined, parent: Parent | undefined): boolean {
  return !!parent && VISITED_NODES.has(node.type) && (isLiteral(node) || BLOCK_NODES.has(node.type));
}

/** Whether the dash/ellipsis pass could change `value`. */
export function mayHaveDashOrEllipsis(value: string): boolean {
  if (value.includes('--') || value.includes('–-')) return true;
  let dots = 0;
  for (let i = value.indexOf('.'); i !== -1; i = value.indexOf('.', i + 1)) if (++dots >= 3) return true;
  return false;
}

/** Runs `fn` with `console.log` silenced (see the module comment). */
function quietly<T>(fn: () => T): T {
  const log = console.log;
  console.log = () => undefined;
  try {
    return fn();
  } finally {
    console.log = log;
  }
}

const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');

/** A reusable transform with remark-smartypants' options. */
export type SmartPunctuation = (tree: Root) => void;

/** Builds the transform (the retext processors are made once). */
export function smartPunctuation(options: Options): SmartPunctuation {
  const quotes = retext()
    .use(retextSmartypants, { ...options, ellipses: false, dashes: false, backticks: false })
    .freeze();
  const dashes = retext()
    .use(retextSmartypants, { ...options, quotes: false })
    .freeze();
  // pure functions of their text, remembered: a batch typesets the same guide text again for each clinic and variant
  const quote = boundedMemo(
    (all: string) => quotes.processSync(all).toString(),
    8,
    (all) => all.length <= 1 << 18,
  );
  const dash = boundedMemo(
    (text: string) => quietly(() => dashes.processSync(text).toString()),
    2048,
    (text) => text.length <= 2048,
  );
  // a cold process's first result, kept across processes (batch/first-result-store.ts): retext's first run in a new
  // process costs tens of milliseconds, most of a cold build's typography
  const firstResults = new FirstResultStore<string[]>('typography', isStringArray);
  const optionsKey = JSON.stringify(options);
  return (tree) => {
    let all = '';
    const nodes: Node[] = [];
    walkWhere(tree, visited, (node: Node) => {
      if (isLiteral(node)) all += node.type === 'text' ? node.value : 'A'.repeat(node.value.length);
      else all += ' ';
      nodes.push(node);
    });
    // only while this process has computed no result itself (then the store is not used: nothing to look up)
    const texts = firstResults.isWarm ? undefined : nodes.filter((n): n is Text => n.type === 'text');
    // what besides `all` the result depends on: the visited nodes, their kinds and lengths
    const shape = texts && nodes.map((n) => (isLiteral(n) ? `${n.type === 'text' ? 't' : 'c'}${n.value.length}` : 'b')).join(',');
    const input = `${optionsKey}\0${shape}\0${all}`;
    const stored = texts && firstResults.get(input);
    if (texts && stored && stored.length === texts.length) {
      texts.forEach((node, i) => (node.value = stored[i]!));
      return;
    }
    if (all.includes('"') || all.includes("'")) all = quote(all);
    let start = 0;
    for (const node of nodes) {
      if (!isLiteral(node)) {
        start += 1;
        continue;
      }
      const end = start + node.value.length;
      if (node.type === 'text') {
        const text = all.slice(start, end);
        (node as Text).value = mayHaveDashOrEllipsis(text) ? dash(text) : text;
      }
      start = end;
    }
    if (texts)
      firstResults.computed(
        input,
        texts.map((t) => t.value),
      );
  };
}
