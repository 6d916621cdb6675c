/**
 * A structural PDF/UA-1 checker for tests, reading the file with MuPDF's low-level object API and
 * a small content-stream tokenizer of its own. It checks the machine-checkable subset of PDF/UA-1
 * that a renderer can get wrong (tagging, MCID ↔ structure tree, alt text, heading order, links,
 * form fields, fonts, metadata); it does not replace a full validator such as veraPDF.
 *
 * Pages are reported 1-based in messages; objects are named `obj N`. This module is the public
 * entry point: {@link checkPdfUa} here, and re-exports of the rest of the public API.
 */
import { openPdf } from '../pdf-read.js';
import { load, type LoadedDoc } from './document.js';
import { checkContentMarked, checkFonts, checkLang, checkTagged, checkTitle, checkXmp } from './document-rules.js';
import { checkFormFields } from './form-rules.js';
import { PDFUA_RULES, type AddViolation, type PdfUaRule, type PdfUaViolation } from './rules.js';
import { checkAnnotations, checkFigureAlt, checkHeadingOrder, checkMcidTree, checkStructTypes } from './structure-rules.js';

export { PDFUA_RULES, STANDARD_STRUCTURE_TYPES, type PdfUaRule, type PdfUaViolation } from './rules.js';
export { parseContentStream, type CsDict, type CsName, type CsOperation, type CsString, type CsValue } from './content-stream.js';
export { parseToUnicodeCMap } from './cmap.js';
export { structureText } from './text.js';

/** The rule checks, in the order they run; results are sorted by {@link PDFUA_RULES} order afterwards. */
const RULE_CHECKS: readonly ((d: LoadedDoc, add: AddViolation) => void)[] = [
  checkTagged,
  checkLang,
  checkTitle,
  checkXmp,
  checkContentMarked,
  checkMcidTree,
  checkStructTypes,
  checkFigureAlt,
  checkHeadingOrder,
  checkAnnotations,
  checkFormFields,
  checkFonts,
];

/**
 * Checks the machine-checkable PDF/UA-1 rules listed in {@link PDFUA_RULES}; an empty array means
 * the PDF passes them. Throws only when the bytes cannot be opened as a PDF.
 */
export function checkPdfUa(pdf: Uint8Array): PdfUaViolation[] {
  const doc = openPdf(pdf);
  try {
    const out: PdfUaViolation[] = [];
    const add = (rule: PdfUaRule, message: string): void => {
      out.push({ rule, message });
    };
    const d = load(doc);
    for (const check of RULE_CHECKS) check(d, add);
    const order = Object.values(PDFUA_RULES) as string[];
    return out.sort((a, b) => order.indexOf(a.rule) - order.indexOf(b.rule));
  } finally {
    doc.destroy();
  }
}
