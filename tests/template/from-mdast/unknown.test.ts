import { describe, expect, it } from 'vitest';
import { as, blocks, text } from './helpers.js';

describe('unknown', () => {
  it('keeps the text of raw HTML without tags, with an unsupported-html warning', () => {
    const { blocks: out, diags } = blocks('<div>\n<p>Hello <b>there</b></p>\n</div>\n');
    expect(text(as(out[0], 'paragraph').inlines)).toBe('Hello there');
    expect(diags.list).toMatchObject([{ ruleId: 'unsupported-html', severity: 'warning', line: 1, column: 1 }]); // one rule id for raw HTML, as in resolve
  });

  it('skips front matter and definitions silently', () => {
    const { blocks: out, diags } = blocks('---\na: 1\n---\n\n[x]: https://example.com\n');
    expect(out).toEqual([]);
    expect(diags.list).toEqual([]);
  });
});
