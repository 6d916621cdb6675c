/**
 * Small accessors over MuPDF's low-level `PDFObject` API that tolerate missing or mistyped values.
 */
import type * as mupdf from 'mupdf';

/** The name's value without the slash, or null when `o` is not a name. */
export const nameOf = (o: mupdf.PDFObject): string | null => (o.isName() ? o.asName() : null);
/** The string's text, or `''` when `o` is not a string. */
export const stringOf = (o: mupdf.PDFObject): string => (o.isString() ? o.asString() : '');
/** The object number of an indirect reference, or null for a direct object. */
export const refOf = (o: mupdf.PDFObject): number | null => (o.isIndirect() ? o.asIndirect() : null);
/** `obj.get(...path)` that tolerates a missing (null) `obj` or missing intermediate keys. */
export const dig = (obj: mupdf.PDFObject, ...path: (string | number)[]): mupdf.PDFObject => (obj.isNull() ? obj : obj.get(...path));
