import { describe, expect, it } from 'vitest';
import { as, blocks, text } from './helpers.js';

describe('footnotes', () => {
  it('numbers references by first use and collects endnotes', () => {
    const md = 'First[^b] then[^a] and again[^b].\n\n[^a]: Alpha note.\n[^b]: Beta note.\n[^c]: Unused.\n';
    const { blocks: out, diags } = blocks(md);
    expect(text(as(out[0], 'paragraph').inlines)).toBe('First[1] then[2] and again[1].');
    expect(out.map((b) => b.kind)).toEqual(['paragraph', 'rule', 'heading', 'list']);
    expect(as(out[1], 'rule').decorative).toBe(true);
    const h = as(out[2], 'heading');
    expect([h.level, h.text, h.anchor]).toEqual([2, 'Notes', 'notes']);
    const l = as(out[3], 'list');
    expect(l.ordered).toBe(true);
    expect(l.items.map((i) => [i.marker, text(as(i.blocks[0], 'paragraph').inlines)])).toEqual([
      ['1.', 'Beta note.'],
      ['2.', 'Alpha note.'],
    ]);
    expect(diags.list.map((d) => [d.ruleId, d.line])).toEqual([['unused-footnote', 5]]);
  });

  it('adds no endnotes without footnotes', () => {
    expect(blocks('Plain.\n').blocks.map((b) => b.kind)).toEqual(['paragraph']);
  });
});
