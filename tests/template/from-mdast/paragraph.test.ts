import { describe, expect, it } from 'vitest';
import { as, asset, blocks, text, THEME } from './helpers.js';

describe('paragraph', () => {
  it('builds a start-aligned, hyphenated paragraph in the document language', () => {
    const { blocks: out } = blocks('Hello   there,\nworld.\n', new Map(), 'de');
    const p = as(out[0], 'paragraph');
    expect(text(p.inlines)).toBe('Hello there, world.');
    expect(p).toMatchObject({ align: 'start', hyphenate: true, lang: 'de', space: { before: 0, after: THEME.paragraphAfter } });
    expect(p.place).toEqual({ file: 'guide.md', line: 1, column: 1 });
  });

  it('maps strong, emphasis, both, delete and inline code to styles', () => {
    const { blocks: out } = blocks('a **b** *c* ***d*** ~~e~~ `f  g`\n');
    const runs = as(out[0], 'paragraph').inlines.filter((i) => i.kind === 'text' && i.text.trim() !== '');
    const faces = runs.map((r) => [r.kind === 'text' ? r.text.trim() : '', r.style.face, r.style.strike]);
    expect(faces).toEqual([
      ['a', 'regular', false],
      ['b', 'bold', false],
      ['c', 'italic', false],
      ['d', 'boldItalic', false],
      ['e', 'regular', true],
      ['f g', 'mono', false],
    ]);
    expect(runs[5]!.style.size).toBeCloseTo(THEME.body.size * THEME.codeScale);
  });

  it('styles links, anchors and autolinks', () => {
    const { blocks: out } = blocks('[Call](tel:+15550100), [top](#top) and www.example.com\n');
    const links = as(out[0], 'paragraph').inlines.filter((i) => i.kind === 'text' && i.style.link);
    expect(links.map((l) => [text([l]), l.style.link, l.style.underline, l.style.color])).toEqual([
      ['Call', 'tel:+15550100', true, THEME.link],
      ['top', '#top', true, THEME.link],
      ['www.example.com', 'http://www.example.com', true, THEME.link],
    ]);
  });

  it('keeps hard breaks and trims around them', () => {
    const { blocks: out } = blocks('one  \ntwo\\\nthree\n');
    const p = as(out[0], 'paragraph');
    expect(p.inlines.map((i) => i.kind)).toEqual(['text', 'break', 'text', 'break', 'text']);
    expect(text(p.inlines)).toBe('one\ntwo\nthree');
  });

  it('splits around images', () => {
    const { blocks: out } = blocks('Before ![Alt](a.png) after.\n', new Map([['a.png', asset(96, 96)]]));
    expect(out.map((b) => b.kind)).toEqual(['paragraph', 'image', 'paragraph']);
    expect(text(as(out[0], 'paragraph').inlines)).toBe('Before');
    expect(text(as(out[2], 'paragraph').inlines)).toBe('after.');
  });

  it('keeps no-break spaces', () => {
    const { blocks: out } = blocks('«\u00A0oui\u00A0»\n');
    expect(text(as(out[0], 'paragraph').inlines)).toBe('«\u00A0oui\u00A0»');
  });
});
