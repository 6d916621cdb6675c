import { describe, expect, it } from 'vitest';
import { as, blocks, text, THEME } from './helpers.js';

describe('containerDirective', () => {
  it('renders callouts as note boxes with a default bold title', () => {
    const { blocks: out } = blocks(':::warning\nDo **not** drive.\n:::\n\n:::tip\nRest.\n:::\n');
    const q = as(out[0], 'quote');
    const colors = THEME.callouts.kinds.warning;
    expect(q).toMatchObject({
      role: 'note',
      background: colors.background,
      barColor: colors.mark,
      callout: { kind: 'warning', color: colors.mark },
    });
    const title = as(q.blocks[0], 'paragraph');
    expect(text(title.inlines)).toBe('Warning');
    expect(title.inlines[0]!.style).toMatchObject({ face: 'bold', color: colors.text });
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

  it('gives each kind its own colours, icon and label, and frames danger', () => {
    const out = blocks(':::note\nA\n:::\n\n:::tip\nB\n:::\n\n:::warning\nC\n:::\n\n:::danger\nD\n:::\n').blocks.map((b) => as(b, 'quote'));
    expect(out.map((q) => q.callout?.kind)).toEqual(['note', 'tip', 'warning', 'danger']);
    expect(out.map((q) => text(as(q.blocks[0], 'paragraph').inlines))).toEqual(['Note', 'Tip', 'Warning', 'Danger']);
    expect(new Set(out.map((q) => q.background)).size).toBe(4);
    expect(out.map((q) => q.callout?.frame !== undefined)).toEqual([false, false, false, true]);
  });

  it('localises the danger label', () => {
    const q = as(blocks(':::danger\nText\n:::\n', new Map(), 'es').blocks[0], 'quote');
    expect(text(as(q.blocks[0], 'paragraph').inlines)).toBe('Peligro');
  });
});
