/**
 * The PDF adapter: the only code that touches PDFKit or fontkit internals (private fields,
 * untyped calls, `as unknown as` on their objects). Each internal has a guard test in
 * `tests/render/pdf-adapter/` that fails loudly when the pinned PDFKit or fontkit changes it.
 */
export { createPdfDocument, documentBytes, type Doc } from './document.js';
export { OBJECTS_PER_STREAM, packObjectStreams } from './object-streams.js';
export { collectFileWrites, pdfKitFile, supportsFileWrites } from './file-writes.js';
export { pdfKitFinalizeOf, supportsObjectValues, valueText, writeObjectsDirectly } from './object-values.js';
export { fixMetadata, hasMetadataInternals } from './metadata.js';
export { addWidget, hasFormInternals, installAcroForm, type PdfRef, type WidgetDictionary } from './forms.js';
export { setTabOrder } from './page.js';
export { bufferPageContent, PAGE_CONTENT_DEFLATE, supportsPageContentBuffer } from './page-content.js';
export { drawImage, openImage, type OpenedImage } from './images.js';
export { prepareImages } from './prepared-image.js';
export { canDrawVector, drawVector, replaysVector } from './vector-image.js';
export { shareSubsets } from './shared-subsets.js';
export { beginTextObject, drawGlyphRun, endTextObject, inTextObject, supportsGlyphRuns, textFillColor } from './glyph-text.js';
export { registerFontkitFont } from './fonts.js';
export { keepCodePoints } from './glyphs.js';
export { clearSharedShaping, MAX_RUNS, shareShaping, sharedShapingSize, supportsSharedShaping } from './shaping.js';
export { addMarkedContent, addOutlineItem, type MarkedContent, type OutlineNode, type StructElem, type StructKid } from './structure.js';
