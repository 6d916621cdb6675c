import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/parse/processor.js';
import { deepFreeze } from '../../src/parse/parse-cache.js';
import { cloneTree } from '../../src/resolve/clone-tree.js';

const SOURCE = '# Title\n\nSome *emphasis*, a [link](https://example.org "t") and ![alt](a.png).\n\n:::note\nInside.\n:::\n';

describe('cloneTree', () => {
  it('copies like structuredClone, sharing only the positions', () => {
    const root = deepFreeze({ ...parseMarkdown(SOURCE), data: { handoutSource: SOURCE } });
    const copy = cloneTree(root);
    expect(copy).toEqual(structuredClone(root));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(root)); // same key order
    expect(copy).not.toBe(root);
    expect(copy.data).not.toBe(root.data);
    expect(copy.children).not.toBe(root.children);
    expect(copy.children[0]).not.toBe(root.children[0]);
    expect(copy.children[0]!.position).toBe(root.children[0]!.position);
  });

  it('gives a copy of a frozen tree that can be changed without touching the original', () => {
    const root = deepFreeze(parseMarkdown(SOURCE));
    const copy = cloneTree(root);
    const heading = copy.children[0]!;
    if (heading.type !== 'heading') throw new Error('expected a heading');
    heading.depth = 2;
    heading.data = { neutralAnchor: true };
    copy.children.pop();
    expect(root.children[0]).toMatchObject({ type: 'heading', depth: 1 });
    expect(root.children[0]!.data).toBeUndefined();
    expect(copy.children.length).toBe(root.children.length - 1);
  });
});
