import type { Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/parse/processor.js';
import { walk, walkWhere } from '../../src/parse/walk.js';

const SOURCE = [
  '# Title',
  '',
  'Some *emphasis* and a [link][ref], then `code`.',
  '',
  '- one **bold** item',
  '- two',
  '  1. nested [inline](https://example.org)',
  '',
  '> a quote',
  '',
  '[ref]: https://example.com "Example"',
  '[other]: https://example.net',
  '',
].join('\n');

/** Every visit as `type@index<parentType`. */
function trace(run: (root: Root, log: (n: Nodes, i: number | undefined, p: { type: string } | undefined) => void) => void): string[] {
  const out: string[] = [];
  run(parseMarkdown(SOURCE), (n, i, p) => {
    out.push(`${n.type}@${i ?? '-'}<${p?.type ?? '-'}`);
  });
  return out;
}

describe('walk', () => {
  it('visits the nodes unist-util-visit visits, in the same order, with the same index and parent', () => {
    const theirs = trace((root, log) =>
      visit(root, (n, i, p) => {
        log(n, i, p);
      }),
    );
    expect(
      trace((root, log) =>
        walk(root, (n, i, p) => {
          log(n, i, p);
        }),
      ),
    ).toEqual(theirs);
    expect(theirs.length).toBeGreaterThan(20);
  });

  it('tests by type or predicate like unist-util-visit', () => {
    expect(trace((root, log) => walkWhere(root, 'text', (n: Nodes, i, p) => log(n, i, p)))).toEqual(
      trace((root, log) =>
        visit(root, 'text', (n, i, p) => {
          log(n, i, p);
        }),
      ),
    );
    const test = (n: { type: string }, i: number | undefined) => n.type !== 'text' && i !== 0;
    expect(trace((root, log) => walkWhere(root, test, (n: Nodes, i, p) => log(n, i, p)))).toEqual(
      trace((root, log) => visit(root, test, (n, i, p) => log(n, i, p))),
    );
  });

  it('goes on at a returned index, so a visitor may remove the node it is at', () => {
    const dropDefinitions = (root: Root, each: typeof walk): string[] => {
      const seen: string[] = [];
      each(root, (node, index, parent) => {
        seen.push(node.type);
        if (node.type === 'definition' && parent && index !== undefined) {
          parent.children.splice(index, 1);
          return index;
        }
        return undefined;
      });
      return seen;
    };
    const a = parseMarkdown(SOURCE);
    const b = parseMarkdown(SOURCE);
    expect(dropDefinitions(a, walk)).toEqual(dropDefinitions(b, visit as unknown as typeof walk));
    expect(a).toEqual(b);
    expect(a.children.some((c) => c.type === 'definition')).toBe(false);
  });
});
