/**
 * Fillable checklists: each task-list checkbox as an AcroForm checkbox field (one widget
 * annotation over the drawn box) with its own `/Yes` and `/Off` appearance streams, drawn by
 * {@link traceCheckbox} exactly as the printed box. PDFKit's form support is bypassed: it sets
 * `/NeedAppearances true` (viewers would redraw the boxes their own way) and needs a font; the
 * internals this needs are in `pdf-adapter/forms.ts`.
 */
import type { CheckboxItem, FieldItem } from '../types/paged.js';
import { OperatorPen, traceCheckbox } from './checkbox-shape.js';
import { addWidget, installAcroForm, type Doc, type PdfRef as Ref } from './pdf-adapter/index.js';

/** A structure element (or stand-in) the widget's `/OBJR` goes into. */
export interface WidgetParent {
  add(kid: never): unknown;
}

/** A field name from a label: lower-case words joined by `-` (letters of any script kept). */
export function fieldName(label: string): string {
  const words =
    label
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.join('-').slice(0, 60) || 'field';
}

/**
 * Adds form fields to one document: checkboxes named `item-1`, `item-2`, … and text fields named
 * from their labels (`patient-name`, a second one `patient-name-2`), in the order they are added.
 */
export class FormFields {
  private readonly fields: Ref[] = [];
  private readonly appearances = new Map<string, Ref>();
  private readonly names = new Set<string>();
  private checkboxes = 0;
  private form: Ref | undefined;
  private font: Ref | undefined;

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
    // text fields type in Helvetica (a standard font every viewer has), black, at their own size
    this.font = this.doc.ref({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' });
    this.font.end(undefined);
    const form = this.doc.ref({ Fields: this.fields, DA: new String('/Helv 0 Tf 0 g'), DR: { Font: { Helv: this.font } } });
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
    this.checkboxes++;
    const name = `item-${this.checkboxes}`;
    this.names.add(name);
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

  /**
   * Adds a text field over the writing space of `f` on the current page: named from the label,
   * the label as tooltip, empty, with its own (empty) appearance so viewers need not make one.
   */
  addText(f: FieldItem, parent: WidgetParent | undefined): void {
    this.acroForm();
    const base = fieldName(f.label);
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base}-${n}`;
    this.names.add(name);
    const appearance = this.doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, f.width, f.height], Resources: {} });
    appearance.end('/Tx BMC\nEMC');
    const widget = {
      Subtype: 'Widget' as const,
      FT: 'Tx',
      T: new String(name),
      TU: new String(f.label.length > 0 ? f.label : name),
      V: new String(''),
      DA: new String(`/Helv ${f.fontSize} Tf 0 g`),
      AP: { N: appearance },
      F: 4,
      ...(parent ? { structParent: parent } : {}),
    };
    this.fields.push(addWidget(this.doc, f.x, f.y, f.width, f.height, widget));
  }
}
