/** Guard: PDFKit's `_root`, `endAcroForm` and `page.annotations`, used by `pdf-adapter/forms.ts`. */
import { describe, expect, it } from 'vitest';
import { addWidget, hasFormInternals, installAcroForm } from '../../../src/render/pdf-adapter/index.js';
import { newDoc, reopen } from './helpers.js';

describe('pdf-adapter forms', () => {
  it('finds the PDFKit internals', () => {
    expect(hasFormInternals(newDoc())).toBe(true);
  });

  it('writes our AcroForm in the catalog and returns the widget PDFKit added to the page', async () => {
    const doc = newDoc();
    const fields: unknown[] = [];
    const form = doc.ref({ Fields: fields });
    installAcroForm(doc, form);
    fields.push(addWidget(doc, 10, 10, 12, 12, { Subtype: 'Widget', FT: 'Btn', T: new String('item-1'), V: 'Off', AS: 'Off', F: 4 }));
    const pdf = await reopen(doc);
    const acro = pdf.getTrailer().get('Root').get('AcroForm');
    expect(acro.get('Fields').length).toBe(1);
    expect(acro.get('NeedAppearances').isNull()).toBe(true);
    const widget = pdf.findPage(0).get('Annots').get(0);
    expect(widget.get('Subtype').asName()).toBe('Widget');
    expect(acro.get('Fields').get(0).get('T').asString()).toBe('item-1');
  });
});
