/**
 * PDFKit's metadata internals (PDFKit 0.20: `doc.info`, `endMetadata`, `appendXML`, none in its
 * typings). Guarded by `tests/render/pdf-adapter/metadata.test.ts`.
 */
import type { Doc } from './document.js';

/** The part of PDFKit's metadata machinery we adjust. */
interface MetadataInternals {
  info: Record<string, unknown>;
  endMetadata(): void;
  appendXML(xml: string): void;
}

/** Whether this PDFKit build has the metadata internals {@link fixMetadata} relies on. */
export function hasMetadataInternals(doc: Doc): boolean {
  const m = doc as unknown as Partial<MetadataInternals>;
  return typeof m.endMetadata === 'function' && typeof m.appendXML === 'function' && typeof m.info === 'object' && m.info !== null;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * PDFKit writes Info strings into the XMP packet unescaped (a title with `&`
 * would make the XMP invalid), and PDF/A output lacks the PDF/UA identifier.
 * The Info dictionary is already written when the XMP is built, so escaping
 * the strings at that point changes only the XMP.
 * @throws Error when PDFKit no longer has these internals (a dependency change, caught by the guard test).
 */
export function fixMetadata(doc: Doc, archival: boolean): void {
  if (!hasMetadataInternals(doc)) throw new Error('handoutkit: PDFKit metadata internals changed (endMetadata/appendXML/info)');
  const m = doc as unknown as MetadataInternals;
  const endMetadata = m.endMetadata.bind(doc);
  m.endMetadata = () => {
    for (const [k, v] of Object.entries(m.info)) if (typeof v === 'string') m.info[k] = xmlEscape(v);
    if (archival) {
      m.appendXML(
        '<rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about=""><pdfuaid:part>1</pdfuaid:part></rdf:Description>',
      );
    }
    endMetadata();
  };
}
