import { describe, expect, it } from 'vitest';
import { as, blocks, text, THEME } from './helpers.js';

describe('containerDirective', () => {
  it('renders callouts as note boxes with a default bold title', () => {
    const { blocks: out } = blocks(':::warning\nDo **not** drive.\n:::\n\n:::tip\nRest.\n:::\n');
    const q = as(out[0], 'quote');
    expect(q).toMatchObject({ role: 'note', background: THEME.quote.background, barColor: THEME.quote.barColor });
    const title = as(q.blocks[0], 'paragraph');
    expect(text(title.inlines)).toBe('Warning');
    expect(title.inlines[0]!.style.face).toBe('bold');
    expect(text(as(q.blocks[1], 'paragraph').inlines)).toBe('Do not drive.');
    expect(text(as(as(out[1], 'quote').blocks[0], 'paragraph').inlines)).toBe('Tip');
  });

  it('uses the label as the title', () => {
    const q = as(blocks(':::note[Before *you* come]\nEat lightly.\n:::\n').blocks[0], 'quote');
    expect(q.blocks).toHaveLength(2);
    const title = as(q.blocks[0], 'paragraph');
    expect(text(title.inlines)).toBe('Before you come');
    expect(title.inlines.map((i) => i.style.face)).toEqual(['bold', 'boldItalic', 'bold']);
  });

  it('localises the default title', () => {
    const q = as(blocks(':::note\nText\n:::\n', new Map(), 'de').blocks[0], 'quote');
    expect(text(as(q.blocks[0], 'paragraph').inlines)).toBe('Hinweis');
  });

  it('keeps the text of unknown container directives with a warning', () => {
    const { blocks: out, diags } = blocks(':::aside\nKept.\n:::\n');
    expect(text(as(out[0], 'paragraph').inlines)).toBe('Kept.');
    expect(diags.list.map((d) => [d.ruleId, d.severity])).toEqual([['unsupported-node', 'warning']]);
  });
});
