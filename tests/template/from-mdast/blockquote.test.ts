import { describe, expect, it } from 'vitest';
import { as, blocks, text, THEME } from './helpers.js';

describe('blockquote', () => {
  it('becomes a quote block holding its blocks', () => {
    const q = as(blocks('> Quoted *text*\n>\n> - item\n').blocks[0], 'quote');
    expect(q.role).toBe('quote');
    expect(q.barColor).toBe(THEME.quote.barColor);
    expect(q.padding).toBe(THEME.quote.padding);
    expect(q.blocks.map((b) => b.kind)).toEqual(['paragraph', 'list']);
    expect(text(as(q.blocks[0], 'paragraph').inlines)).toBe('Quoted text');
    expect(q.place).toEqual({ file: 'guide.md', line: 1, column: 1 });
  });
});
