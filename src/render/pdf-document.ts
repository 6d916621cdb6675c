/** The one place a PDFKit document is created: pinned dates, tagged, PDF/UA metadata. */
import PDFDocument from 'pdfkit';
import type { DocumentInfo } from '../types/layout-tree.js';

/** A PDFKit document. */
export type Doc = InstanceType<typeof PDFDocument>;

/** Creates a tagged PDF/UA document whose bytes depend only on its inputs. */
export function createPdfDocument(info: DocumentInfo, archival: boolean, tagged = true): Doc {
  const options = {
    autoFirstPage: false,
    margin: 0,
    compress: true,
    pdfVersion: '1.7',
    tagged,
    lang: info.lang,
    displayTitle: true,
    ...(tagged ? { subset: archival ? 'PDF/A-2a' : 'PDF/UA' } : {}),
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: 'handoutkit',
      Producer: 'handoutkit (PDFKit)',
      CreationDate: info.created,
      ModDate: info.created,
    },
  };
  // `font: null` keeps PDFKit from opening its standard-14 Helvetica default;
  // 'PDF/UA' is a subset PDFKit supports but its typings omit.
  const doc = new PDFDocument({ ...options, font: null } as unknown as PDFKit.PDFDocumentOptions);
  patchMetadata(doc as unknown as MetadataInternals, archival);
  return doc;
}

/** The part of PDFKit's metadata machinery we adjust (not in its typings). */
interface MetadataInternals {
  info: Record<string, unknown>;
  endMetadata(): void;
  appendXML(xml: string): void;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * PDFKit writes Info strings into the XMP packet unescaped (a title with `&`
 * would make the XMP invalid), and PDF/A output lacks the PDF/UA identifier.
 * The Info dictionary is already written when the XMP is built, so escaping
 * the strings at that point changes only the XMP.
 */
function patchMetadata(doc: MetadataInternals, archival: boolean): void {
  const endMetadata = doc.endMetadata.bind(doc);
  doc.endMetadata = () => {
    for (const [k, v] of Object.entries(doc.info)) if (typeof v === 'string') doc.info[k] = xmlEscape(v);
    if (archival) {
      doc.appendXML('<rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about=""><pdfuaid:part>1</pdfuaid:part></rdf:Description>');
    }
    endMetadata();
  };
}

/** Collects a finished document's bytes. */
export function documentBytes(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
