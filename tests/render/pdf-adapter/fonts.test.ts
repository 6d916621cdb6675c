/** Guard: PDFKit accepting an opened fontkit font in `registerFont` (`pdf-adapter/fonts.ts`). */
import { describe, expect, it } from 'vitest';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { newDoc, reopen } from './helpers.js';

describe('pdf-adapter fonts', () => {
  it('embeds the very fontkit font the layout measured with', async () => {
    const doc = newDoc();
    doc.font('sans-regular').fontSize(12).text('Hello', 10, 10, { lineBreak: false });
    const pdf = await reopen(doc);
    const fonts = pdf.findPage(0).get('Resources').get('Font');
    const names: string[] = [];
    fonts.forEach((v: { get(k: string): { asName(): string } }) => names.push(v.get('BaseFont').asName()));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`\\+${sharedFontBook().font('sans-regular').postscriptName}$`));
  });
});
