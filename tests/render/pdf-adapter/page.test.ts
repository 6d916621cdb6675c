/** Guard: PDFKit's `page.dictionary.data`, where `pdf-adapter/page.ts` sets `/Tabs`. */
import { describe, expect, it } from 'vitest';
import { setTabOrder } from '../../../src/render/pdf-adapter/index.js';
import { newDoc, reopen } from './helpers.js';

describe('pdf-adapter page dictionary', () => {
  it('writes /Tabs /S into the current page only (untagged: PDFKit sets it on every page of a tagged document)', async () => {
    const doc = newDoc('t', false, false);
    setTabOrder(doc, 'S');
    doc.addPage({ size: [612, 792], margin: 0 });
    const pdf = await reopen(doc);
    expect(pdf.findPage(0).get('Tabs').asName()).toBe('S');
    expect(pdf.findPage(1).get('Tabs').isNull()).toBe(true);
  });
});
