/**
 * The PDF/UA-1 test checker's public API, kept at this path for existing importers. The
 * implementation lives in `./pdfua/` (see `./pdfua/index.ts`).
 */
export {
  PDFUA_RULES,
  STANDARD_STRUCTURE_TYPES,
  checkPdfUa,
  parseContentStream,
  parseToUnicodeCMap,
  structureText,
  type CsDict,
  type CsName,
  type CsOperation,
  type CsString,
  type CsValue,
  type PdfUaRule,
  type PdfUaViolation,
} from './pdfua/index.js';
