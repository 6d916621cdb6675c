import { describe, expect, it } from 'vitest';
import { as, blocks, text, THEME } from './helpers.js';

describe('list', () => {
  it('numbers ordered lists from their start', () => {
    const l = as(blocks('3. three\n4. four\n').blocks[0], 'list');
    expect(l.ordered).toBe(true);
    expect(l.items.map((i) => i.marker)).toEqual(['3.', '4.']);
    expect(l.items.map((i) => i.checked)).toEqual([null, null]);
    expect(l).toMatchObject({ indent: THEME.list.indent, itemGap: THEME.list.itemGap, checkboxColor: THEME.list.markerColor });
    expect(l.items[0]!.markerStyle.color).toBe(THEME.list.markerColor);
  });

  it('uses bullets by depth and nests lists inside items', () => {
    const l = as(blocks('- a\n  - b\n    - c\n      - d\n').blocks[0], 'list');
    expect(l.ordered).toBe(false);
    const item = l.items[0]!;
    expect(item.marker).toBe('•');
    expect(item.blocks.map((b) => b.kind)).toEqual(['paragraph', 'list']);
    const l2 = as(item.blocks[1], 'list');
    const l3 = as(l2.items[0]!.blocks[1], 'list');
    const l4 = as(l3.items[0]!.blocks[1], 'list');
    expect([l2.items[0]!.marker, l3.items[0]!.marker, l4.items[0]!.marker]).toEqual(['◦', '▪', '▪']);
    expect(text(as(l4.items[0]!.blocks[0], 'paragraph').inlines)).toBe('d');
    expect(item.place).toEqual({ file: 'guide.md', line: 1, column: 1 });
  });

  it('turns task items into checkboxes without markers', () => {
    const l = as(blocks('- [x] done\n- [ ] todo\n- plain\n').blocks[0], 'list');
    expect(l.items.map((i) => [i.marker, i.checked])).toEqual([
      ['', true],
      ['', false],
      ['•', null],
    ]);
  });

  it('gives paragraphs of tight items no spacing, of loose items the theme spacing', () => {
    const tight = as(blocks('- a\n- b\n').blocks[0], 'list');
    expect(as(tight.items[0]!.blocks[0], 'paragraph').space).toEqual({ before: 0, after: 0 });
    const loose = as(blocks('- a\n\n- b\n').blocks[0], 'list');
    expect(as(loose.items[0]!.blocks[0], 'paragraph').space.after).toBe(THEME.paragraphAfter);
  });
});
