import { describe, expect, it } from 'vitest';
import { MAX_KEPT_MARKUP, parseMarkup } from '../../src/template/markup.js';

describe('parseMarkup', () => {
  it('parses elements with their attributes, offsets and decoded text', () => {
    const nodes = parseMarkup('<page margin-top="36"><header><p style="title">A &amp; B</p></header></page>');
    expect(nodes).toEqual([
      {
        kind: 'element',
        name: 'page',
        attrs: { 'margin-top': '36' },
        offset: 0,
        children: [
          {
            kind: 'element',
            name: 'header',
            attrs: {},
            offset: 22,
            children: [{ kind: 'element', name: 'p', attrs: { style: 'title' }, offset: 30, children: [{ kind: 'text', text: 'A & B' }] }],
          },
        ],
      },
    ]);
  });

  it('remembers the result per markup text, deep-frozen, so a build cannot change what the next one gets', () => {
    const markup = '<page><footer><p>one</p></footer></page>';
    const a = parseMarkup(markup);
    expect(parseMarkup(`${markup}`)).toBe(a);
    expect(parseMarkup('<page><footer><p>two</p></footer></page>')).not.toBe(a);
    const page = a[0]!;
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(page)).toBe(true);
    if (page.kind !== 'element') throw new Error('expected an element');
    expect(Object.isFrozen(page.attrs)).toBe(true);
    expect(Object.isFrozen(page.children)).toBe(true);
    expect(Object.isFrozen(page.children[0])).toBe(true);
  });

  it('parses markup longer than the kept size every time', () => {
    const long = `<page><p>${'x'.repeat(MAX_KEPT_MARKUP)}</p></page>`;
    const a = parseMarkup(long);
    expect(parseMarkup(long)).not.toBe(a);
    expect(parseMarkup(long)).toEqual(a);
  });
});
