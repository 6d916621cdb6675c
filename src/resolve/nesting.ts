/**
 * Nesting depth limit (`nesting-too-deep`): lists, block quotes and callouts
 * nested deeper than the limit are refused before layout. A cheap scan of
 * the source runs first, so that pathological nesting (thousands of `>` or
 * indented list markers) is refused before the Markdown parser, whose cost
 * and stack use grow with depth, ever sees it.
 */
import type { Nodes, Root } from 'mdast';
import type { Diagnostics } from '../diagnostics.js';

/** Node types that count as one level of block nesting. */
const CONTAINERS: ReadonlySet<string> = new Set(['list', 'blockquote', 'containerDirective', 'footnoteDefinition']);
/** Any node (inline included) nested deeper than this many times the limit is refused too. */
const ANY_NODE_FACTOR = 8;

function advice(limit: number): string {
  return `the limit is ${limit} levels. Flatten the structure: split the list into sections with headings, or use fewer levels of quoting`;
}

/** Thematic break (`- - -`, `* * *`), which looks like list markers. */
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^[ \t>]*(?:[-+*][ \t]+|\d{1,9}[.)][ \t]+)*(`{3,}|~{3,})/;

/** Estimated container depth at the start of one line (an upper bound for usual indentation). */
function lineDepth(line: string): { depth: number; column: number } {
  let depth = 0;
  let indent = 0;
  let i = 0;
  for (;;) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) {
      indent += line[i] === '\t' ? 4 : 1;
      i++;
    }
    if (line[i] === '>') {
      depth++;
      i++;
      continue;
    }
    const m = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(i, i + 12));
    if (m) {
      depth++;
      i += m[0].length;
      continue;
    }
    break;
  }
  return { depth: depth + Math.floor(indent / 2), column: i + 1 };
}

/**
 * Scans the source before parsing; refuses (recording `nesting-too-deep`)
 * when a line is nested far past the limit. Returns false when refused.
 * Lines inside fenced code blocks are skipped.
 */
export function checkSourceNesting(file: string, source: string, limit: number, diags: Diagnostics): boolean {
  const threshold = Math.max(4 * limit, 48);
  let fence: string | undefined;
  let line = 0;
  let start = 0;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    line++;
    const whole = end - start <= 4096;
    const text = source.slice(start, Math.min(end, start + 4096));
    start = end + 1;
    const f = FENCE.exec(text);
    if (fence !== undefined) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1]!;
      continue;
    }
    if (whole && THEMATIC_BREAK.test(text)) continue;
    const { depth, column } = lineDepth(text);
    if (depth > threshold) {
      diags.error(
        { file, line, column },
        `lists or quotes are nested about ${depth} levels deep here; ${advice(limit)}`,
        'nesting-too-deep',
      );
      return false;
    }
  }
  return true;
}

/**
 * Measures the parsed tree (without recursion): refuses (recording
 * `nesting-too-deep` at the first node past the limit) lists, block quotes,
 * callouts and footnotes nested more than `limit` levels, or inline
 * formatting nested absurdly deep. Returns false when refused.
 */
export function checkTreeNesting(file: string, root: Root, limit: number, diags: Diagnostics): boolean {
  const stack: { node: Nodes; containers: number; depth: number }[] = [{ node: root, containers: 0, depth: 0 }];
  const anyLimit = ANY_NODE_FACTOR * limit + 32;
  while (stack.length > 0) {
    const { node, containers, depth } = stack.pop()!;
    const c = containers + (CONTAINERS.has(node.type) ? 1 : 0);
    const place = { file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    if (c > limit) {
      diags.error(
        place,
        `${node.type === 'blockquote' ? 'this quote' : node.type === 'list' ? 'this list' : 'this block'} is nested ${c} ` +
          `levels deep (lists, quotes and callouts inside each other); ${advice(limit)}`,
        'nesting-too-deep',
      );
      return false;
    }
    if (depth > anyLimit) {
      diags.error(
        place,
        `formatting is nested ${depth} levels deep here (emphasis, links or other marks inside each other); the limit is ` +
          `${anyLimit} levels. Simplify the formatting`,
        'nesting-too-deep',
      );
      return false;
    }
    if ('children' in node)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, containers: c, depth: depth + 1 });
  }
  return true;
}
