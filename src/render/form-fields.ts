/**
 * Fillable checklists: each task-list checkbox as an AcroForm checkbox field (one widget
 * annotation over the drawn box) with its own `/Yes` and `/Off` appearance streams, drawn by
 * {@link traceCheckbox} exactly as the printed box. PDFKit's form support is bypassed: it sets
 * `/NeedAppearances true` (viewers would redraw the boxes their own way) and needs a font; the
 * internals this needs are in `pdf-adapter/forms.ts`.
 */
import type { CheckboxItem } from '../types/paged.js';
import { OperatorPen, traceCheckbox } from './checkbox-shape.js';
import { addWidget, installAcroForm, type Doc, type PdfRef as Ref } from './pdf-adapter/index.js';

/** A structure element (or stand-in) the widget's `/OBJR` goes into. */
export interface WidgetParent {
  add(kid: never): unknown;
}

/** Adds checkbox fields to one document, named `item-1`, `item-2`, … in the order they are added. */
export class CheckboxFields {
  private readonly fields: Ref[] = [];
  private readonly appearances = new Map<string, Ref>();
  private form: Ref | undefined;

  constructor(private readonly doc: Doc) {}

  /** How many fields were added. */
  get count(): number {
    return this.fields.length;
  }

  /** An appearance XObject for a box of this size and colour, with a margin `pad` for the stroke. */
  private appearance(c: CheckboxItem, pad: number, checked: boolean): Ref {
    const side = c.size + 2 * pad;
    const key = `${c.size}|${c.color}|${checked}`;
    let ref = this.appearances.get(key);
    if (ref) return ref;
    const pen = new OperatorPen(side);
    traceCheckbox(pen, pad, pad, c.size, checked, c.color);
    ref = this.doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, side, side], Resources: {} });
    ref.end(pen.content);
    this.appearances.set(key, ref);
    return ref;
  }

  /** The AcroForm dictionary, created with the first field and written when the document ends. */
  private acroForm(): Ref {
    if (this.form) return this.form;
    const form = this.doc.ref({ Fields: this.fields });
    installAcroForm(this.doc, form);
    this.form = form;
    return form;
  }

  /**
   * Adds a checkbox field over the drawn box `c` on the current page, its initial state from
   * `c.checked`, its tooltip (`/TU`) the item's text. `parent` receives the widget's `/OBJR`.
   */
  add(c: CheckboxItem, parent: WidgetParent | undefined): void {
    this.acroForm();
    const name = `item-${this.fields.length + 1}`;
    const pad = Math.max(0.75, c.size * 0.08);
    const state = c.checked ? 'Yes' : 'Off';
    const widget = {
      Subtype: 'Widget' as const,
      FT: 'Btn',
      T: new String(name),
      TU: new String(c.label.length > 0 ? c.label : name),
      V: state,
      AS: state,
      AP: { N: { Yes: this.appearance(c, pad, true), Off: this.appearance(c, pad, false) } },
      F: 4,
      ...(parent ? { structParent: parent } : {}),
    };
    const size = c.size + 2 * pad;
    this.fields.push(addWidget(this.doc, c.x - pad, c.y - pad, size, size, widget));
  }
}
