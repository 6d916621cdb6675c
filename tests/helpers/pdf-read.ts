/**
 * Independent PDF readers for tests, built on MuPDF (the `mupdf` npm package, WASM).
 *
 * Nothing here shares code with the renderer: the point is to read our output with a reader we
 * did not write. Coordinates are PDF points with a top-left origin (MuPDF's page space); page
 * indexes are 0-based everywhere.
 */
import * as mupdf from 'mupdf';

/** A word (or a single character) found on a page, with its box in points, top-left origin. */
export interface PdfWord {
  /** 0-based page index. */
  page: number;
  /** The word's text (no whitespace), or one character in `'char'` granularity. */
  text: string;
  /** Left edge. */
  x0: number;
  /** Top edge. */
  y0: number;
  /** Right edge. */
  x1: number;
  /** Bottom edge. */
  y1: number;
}

/** Facts about one font resource used by the document's pages. */
export interface PdfFontInfo {
  /** `/BaseFont` (including any subset prefix such as `ABCDEF+`), or `(unnamed)`. */
  name: string;
  /** Whether the font program is in the file (`FontFile`, `FontFile2` or `FontFile3`); Type3 counts as embedded. */
  embedded: boolean;
  /** `/Subtype` of the font dictionary, e.g. `Type0`, `TrueType`, `Type1`, `Type3`. */
  subtype: string;
  /** Whether the font dictionary has a `/ToUnicode` stream. */
  hasToUnicode: boolean;
}

/** One outline (bookmark) entry, flattened in document order. */
export interface PdfOutlineEntry {
  /** The bookmark's title. */
  title: string;
  /** Nesting depth, 1 for top-level entries. */
  level: number;
  /** 0-based index of the target page, or -1 when the entry has no page destination. */
  page: number;
}

/** A font dictionary found while walking resources, with where it was first seen. */
export interface FoundFont {
  /** The font dictionary (resolved). */
  font: mupdf.PDFObject;
  /** The resource name it was used under, e.g. `F1`. */
  resourceName: string;
  /** 0-based index of the first page whose resources (or nested form resources) use it. */
  page: number;
}

/** Opens PDF bytes with MuPDF. Throws when the bytes are not a PDF at all. */
export function openPdf(pdf: Uint8Array): mupdf.PDFDocument {
  return new mupdf.PDFDocument(pdf);
}

/** Runs `fn` on the opened document and frees the document afterwards. */
function withPdf<T>(pdf: Uint8Array, fn: (doc: mupdf.PDFDocument) => T): T {
  const doc = openPdf(pdf);
  try {
    return fn(doc);
  } finally {
    doc.destroy();
  }
}

/** Runs `fn` on each page's structured text and returns the results in page order. */
function mapStructuredText<T>(pdf: Uint8Array, fn: (text: mupdf.StructuredText, page: number) => T): T[] {
  return withPdf(pdf, (doc) => {
    const out: T[] = [];
    const count = doc.countPages();
    for (let i = 0; i < count; i++) {
      const page = doc.loadPage(i);
      const stext = page.toStructuredText('preserve-whitespace');
      try {
        out.push(fn(stext, i));
      } finally {
        stext.destroy();
        page.destroy();
      }
    }
    return out;
  });
}

/**
 * The text of each page in MuPDF's reading order (blocks, then lines), one string per page;
 * lines end with `\n`.
 */
export function extractPageTexts(pdf: Uint8Array): string[] {
  return mapStructuredText(pdf, (stext) => stext.asText());
}

/**
 * Word boxes (or, with `granularity: 'char'`, character boxes) of every page in reading order.
 * A word is a run of non-whitespace characters on one MuPDF line.
 */
export function extractWords(pdf: Uint8Array, opts: { granularity?: 'word' | 'char' } = {}): PdfWord[] {
  const perChar = opts.granularity === 'char';
  const pages = mapStructuredText(pdf, (stext, page) => {
    const words: PdfWord[] = [];
    let current: PdfWord | null = null;
    const flush = (): void => {
      if (current) words.push(current);
      current = null;
    };
    stext.walk({
      beginLine: flush,
      endLine: flush,
      onChar(c, _origin, _font, _size, quad) {
        if (/\s/u.test(c)) {
          flush();
          return;
        }
        const xs = [quad[0], quad[2], quad[4], quad[6]];
        const ys = [quad[1], quad[3], quad[5], quad[7]];
        const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
        if (perChar) {
          words.push({ page, text: c, ...box });
          return;
        }
        if (current === null) {
          current = { page, text: c, ...box };
        } else {
          current.text += c;
          current.x0 = Math.min(current.x0, box.x0);
          current.y0 = Math.min(current.y0, box.y0);
          current.x1 = Math.max(current.x1, box.x1);
          current.y1 = Math.max(current.y1, box.y1);
        }
      },
    });
    flush();
    return words;
  });
  return pages.flat();
}

/** Renders one page (0-based) to PNG bytes at `dpi`, on an opaque white RGB background. */
export function renderPagePng(pdf: Uint8Array, pageIndex: number, dpi: number): Buffer {
  return withPdf(pdf, (doc) => {
    const count = doc.countPages();
    if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= count) {
      throw new RangeError(`renderPagePng: page index ${pageIndex} is out of range; the PDF has ${count} page(s) (0-based)`);
    }
    const page = doc.loadPage(pageIndex);
    const scale = dpi / 72;
    const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
    try {
      return Buffer.from(pixmap.asPNG());
    } finally {
      pixmap.destroy();
      page.destroy();
    }
  });
}

/** The size of every page's MediaBox (as MuPDF sees it, rotation applied) in points. */
export function pageSizes(pdf: Uint8Array): { width: number; height: number }[] {
  return withPdf(pdf, (doc) => {
    const sizes: { width: number; height: number }[] = [];
    const count = doc.countPages();
    for (let i = 0; i < count; i++) {
      const page = doc.loadPage(i);
      const [x0, y0, x1, y1] = page.getBounds();
      sizes.push({ width: x1 - x0, height: y1 - y0 });
      page.destroy();
    }
    return sizes;
  });
}

/** A stable key for an object: `n` for indirect objects, otherwise null (direct objects are not shared). */
function objectKey(obj: mupdf.PDFObject): number | null {
  return obj.isIndirect() ? obj.asIndirect() : null;
}

/**
 * Every distinct font dictionary reachable from the pages' `/Resources /Font`, including the
 * resources of form XObjects drawn by the pages (and of Type3 fonts), deduplicated by object number.
 */
export function collectFonts(doc: mupdf.PDFDocument): FoundFont[] {
  const found: FoundFont[] = [];
  const seenFonts = new Set<number>();
  const seenResources = new Set<number>();

  const visitResources = (resources: mupdf.PDFObject, page: number, depth: number): void => {
    if (!resources.isDictionary() || depth > 16) return;
    const key = objectKey(resources);
    if (key !== null) {
      if (seenResources.has(key)) return;
      seenResources.add(key);
    }
    const fonts = resources.get('Font');
    if (fonts.isDictionary()) {
      fonts.forEach((font, name) => {
        const fontKey = objectKey(font);
        if (fontKey !== null) {
          if (seenFonts.has(fontKey)) return;
          seenFonts.add(fontKey);
        }
        found.push({ font: font.resolve(), resourceName: String(name), page });
        const type3Resources = font.get('Resources');
        if (type3Resources.isDictionary()) visitResources(type3Resources, page, depth + 1);
      });
    }
    const xobjects = resources.get('XObject');
    if (xobjects.isDictionary()) {
      xobjects.forEach((xobject) => {
        if (xobject.get('Subtype').isName() && xobject.get('Subtype').asName() === 'Form') {
          visitResources(xobject.get('Resources'), page, depth + 1);
        }
      });
    }
  };

  const count = doc.countPages();
  for (let i = 0; i < count; i++) {
    visitResources(doc.findPage(i).getInheritable('Resources'), i, 0);
  }
  return found;
}

/** Describes one font dictionary: name, subtype, whether embedded (following Type0 → DescendantFonts), ToUnicode. */
export function describeFont(font: mupdf.PDFObject): PdfFontInfo {
  const nameObj = font.get('BaseFont');
  const name = nameObj.isName() ? nameObj.asName() : '(unnamed)';
  const subtypeObj = font.get('Subtype');
  const subtype = subtypeObj.isName() ? subtypeObj.asName() : '(none)';
  const hasToUnicode = font.get('ToUnicode').isStream();
  let embedded: boolean;
  if (subtype === 'Type3') {
    embedded = true;
  } else {
    const descriptor = subtype === 'Type0' ? font.get('DescendantFonts', 0, 'FontDescriptor') : font.get('FontDescriptor');
    embedded = !descriptor.isNull() && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.get(k).isStream());
  }
  return { name, embedded, subtype, hasToUnicode };
}

/** Every distinct font used by the pages (see {@link collectFonts}), described by {@link describeFont}. */
export function listFonts(pdf: Uint8Array): PdfFontInfo[] {
  return withPdf(pdf, (doc) => collectFonts(doc).map((f) => describeFont(f.font)));
}

/** The document outline (bookmarks), flattened depth-first; empty when there is none. */
export function outline(pdf: Uint8Array): PdfOutlineEntry[] {
  return withPdf(pdf, (doc) => {
    const out: PdfOutlineEntry[] = [];
    type Item = NonNullable<ReturnType<mupdf.PDFDocument['loadOutline']>>[number];
    const visit = (items: Item[], level: number): void => {
      for (const item of items) {
        out.push({ title: item.title ?? '', level, page: typeof item.page === 'number' ? item.page : -1 });
        if (item.down) visit(item.down, level + 1);
      }
    };
    visit(doc.loadOutline() ?? [], 1);
    return out;
  });
}
