/**
 * SVG images drawn as vector graphics with `svg-to-pdfkit` (which draws through PDFKit's public
 * path, colour and gradient calls). Guarded by `tests/render/pdf-adapter/vector-image.test.ts`.
 *
 * Only SVGs that `isVectorSafe` accepts reach here (shapes, paths, gradients). Each distinct SVG is
 * first drawn once into a scratch document: if `svg-to-pdfkit` warns, throws or selects a font,
 * the image keeps its raster path, so the vector path never draws less than the raster would.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { VectorSource } from '../../assets/svg-vector.js';
import type { Doc } from './document.js';

/** Verdicts kept before the memo is emptied (each distinct SVG source is one entry). */
const MAX_VERDICTS = 256;

/**
 * What the scratch drawing found: whether the SVG draws cleanly, and when it used no page
 * resource (no gradient, opacity state or image: only paths and colours), the content operators
 * it wrote, which every later drawing replays instead of parsing and converting the SVG again.
 */
interface Verdict {
  readonly ok: boolean;
  readonly content?: string;
  /** The opacity states it set, in order (`_doOpacity` arguments), and the name each got in the scratch document. */
  readonly opacity?: readonly (readonly [number | null, number | null, string])[];
}
const verdicts = new Map<string, Verdict>();

/** The parts of PDFKit's document used for recording and replaying (PDFKit 0.20). */
interface ContentInternals {
  addContent(data: string): unknown;
  page: { resources: { data: Record<string, unknown> } };
  _font?: unknown;
  /** Registers an ExtGState for the opacities on the page and writes its `gs` operator. */
  _doOpacity(fill: number | null, stroke: number | null): unknown;
  /** `${fill}_${stroke}` → [ExtGState, name] (PDFKit's registry; names in first-use order). */
  _opacityRegistry: Record<string, [unknown, string]>;
}

/** Draws `v` into `doc` with its natural size mapped onto the box (x, y, width, height). */
function draw(doc: Doc, v: VectorSource, x: number, y: number, width: number, height: number, warn: (w: string) => void): void {
  doc.save();
  doc.translate(x, y).scale(width / v.width, height / v.height);
  // assumePt: one SVG user unit is one unit of the scaled space, whatever the SVG's own width/height
  SVGtoPDF(doc, v.svg, 0, 0, { width: v.width, height: v.height, assumePt: true, warningCallback: warn });
  doc.restore();
}

function judge(v: VectorSource): Verdict {
  if (!(v.width > 0 && v.height > 0)) return { ok: false };
  let ok = true;
  try {
    const scratch = new PDFDocument({ autoFirstPage: true, compress: false, font: null } as unknown as PDFKit.PDFDocumentOptions);
    const s = scratch as unknown as ContentInternals;
    const before = Object.keys(s.page.resources.data).sort().join();
    const recorded: string[] = [];
    const addContent = s.addContent.bind(scratch);
    s.addContent = (data: string) => {
      recorded.push(data);
      return addContent(data);
    };
    const opacity: [number | null, number | null, string][] = [];
    const doOpacity = s._doOpacity.bind(scratch);
    s._doOpacity = (fill, stroke) => {
      const r = doOpacity(fill, stroke);
      const entry = s._opacityRegistry[`${fill}_${stroke}`];
      if (entry) opacity.push([fill, stroke, entry[1]]);
      return r;
    };
    draw(scratch, v, 0, 0, v.width, v.height, () => (ok = false)); // the box transform is the identity here: not written
    if (s._font) ok = false; // text: it would use a font outside the font book
    if (!ok) return { ok };
    const after = Object.keys(s.page.resources.data)
      .filter((k) => k !== 'ExtGState' || opacity.length > 0)
      .sort()
      .join();
    const plain = after === before || after === [before, 'ExtGState'].sort().join();
    const gs = Object.keys(s.page.resources.data['ExtGState'] ?? {});
    // replayable: only paths, colours and opacity states we can register again
    const known = gs.every((name) => opacity.some((o) => o[2] === name));
    // recorded: our q … Q around svg-to-pdfkit's own; replayed inside a new q, box transform … Q
    return plain && known && recorded[0] === 'q' && recorded.at(-1) === 'Q'
      ? { ok, content: recorded.slice(1, -1).join('\n'), opacity }
      : { ok };
  } catch {
    return { ok: false };
  }
}

function verdictFor(v: VectorSource): Verdict {
  let verdict = verdicts.get(v.svg);
  if (!verdict) {
    verdict = judge(v);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(v.svg, verdict);
  }
  return verdict;
}

/**
 * Whether `v` draws cleanly with `svg-to-pdfkit`: no warning, no exception, no font selected
 * (decided once per distinct SVG source in a scratch document).
 */
export function canDrawVector(v: VectorSource): boolean {
  return verdictFor(v).ok;
}

/** Whether drawing `v` replays recorded operators (no page resource needed; tests). */
export function replaysVector(v: VectorSource): boolean {
  return verdictFor(v).content !== undefined;
}

/**
 * Draws `v` at (x, y) scaled to width × height as vector graphics: the recorded operators when
 * the SVG needs no page resource (the same bytes `svg-to-pdfkit` writes), else `svg-to-pdfkit` itself.
 * @throws Error when `svg-to-pdfkit` warns (never after {@link canDrawVector} said yes for `v`).
 */
export function drawVector(doc: Doc, v: VectorSource, x: number, y: number, width: number, height: number): void {
  const verdict = verdictFor(v);
  if (verdict.content !== undefined) {
    const d = doc as unknown as ContentInternals;
    doc.save();
    doc.translate(x, y).scale(width / v.width, height / v.height);
    // the opacity states registered in this document and on this page, in the same order (their
    // `gs` operators are in the recorded content, renamed to this document's names)
    const rename = new Map<string, string>();
    for (const [fill, stroke, name] of verdict.opacity ?? []) {
      d.addContent = () => d;
      try {
        d._doOpacity(fill, stroke);
      } finally {
        delete (d as Partial<ContentInternals>).addContent; // back to PDFKit's prototype method
      }
      rename.set(name, d._opacityRegistry[`${fill}_${stroke}`]![1]);
    }
    d.addContent(
      rename.size === 0 ? verdict.content : verdict.content.replace(/\/(Gs\d+) gs/g, (_m, n: string) => `/${rename.get(n) ?? n} gs`),
    );
    doc.restore();
    return;
  }
  draw(doc, v, x, y, width, height, (w) => {
    throw new Error(`handoutkit: svg-to-pdfkit: ${w}`);
  });
}
