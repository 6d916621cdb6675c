/**
 * The attribute list after an image (`{width=60%}`, `{width=5cm}`, `{decorative}`): read into the
 * image's data and removed from the text; a wrong one is an error at its exact column.
 */
import type { Image, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { parsePrintWidth } from '../../src/resolve/image-attributes.js';
import { BRAND, guide, resolveSource } from './helpers.js';

const FILE = 'tests/fixtures/guides/with-images/en.md';
const ROOTS = ['tests/fixtures/guides'];

function imagesOf(root: Root): Image[] {
  const out: Image[] = [];
  const walk = (n: { type: string; children?: unknown[] }): void => {
    if (n.type === 'image') out.push(n as unknown as Image);
    for (const c of n.children ?? []) walk(c as { type: string; children?: unknown[] });
  };
  walk(root);
  return out;
}

describe('parsePrintWidth', () => {
  it('reads shares of the column and printed lengths', () => {
    expect(parsePrintWidth('60%')).toEqual({ fraction: 0.6 });
    expect(parsePrintWidth('100%')).toEqual({ fraction: 1 });
    expect(parsePrintWidth('2in')).toEqual({ points: 144 });
    expect(parsePrintWidth('144pt')).toEqual({ points: 144 });
    expect(parsePrintWidth('5cm')).toMatchObject({ points: expect.closeTo(141.73, 2) as number });
    expect(parsePrintWidth('40mm')).toMatchObject({ points: expect.closeTo(113.39, 2) as number });
    for (const bad of ['0%', '120%', '-5cm', '5', 'cm', '5 furlongs', '0cm', '99in', 'wide']) expect(parsePrintWidth(bad)).toBeUndefined();
  });
});

describe('resolve: image attributes', () => {
  it('records the width and the decorative flag and removes the list from the text', async () => {
    const body = 'Photo: ![A red rectangle](photo.png){width=60%} and more.\n\n![](divider.png){decorative width="3cm"}\n';
    const { resolved, diags } = await resolveSource(guide(body), FILE, BRAND, ROOTS);
    expect(diags.list).toEqual([]);
    const [photo, divider] = imagesOf(resolved!.root);
    expect(photo!.data).toEqual({ printWidth: { fraction: 0.6 } });
    expect(divider!.data).toMatchObject({ decorative: true, printWidth: { points: expect.closeTo(85.04, 2) as number } });
    const text = resolved!.root.children.map((n) => toString(n)).join('\n');
    expect(text).toContain('Photo: A red rectangle and more.'); // the image counts as its alt text
    expect(text).not.toContain('{');
  });

  it('reports an unknown attribute and a bad width at their columns, with a hint', async () => {
    const body = '![A red rectangle](photo.png){widht=60%}\n\n![A red rectangle](photo.png){width=150%}\n';
    const { resolved, diags } = await resolveSource(guide(body), FILE, BRAND, ROOTS);
    expect(resolved).toBeUndefined();
    expect(diags.list.map((d) => [d.ruleId, d.line, d.column, d.hint])).toEqual([
      ['image-attribute', 7, 31, 'did you mean `width`?'],
      ['image-attribute', 9, 31, undefined],
    ]);
    expect(formatDiagnostic(diags.list[1]!)).toContain('`width=150%`: an image width is a share of the column');
  });

  it('leaves braces that are not an attribute list, or are escaped, as text', async () => {
    const body =
      '![A red rectangle](photo.png) {width=60%} and ![A red rectangle](photo.png){see: below} ![A red rectangle](photo.png)\\{width=5cm}\n';
    const { resolved, diags } = await resolveSource(guide(body), FILE, BRAND, ROOTS);
    expect(diags.list).toEqual([]);
    expect(imagesOf(resolved!.root).map((i) => i.data?.printWidth)).toEqual([undefined, undefined, undefined]);
    expect(resolved!.root.children.map((n) => toString(n)).join('\n')).toContain(
      'A red rectangle {width=60%} and A red rectangle{see: below} A red rectangle{width=5cm}',
    );
  });
});
