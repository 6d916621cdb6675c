/** The one place a PDFKit document is created: pinned dates, tagged, PDF/UA metadata. */
import PDFDocument from 'pdfkit';
import type { DocumentInfo } from '../../types/layout-tree.js';
import { fixMetadata } from './metadata.js';
import { packObjectStreams } from './object-streams.js';
import { bufferPageContent } from './page-content.js';
import { collectFileWrites, pdfKitFile } from './file-writes.js';
import { writeObjectsDirectly } from './object-values.js';

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
  fixMetadata(doc, archival);
  // each page's content collected as one string and compressed in one call (PDFKit emits this after its first operator)
  doc.on('pageAdded', () => bufferPageContent(doc.page));
  collectFileWrites(doc); // the file kept as a list of pieces, not pushed through PDFKit's stream piece by piece
  writeObjectsDirectly(doc); // objects that are not streams written without PDFObject.convert (same text)
  return doc;
}

/** Collects a finished document's bytes, its objects packed into object streams ({@link packObjectStreams}). */
export async function documentBytes(doc: Doc): Promise<Buffer> {
  return packObjectStreams(await pdfKitFile(doc));
}
