/** Guard: PDFKit's untyped `openImage` and `image(opened, …)`, used by `pdf-adapter/images.ts`. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawImage, openImage } from '../../../src/render/pdf-adapter/index.js';
import { newDoc, reopen } from './helpers.js';

describe('pdf-adapter images', () => {
  it('opens an image once and embeds it once however often it is drawn', async () => {
    const doc = newDoc();
    const img = openImage(doc, readFileSync('tests/fixtures/images/tiny.jpg'));
    expect(img.width).toBeGreaterThan(0);
    expect(img.height).toBeGreaterThan(0);
    drawImage(doc, img, 10, 10, 50, 50);
    drawImage(doc, img, 100, 10, 50, 50);
    const pdf = await reopen(doc);
    const xobjects = pdf.findPage(0).get('Resources').get('XObject');
    const names: string[] = [];
    xobjects.forEach((_v: unknown, k: string | number) => names.push(String(k)));
    expect(names).toHaveLength(1);
    expect(xobjects.get(names[0]!).get('Subtype').asName()).toBe('Image');
  });
});
