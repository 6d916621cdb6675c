/**
 * Checks an SVG before it is rasterised, so that a few hundred bytes cannot
 * cost minutes of native work or a huge raster:
 *
 * - filter primitives whose cost grows with a radius, a kernel or a region
 *   (`feMorphology radius`, `feGaussianBlur`/`feDropShadow stdDeviation`,
 *   `feConvolveMatrix order`, `feTurbulence numOctaves`, the `<filter>`
 *   region) are refused past fixed limits, measured in raster pixels;
 * - an extreme natural size (`width="1e8"`, or `1×100000`) is rewritten to
 *   the raster size it will be drawn at (a `viewBox` is added when missing,
 *   so the drawing scales instead of being cropped), never refused as too large
 *   or called corrupt.
 *
 * Pure: bytes in, bytes (or a refusal) out.
 */
import { Parser } from 'htmlparser2';

/** Largest morphology radius, in raster pixels. */
export const MAX_MORPHOLOGY_PX = 64;
/** Largest blur standard deviation, in raster pixels. */
export const MAX_BLUR_PX = 256;
/** Largest convolution kernel side. */
export const MAX_CONVOLVE_ORDER = 9;
/** Most turbulence octaves. */
export const MAX_OCTAVES = 10;
/** Largest filter region, as a multiple of the element's box (objectBoundingBox) or of the image (userSpaceOnUse). */
export const MAX_FILTER_REGION = 4;

/** Outcome of {@link preflightSvg}. */
export type SvgPreflight = { readonly ok: true; readonly data: Buffer } | { readonly ok: false; readonly detail: string };

/** The size an SVG is rasterised to: about `dpi` at its natural size, the longest side at most `maxSide`. */
export interface RasterTarget {
  readonly dpi: number;
  readonly maxSide: number;
}

const UNIT_PX: Readonly<Record<string, number>> = { '': 1, px: 1, pt: 96 / 72, pc: 16, in: 96, cm: 96 / 2.54, mm: 96 / 25.4 };

/** A length in CSS pixels, or undefined for a relative or unreadable one (`%`, `em`, `auto`). */
function lengthPx(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|pt|pc|in|cm|mm)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]) * UNIT_PX[(m[2] ?? '').toLowerCase()]!;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function numbers(value: string | undefined): number[] {
  if (value === undefined) return [];
  return value
    .trim()
    .split(/[\s,]+/)
    .filter((s) => s !== '')
    .map(Number)
    .filter((n) => Number.isFinite(n));
}

/** A length in a filter region attribute as a fraction (`120%` → 1.2, `1.2` → 1.2). */
function regionValue(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(%)?/i.exec(value);
  if (!m) return undefined;
  return Number(m[1]) / (m[2] ? 100 : 1);
}

interface RootTag {
  readonly start: number;
  readonly end: number;
  readonly attrs: Readonly<Record<string, string>>;
}

function scan(text: string): { root?: RootTag; elements: { name: string; attrs: Record<string, string> }[] } {
  let root: RootTag | undefined;
  const elements: { name: string; attrs: Record<string, string> }[] = [];
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
        if (!root && local === 'svg') root = { start: parser.startIndex, end: parser.endIndex, attrs };
        if (local === 'filter' || local.startsWith('fe')) elements.push({ name: local, attrs });
      },
    },
    { xmlMode: true },
  );
  parser.end(text);
  return root ? { root, elements } : { elements };
}

/** Rewrites the root tag's `width`, `height` (and `viewBox` when missing). */
function rewriteRoot(text: string, root: RootTag, width: number, height: number, viewBox: string): string {
  const tag = text.slice(root.start, root.end + 1);
  const without = tag.replace(/\s(width|height|viewBox)\s*=\s*("[^"]*"|'[^']*')/g, '');
  const open = /^<[^\s/>]+/.exec(without)![0];
  const rewritten = `${open} width="${width}" height="${height}" viewBox="${viewBox}"${without.slice(open.length)}`;
  return text.slice(0, root.start) + rewritten + text.slice(root.end + 1);
}

/**
 * Checks and, for extreme sizes, rewrites the SVG `data` for rasterising at
 * `target`. Returns the bytes to decode (the same bytes when nothing needed
 * rewriting) or why the image is refused.
 */
export function preflightSvg(data: Buffer, target: RasterTarget): SvgPreflight {
  const text = data.toString('utf8');
  const { root, elements } = scan(text);
  if (!root) return { ok: true, data };
  const vb = numbers(root.attrs.viewBox);
  const viewBox = vb.length === 4 && vb[2]! > 0 && vb[3]! > 0 ? vb : undefined;
  let w = lengthPx(root.attrs.width);
  let h = lengthPx(root.attrs.height);
  if (viewBox) {
    // a missing side follows the viewBox's aspect ratio
    if (w === undefined && h !== undefined) w = (h * viewBox[2]!) / viewBox[3]!;
    if (h === undefined && w !== undefined) h = (w * viewBox[3]!) / viewBox[2]!;
    w ??= viewBox[2]!;
    h ??= viewBox[3]!;
  }
  if (w === undefined || h === undefined) return { ok: true, data }; // sizes we cannot read: left to the decoder
  const scale = Math.min(target.dpi / 96, target.maxSide / Math.max(w, h));
  const rasterW = w * scale;
  const rasterH = h * scale;
  // raster pixels per user unit, for filter sizes
  const perUnit = viewBox ? Math.max(rasterW / viewBox[2]!, rasterH / viewBox[3]!) : scale;

  for (const el of elements) {
    const a = el.attrs;
    if (el.name === 'feMorphology') {
      const r = Math.max(0, ...numbers(a.radius)) * perUnit;
      if (r > MAX_MORPHOLOGY_PX)
        return {
          ok: false,
          detail:
            `its \`feMorphology\` filter has radius ${a.radius ?? ''}, ${Math.round(r)} pixels at the printed size; the ` +
            `limit is ${MAX_MORPHOLOGY_PX}`,
        };
    } else if (el.name === 'feGaussianBlur' || el.name === 'feDropShadow') {
      const sd = Math.max(0, ...numbers(a.stdDeviation)) * perUnit;
      if (sd > MAX_BLUR_PX)
        return {
          ok: false,
          detail:
            `its \`${el.name}\` filter has stdDeviation ${a.stdDeviation ?? ''}, ${Math.round(sd)} pixels at the ` +
            `printed size; the limit is ${MAX_BLUR_PX}`,
        };
    } else if (el.name === 'feConvolveMatrix') {
      const order = Math.max(0, ...numbers(a.order));
      if (order > MAX_CONVOLVE_ORDER)
        return { ok: false, detail: `its \`feConvolveMatrix\` filter has order ${a.order ?? ''}; the limit is ${MAX_CONVOLVE_ORDER}` };
    } else if (el.name === 'feTurbulence') {
      const octaves = Math.max(0, ...numbers(a.numOctaves));
      if (octaves > MAX_OCTAVES)
        return { ok: false, detail: `its \`feTurbulence\` filter has numOctaves ${a.numOctaves ?? ''}; the limit is ${MAX_OCTAVES}` };
    } else if (el.name === 'filter') {
      const user = a.filterUnits === 'userSpaceOnUse';
      const extent = user ? Math.max(viewBox?.[2] ?? w, viewBox?.[3] ?? h) : 1;
      for (const attr of ['x', 'y', 'width', 'height']) {
        const raw = a[attr];
        const v = user ? lengthPx(raw?.replace(/^\s*-/, '')) : regionValue(raw);
        if (v !== undefined && Math.abs(v) > MAX_FILTER_REGION * extent) {
          return {
            ok: false,
            detail:
              `its \`<filter>\` region is too large (${attr}="${raw ?? ''}"); the limit is ${MAX_FILTER_REGION} times ` +
              `the ${user ? 'image' : 'filtered element'}`,
          };
        }
      }
    }
  }

  const maxSide = target.maxSide;
  if (Math.max(w, h) * (target.dpi / 96) <= maxSide * 4 && Math.min(rasterW, rasterH) >= 1) return { ok: true, data };
  // an extreme natural size: draw it at its raster size, scaled (never cropped) through the viewBox
  const width = Math.max(1, Math.round(rasterW));
  const height = Math.max(1, Math.round(rasterH));
  const box = viewBox ? viewBox.join(' ') : `0 0 ${w} ${h}`;
  return { ok: true, data: Buffer.from(rewriteRoot(text, root, width, height, box), 'utf8') };
}
