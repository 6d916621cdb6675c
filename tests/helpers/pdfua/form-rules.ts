/**
 * The form-field PDF/UA-1 rule check: every Widget annotation (a form field's on-page part) has an
 * accessible name and sits in the structure tree.
 */
import type * as mupdf from 'mupdf';
import type { LoadedDoc } from './document.js';
import { dig, nameOf, refOf } from './pdf-object.js';
import { PDFUA_RULES, type AddViolation } from './rules.js';
import { describeElem, type StructElem } from './struct-tree.js';

/**
 * {@link PDFUA_RULES.formFields}: every Widget annotation has a non-empty `/TU` (on itself or its
 * parent field), is referenced via `/OBJR` from a `/Form` structure element, and has `/StructParent`.
 */
export function checkFormFields(d: LoadedDoc, add: AddViolation): void {
  const owners = new Map<number, StructElem>();
  for (const e of d.tree?.all ?? []) for (const kid of e.kids) if (kid.kind === 'objr' && kid.annot !== null) owners.set(kid.annot, e);
  d.pages.forEach(({ obj }, i) => {
    const annots = obj.get('Annots');
    if (!annots.isArray()) return;
    annots.forEach((ref) => {
      if (nameOf(ref.get('Subtype')) !== 'Widget') return;
      const num = refOf(ref);
      // a field's name and tooltip may sit on the widget itself or on its parent field
      const inherited = (key: string): mupdf.PDFObject => (ref.get(key).isNull() ? dig(ref.get('Parent'), key) : ref.get(key));
      const t = inherited('T');
      const name = t.isString() ? t.asString() : '';
      const what = `Widget annotation ${num !== null ? `obj ${num} ` : ''}${name !== '' ? `(field "${name}") ` : ''}on page ${i + 1}`;
      const tu = inherited('TU');
      if (!tu.isString() || tu.asString().trim() === '') {
        add(
          PDFUA_RULES.formFields,
          `${what} has no /TU; give the field a tooltip naming what it is for (e.g. the checklist item's text), as a string`,
        );
      }
      const owner = num === null ? undefined : owners.get(num);
      if (!owner)
        add(PDFUA_RULES.formFields, `${what} is not referenced by any structure element via /OBJR; put it in a /Form structure element`);
      else if (owner.role !== 'Form')
        add(PDFUA_RULES.formFields, `${what} is referenced from ${describeElem(owner)}; it must be inside a /Form structure element`);
      else if (!ref.get('StructParent').isNumber()) add(PDFUA_RULES.formFields, `${what} has no /StructParent key into the ParentTree`);
    });
  });
}
