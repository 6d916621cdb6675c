import { describe, expect, it } from 'vitest';
import { blocks } from './helpers.js';

describe('leafDirective', () => {
  it('turns ::pagebreak into a page break at its place', () => {
    const { blocks: out } = blocks('Before\n\n::pagebreak\n\nAfter\n');
    expect(out.map((b) => b.kind)).toEqual(['paragraph', 'pagebreak', 'paragraph']);
    expect(out[1]).toEqual({ kind: 'pagebreak', place: { file: 'guide.md', line: 3, column: 1 } });
  });

  it('keeps the label of other leaf directives as text, with a warning', () => {
    const { blocks: out, diags } = blocks('::youtube[Watch this]\n');
    expect(out.map((b) => b.kind)).toEqual(['paragraph']);
    expect(diags.list[0]).toMatchObject({ ruleId: 'unsupported-node', line: 1, column: 1 });
  });
});
