import { describe, expect, it } from 'vitest';
import { as, blocks, THEME } from './helpers.js';

describe('heading', () => {
  it('converts levels 1–6 with theme sizes, the heading face (bold by default) and places', () => {
    const { blocks: out } = blocks('# One\n\n## Two *it*\n\n###### Six\n');
    const [h1, h2, h6] = out.map((b) => as(b, 'heading'));
    expect([h1!.level, h2!.level, h6!.level]).toEqual([1, 2, 6]);
    expect(h1!.inlines[0]!.style).toMatchObject({ face: 'heading', size: THEME.headings[0]!.size, color: '#123456' });
    expect(h2!.inlines.map((i) => i.kind === 'text' && i.style.face)).toEqual(['heading', 'boldItalic']);
    expect(h2!.text).toBe('Two it');
    expect(h2!.place).toEqual({ file: 'guide.md', line: 3, column: 1 });
    expect(h2!.space).toEqual({ before: THEME.headings[1]!.before, after: THEME.headings[1]!.after });
    expect(h1!.outline).toBe(true);
    expect(h1!.lang).toBe('en');
  });

  it('gives unique GitHub-style anchors', () => {
    const { blocks: out } = blocks('# What to Expect?\n\n## What to expect\n\n## `code` & Stuff\n\n## !!!\n');
    expect(out.map((b) => as(b, 'heading').anchor)).toEqual(['what-to-expect', 'what-to-expect-1', 'code--stuff', 'section']);
  });
});
