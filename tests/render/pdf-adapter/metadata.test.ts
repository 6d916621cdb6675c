/** Guard: PDFKit's metadata internals (`info`, `endMetadata`, `appendXML`) that `pdf-adapter/metadata.ts` patches. */
import { describe, expect, it } from 'vitest';
import { hasMetadataInternals } from '../../../src/render/pdf-adapter/index.js';
import { newDoc, reopen } from './helpers.js';

function xmp(doc: Awaited<ReturnType<typeof reopen>>): string {
  return doc.getTrailer().get('Root').get('Metadata').readStream().asString();
}

describe('pdf-adapter metadata', () => {
  it('finds the PDFKit internals', () => {
    expect(hasMetadataInternals(newDoc())).toBe(true);
  });

  it('escapes Info strings in the XMP packet and adds the PDF/UA identifier to PDF/A output', async () => {
    const pdf = await reopen(newDoc('Before & after <care>', true));
    const packet = xmp(pdf);
    expect(packet).toContain('Before &amp; after &lt;care&gt;');
    expect(packet).not.toContain('Before & after');
    expect(packet).toContain('<pdfuaid:part>1</pdfuaid:part>');
    // the Info dictionary keeps the plain title
    expect(pdf.getTrailer().get('Info').get('Title').asString()).toBe('Before & after <care>');
  });
});
