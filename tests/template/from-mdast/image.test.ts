import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/parse/processor.js';
import '../../../src/parse/source-data.js';
import { as, asset, blocks, text, THEME } from './helpers.js';

describe('image', () => {
  it('builds an image block with alt, caption and natural-size cap', () => {
    const img = asset(192, 96);
    const { blocks: out } = blocks('![A clinic room](room.png "Our room")\n', new Map([['room.png', img]]));
    const b = as(out[0], 'image');
    expect(b).toMatchObject({ image: img, alt: 'A clinic room', decorative: false, maxWidth: 144, align: 'center' });
    expect(text(b.caption ?? [])).toBe('Our room');
    expect(b.caption?.[0]?.style).toMatchObject({ size: THEME.caption.size, color: THEME.caption.color });
    expect(b.place).toEqual({ file: 'guide.md', line: 1, column: 1 });
  });

  it('caps wide images at the content width', () => {
    const { blocks: out } = blocks('![Wide](w.png)\n', new Map([['w.png', asset(3000, 100)]]));
    expect(as(out[0], 'image').maxWidth).toBe(468);
  });

  it('carries the decorative flag from resolve', () => {
    const root = parseMarkdown('![](d.png)\n');
    const para = root.children[0];
    if (para?.type !== 'paragraph' || para.children[0]?.type !== 'image') throw new Error('bad tree');
    para.children[0].data = { decorative: true };
    const b = as(blocks(root, new Map([['d.png', asset(8, 2)]])).blocks[0], 'image');
    expect(b.decorative).toBe(true);
    expect(b.alt).toBe('');
  });

  it('prints the alt text of an image that was not loaded', () => {
    const { blocks: out, diags } = blocks('![A map to the clinic](map.png)\n');
    expect(text(as(out[0], 'paragraph').inlines)).toBe('A map to the clinic');
    expect(diags.list[0]?.severity).toBe('warning');
  });
});
