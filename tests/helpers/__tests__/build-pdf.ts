/**
 * Builds small tagged PDFs with PDFKit for the helper tests: a fully PDF/UA-compliant one by
 * default, and variants that break exactly one property (through options, or a MuPDF edit of the
 * finished file via `mutate`).
 */
import { fileURLToPath } from 'node:url';
import * as mupdf from 'mupdf';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

/** The committed font used for every test PDF (never PDFKit's standard-14 Helvetica). */
export const FONT_PATH = fileURLToPath(new URL('../../../fonts/NotoSans-Regular.ttf', import.meta.url));

/** What {@link buildPdf} puts into the document; every default yields a compliant file. */
export interface BuildOptions {
  /** Catalog /Lang; null leaves it out. */
  lang: string | null;
  /** Info /Title; null leaves it out. */
  title: string | null;
  /** /ViewerPreferences /DisplayDocTitle true. */
  displayTitle: boolean;
  /** PDFKit `subset: 'PDF/UA'` (adds pdfuaid:part to the XMP). */
  pdfua: boolean;
  /** Structure types of the two headings, in order. */
  headings: [string, string];
  /** /Alt of the figure; null leaves it out. */
  figureAlt: string | null;
  /** Draws a line of text outside any marked content. */
  untaggedText: boolean;
  /** Fills a rectangle outside any marked content. */
  untaggedPath: boolean;
  /** Writes a marked-content sequence with an MCID that no structure element references. */
  orphanMcid: boolean;
  /** Writes a stray EMC. */
  strayEmc: boolean;
  /** Attaches the link annotation to its /Link structure element. */
  linkInStructure: boolean;
  /** /Contents of the link annotation; null leaves it out. */
  linkContents: string | null;
  /** Adds a paragraph inside an element of this (non-standard) structure type. */
  customType: string | null;
  /**
   * Adds a checkbox form field (a Widget annotation) to page 1: with this `/TU` (null leaves it
   * out), tagged via `/OBJR` in a structure element of type `parent` (null leaves it out of the tree).
   */
  widget: { tooltip: string | null; parent: 'Form' | 'Span' | null } | null;
  /** Edits the finished PDF with MuPDF before returning it. */
  mutate: ((doc: mupdf.PDFDocument) => void) | null;
}

const DEFAULTS: BuildOptions = {
  lang: 'en-US',
  title: 'First ketamine session',
  displayTitle: true,
  pdfua: true,
  headings: ['H1', 'H2'],
  figureAlt: 'A red square standing in for the clinic map',
  untaggedText: false,
  untaggedPath: false,
  orphanMcid: false,
  strayEmc: false,
  linkInStructure: true,
  linkContents: 'Call the clinic',
  customType: null,
  widget: null,
  mutate: null,
};

/** The lines {@link structureText} should read from a default document. */
export const EXPECTED_STRUCTURE_TEXT = [
  'First ketamine session',
  'Your first session lasts about two hours, so please arrive early and bring a friend who can drive you home afterwards.',
  'Call the clinic',
  'Before you come',
  '• Eat a light meal.',
  'Bring a driver home.',
].join('\n');

let redSquare: Buffer | null = null;

/** PDFKit's struct-tree children type, without `any` leaking out. */
type Child = Parameters<PDFKit.PDFStructureElement['add']>[0];

/** Builds a two-page tagged PDF; see {@link BuildOptions}. */
export async function buildPdf(overrides: Partial<BuildOptions> = {}): Promise<Uint8Array> {
  const o: BuildOptions = { ...DEFAULTS, ...overrides };
  redSquare ??= await sharp({ create: { width: 8, height: 8, channels: 3, background: '#cc0000' } })
    .png()
    .toBuffer();
  const image = redSquare;

  const doc = new PDFDocument({
    tagged: true,
    pdfVersion: '1.7',
    font: FONT_PATH,
    displayTitle: o.displayTitle,
    ...(o.lang !== null ? { lang: o.lang } : {}),
    ...(o.pdfua ? { subset: 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets } : {}),
    info: { CreationDate: new Date(0), ...(o.title !== null ? { Title: o.title } : {}) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.font(FONT_PATH).fontSize(12);

  const artifact = (label: string): void => {
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.text(label, 72, 36);
    doc.moveTo(72, 52).lineTo(540, 52).stroke();
    doc.endMarkedContent();
  };
  const block = (type: string, text: string, opts: PDFKit.Mixins.TextOptions = {}): PDFKit.PDFStructureElement =>
    doc.struct(type, {}, [(() => doc.text(text, opts)) as Child]);

  artifact('Clinic header');
  const root = doc.struct('Document');
  doc.addStructure(root);
  doc.y = 72;
  root.add(block(o.headings[0], 'First ketamine session'));
  root.add(
    block('P', 'Your first session lasts about two hours, so please arrive early and bring a friend who can drive you home afterwards.', {
      width: 220,
    }),
  );

  // A paragraph holding a link whose annotation is tagged through /OBJR.
  const linkPara = doc.struct('P');
  root.add(linkPara);
  const link = doc.struct('Link');
  linkPara.add(link);
  const linkY = doc.y;
  link.add((() => doc.text('Call the clinic', 72, linkY)) as Child);
  const annotOptions: Record<string, unknown> = {};
  if (o.linkInStructure) annotOptions.structParent = link;
  // PDFKit writes a JS string as a name; a String object becomes a PDF string.
  if (o.linkContents !== null) annotOptions.Contents = new String(o.linkContents);
  doc.link(72, linkY, 90, 14, 'tel:+15550100', annotOptions);
  link.end();
  linkPara.end();

  root.add(block(o.headings[1], 'Before you come', { continued: false }));
  const list = doc.struct('L');
  root.add(list);
  const item = doc.struct('LI');
  list.add(item);
  const itemY = doc.y;
  item.add(block('Lbl', '•', { continued: false }));
  doc.y = itemY;
  item.add(doc.struct('LBody', {}, [(() => doc.text('Eat a light meal.', 90, itemY)) as Child]));
  item.end();
  list.end();

  const figure = doc.struct('Figure', o.figureAlt !== null ? { alt: o.figureAlt } : {});
  root.add(figure);
  const figY = doc.y + 6;
  figure.add((() => doc.image(image, 72, figY, { width: 40 })) as Child);
  figure.end();
  doc.y = figY + 50;

  if (o.customType !== null) {
    const custom = doc.struct(o.customType);
    root.add(custom);
    custom.add(block('P', 'A custom note.'));
    custom.end();
  }
  if (o.widget !== null) {
    // a checklist item: a label holding the field, then its text
    const w = o.widget;
    const wList = doc.struct('L');
    root.add(wList);
    const wItem = doc.struct('LI');
    wList.add(wItem);
    const lbl = doc.struct('Lbl');
    wItem.add(lbl);
    const holder = w.parent === null ? null : doc.struct(w.parent);
    if (holder) lbl.add(holder);
    const wy = doc.y;
    const field: Record<string, unknown> = { Subtype: 'Widget', FT: 'Btn', T: new String('item-1'), V: 'Off', AS: 'Off', F: 4 };
    if (w.tooltip !== null) field.TU = new String(w.tooltip);
    if (holder) field.structParent = holder;
    doc.annotate(72, wy, 10, 10, field);
    holder?.end();
    lbl.end();
    wItem.add(doc.struct('LBody', {}, [(() => doc.text('Bring your photo ID.', 90, wy)) as Child]));
    wItem.end();
    wList.end();
  }
  if (o.untaggedText) doc.text('Untagged words', 72, 600);
  if (o.untaggedPath) doc.rect(72, 620, 20, 20).fill('#000000');
  if (o.orphanMcid) {
    doc.markStructureContent('P');
    doc.text('Orphan content', 72, 650);
    doc.endMarkedContent();
  }
  if (o.strayEmc) doc.addContent('EMC');

  doc.addPage();
  artifact('Page 2');
  doc.y = 72;
  root.add(block('P', 'Bring a driver home.', { width: 300 }));
  root.end();
  doc.end();
  await finished;

  const bytes = new Uint8Array(Buffer.concat(chunks));
  if (!o.mutate) return bytes;
  const edited = new mupdf.PDFDocument(bytes);
  try {
    o.mutate(edited);
    const out = edited.saveToBuffer('');
    const copy = out.asUint8Array().slice();
    out.destroy();
    return copy;
  } finally {
    edited.destroy();
  }
}

/** The document's StructTreeRoot, for `mutate` callbacks. */
export function structTreeRoot(doc: mupdf.PDFDocument): mupdf.PDFObject {
  return doc.getTrailer().get('Root').get('StructTreeRoot');
}

/** The first structure element of type `type` in pre-order, for `mutate` callbacks. */
export function findElement(doc: mupdf.PDFDocument, type: string): mupdf.PDFObject {
  const visit = (k: mupdf.PDFObject): mupdf.PDFObject | null => {
    if (k.isArray()) {
      for (let i = 0; i < k.length; i++) {
        const hit = visit(k.get(i));
        if (hit) return hit;
      }
      return null;
    }
    if (!k.isDictionary() || !k.get('S').isName()) return null;
    if (k.get('S').asName() === type) return k;
    return visit(k.get('K'));
  };
  const hit = visit(structTreeRoot(doc).get('K'));
  if (!hit) throw new Error(`no /${type} structure element in the test PDF`);
  return hit;
}
