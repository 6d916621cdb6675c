import { describe, expect, it } from 'vitest';
import { TOC_ANCHOR } from '../../../src/template/from-mdast/toc.js';
import { as, blocks, text } from './helpers.js';

const guide = (fm: string, body: string) => `---\nid: t\ntitle: T\nlang: en\nversion: 1\n${fm}---\n\n${body}`;

describe('table of contents (front matter toc: true)', () => {
  const md = '## One\n\ntext\n\n### One a\n\ntext\n\n#### Too deep\n\ntext\n\n## Two\n\ntext\n';

  it('puts a Contents heading and the entries of the two shallowest levels first', () => {
    const { blocks: out, diags } = blocks(guide('toc: true\n', md), new Map(), 'en', { toc: true });
    expect(diags.list).toEqual([]);
    const h = as(out[0], 'heading');
    expect(h.text).toBe('Contents');
    expect(h.anchor).toBe(TOC_ANCHOR);
    expect(h.outline).toBe(false);
    const toc = as(out[1], 'toc');
    expect(toc.entries.map((e) => [e.level, text(e.inlines), e.anchor])).toEqual([
      [2, 'One', 'one'],
      [3, 'One a', 'one-a'],
      [2, 'Two', 'two'],
    ]);
    // Entries carry no links of their own (the whole entry is one link) and use the body style.
    expect(toc.entries.every((e) => e.inlines.every((i) => i.style.link === undefined && i.style.size === toc.style.size))).toBe(true);
  });

  it('does not change the anchors of the guide’s own headings (even one called Contents)', () => {
    const { blocks: out } = blocks(guide('toc: true\n', '## Contents\n\ntext\n'), new Map(), 'en', { toc: true });
    expect(as(out[2], 'heading').anchor).toBe('contents');
  });

  it('prints no table of contents without toc: true, or with no headings', () => {
    expect(blocks(guide('', md)).blocks.some((b) => b.kind === 'toc')).toBe(false);
    expect(blocks(guide('toc: true\n', 'Just text.\n'), new Map(), 'en', { toc: true }).blocks.some((b) => b.kind === 'toc')).toBe(false);
  });

  it('uses the language of the guide for the title', () => {
    const { blocks: out } = blocks(guide('toc: true\n', md), new Map(), 'de', { toc: true });
    expect(as(out[0], 'heading').text).toBe('Inhalt');
  });
});

describe('justified body text (front matter align: justify)', () => {
  it('sets paragraphs justified when the front matter asks for it, ragged otherwise', () => {
    expect(as(blocks(guide('align: justify\n', 'Some text.\n'), new Map(), 'en', { align: 'justify' }).blocks[0], 'paragraph').align).toBe(
      'justify',
    );
    expect(as(blocks(guide('', 'Some text.\n')).blocks[0], 'paragraph').align).toBe('start');
  });
});

describe('list indent', () => {
  it('widens the indent of long ordered lists so three-digit markers fit', () => {
    const items = Array.from({ length: 120 }, (_, i) => `${i + 1}. item`).join('\n');
    const long = as(blocks(items).blocks[0], 'list');
    const short = as(blocks('1. a\n2. b\n').blocks[0], 'list');
    expect(long.indent).toBeGreaterThan(short.indent);
    expect(long.indent).toBeGreaterThanOrEqual((3 * 0.6 + 0.3 + 0.5) * 10.5 - 1);
  });
});
