/**
 * PDFKit internals for an AcroForm of our own (PDFKit 0.20: `doc._root`, `doc.endAcroForm`, and
 * `doc.page.annotations`, none in its typings). PDFKit's own form support is bypassed: it sets
 * `/NeedAppearances true` and needs a font. Guarded by `tests/render/pdf-adapter/forms.test.ts`.
 */
import type { Doc } from './document.js';

/** An indirect object of a PDFKit document. */
export type PdfRef = ReturnType<Doc['ref']>;

/** The part of PDFKit's internals a form needs. */
interface FormInternals {
  _root: { data: Record<string, unknown> };
  endAcroForm(): unknown;
}

/** A widget annotation's dictionary (PDFKit turns `structParent` into `/StructParent` and the `/OBJR`). */
export interface WidgetDictionary {
  readonly Subtype: 'Widget';
  readonly [key: string]: unknown;
}

/** Whether this PDFKit build has the internals {@link installAcroForm} and {@link addWidget} rely on. */
export function hasFormInternals(doc: Doc): boolean {
  const f = doc as unknown as Partial<FormInternals>;
  return typeof f._root?.data === 'object' && typeof f.endAcroForm === 'function';
}

/**
 * Makes `form` the document catalog's `/AcroForm`, written (ended) when the document ends.
 * @throws Error when PDFKit no longer has these internals.
 */
export function installAcroForm(doc: Doc, form: PdfRef): void {
  if (!hasFormInternals(doc)) throw new Error('handoutkit: PDFKit form internals changed (_root/endAcroForm)');
  const internals = doc as unknown as FormInternals;
  internals._root.data.AcroForm = form;
  internals.endAcroForm = () => form.end(undefined);
}

/**
 * Adds a widget annotation on the current page and returns its indirect object (for the form's
 * `/Fields`).
 * @throws Error when PDFKit no longer keeps the page's annotations where we read them.
 */
export function addWidget(doc: Doc, x: number, y: number, width: number, height: number, widget: WidgetDictionary): PdfRef {
  doc.annotate(x, y, width, height, widget as unknown as PDFKit.Mixins.AnnotationOption);
  const annotations = (doc.page as unknown as { annotations?: PdfRef[] }).annotations;
  const last = annotations?.[annotations.length - 1];
  if (!last) throw new Error('handoutkit: PDFKit page annotations changed (page.annotations)');
  return last;
}
