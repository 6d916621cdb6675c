import { describe, expect, it } from 'vitest';
import { as, blocks, text } from './helpers.js';

describe('code', () => {
  it('keeps every line of a code block in a boxed mono paragraph', () => {
    const q = as(blocks('```\nline one\n\n  indented\tx\n```\n').blocks[0], 'quote');
    const p = as(q.blocks[0], 'paragraph');
    expect(text(p.inlines)).toBe('line one\n\n  indented    x');
    expect(p.inlines.every((i) => i.style.face === 'mono')).toBe(true);
    expect(p.hyphenate).toBe(false);
  });
});
