/**
 * Decodes image bytes with sharp and normalises them to PNG (or a cleaned,
 * untouched JPEG) that PDFKit can embed. Pure: bytes in, outcome out; never
 * throws and never touches the file system.
 */
import { createHash } from 'node:crypto';
import type SharpModule from 'sharp';
import type { ImageAsset } from '../types/image.js';
import { stripJpeg } from './jpeg-strip.js';
import { preflightSvg } from './svg-preflight.js';
import { isVectorSafe } from './svg-vector.js';

/** Whether `data` looks like SVG text (an XML document whose first kilobytes open an `<svg` element). */
function looksLikeSvg(data: Buffer): boolean {
  const head = data
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<') && /<(?:[A-Za-z_][\w.-]*:)?svg[\s>/]/.test(head);
}

/** Formats accepted as input, as sharp names them. */
export const ACCEPTED_IMAGE_FORMATS = ['png', 'jpeg', 'webp', 'gif', 'svg'] as const;

/** Human-readable list of accepted formats, for messages. */
export const ACCEPTED_IMAGE_FORMATS_TEXT = 'PNG, JPEG, WebP, GIF (first frame) or SVG';

/** Target resolution when rasterising SVG at its natural size (dots per inch). */
export const SVG_TARGET_DPI = 300;

/** Longest side, in pixels, an SVG is rasterised to. */
export const SVG_MAX_SIDE = 2400;

/** Why bytes could not be turned into an image. */
export type DecodeFailure =
  | { readonly kind: 'unsupported'; readonly detected?: string }
  | { readonly kind: 'corrupt'; readonly detail: string }
  | { readonly kind: 'too-many-pixels'; readonly width?: number; readonly height?: number }
  | { readonly kind: 'too-complex'; readonly detail: string };

/** Outcome of {@link decodeImage}. */
export type DecodeOutcome = { readonly ok: true; readonly asset: ImageAsset } | ({ readonly ok: false } & DecodeFailure);

/** CSS pixels per inch: SVG user units are CSS pixels. */
const CSS_DPI = 96;
/** sharp's default density, at which one SVG user unit is one pixel. */
const BASE_DENSITY = 72;

type Sharp = typeof SharpModule;
let sharpModule: Promise<Sharp> | undefined;

/** sharp, loaded on the first decode (about 50 ms of start-up that builds without images skip). */
function loadSharp(): Promise<Sharp> {
  sharpModule ??= import('sharp').then((m) => m.default);
  return sharpModule;
}

function keyOf(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}

function failureFromError(err: unknown): DecodeFailure {
  const message = err instanceof Error ? err.message : String(err);
  if (/unsupported image format/i.test(message)) return { kind: 'unsupported' };
  if (/pixel limit/i.test(message)) return { kind: 'too-many-pixels' };
  return { kind: 'corrupt', detail: firstLine(message) };
}

function isAccepted(format: string): format is (typeof ACCEPTED_IMAGE_FORMATS)[number] {
  return (ACCEPTED_IMAGE_FORMATS as readonly string[]).includes(format);
}

/** Density giving about {@link SVG_TARGET_DPI} at natural size, capped to {@link SVG_MAX_SIDE}. */
function svgDensity(width: number, height: number): number {
  const longest = Math.max(width, height, 1);
  const scale = Math.min(SVG_TARGET_DPI / CSS_DPI, SVG_MAX_SIDE / longest);
  return Math.min(100000, Math.max(1, BASE_DENSITY * scale));
}

/**
 * Decodes `data` fully (so truncated or corrupt files are refused), applies
 * EXIF orientation, strips metadata and returns deterministic PNG bytes, or
 * the original JPEG minus its metadata when it is a plain 8-bit
 * baseline/progressive RGB or greyscale JPEG without orientation or colour
 * profile. Other JPEGs (CMYK, rotated, with ICC profile) are re-encoded as
 * JPEG rather than PNG, to keep photographs small.
 */
export async function decodeImage(original: Buffer, maxPixels: number): Promise<DecodeOutcome> {
  const sharp = await loadSharp(); // outside the try: a broken install is not a corrupt image
  let data = original;
  let rewritten = false;
  if (looksLikeSvg(original)) {
    // bounded cost before any native work: costly filters refused, extreme sizes drawn at their raster size
    const pre = preflightSvg(original, { dpi: SVG_TARGET_DPI, maxSide: SVG_MAX_SIDE });
    if (!pre.ok) return { ok: false, kind: 'too-complex', detail: pre.detail };
    rewritten = pre.data !== original;
    data = pre.data;
  }
  try {
    const meta = await sharp(data, { failOn: 'error', limitInputPixels: false }).metadata();
    if (!isAccepted(meta.format)) return { ok: false, kind: 'unsupported', detected: meta.format };
    const w = meta.width;
    const h = meta.height;
    let density: number | undefined;
    if (meta.format === 'svg') {
      density = rewritten ? BASE_DENSITY : svgDensity(w, h);
      const rw = Math.round((w * density) / BASE_DENSITY);
      const rh = Math.round((h * density) / BASE_DENSITY);
      if (rw * rh > maxPixels) return { ok: false, kind: 'too-many-pixels', width: rw, height: rh };
    } else if (w * h > maxPixels) {
      return { ok: false, kind: 'too-many-pixels', width: w, height: h };
    }
    const options = {
      failOn: 'error' as const,
      limitInputPixels: maxPixels,
      autoOrient: true,
      pages: 1,
      page: 0,
      ...(density === undefined ? {} : { density }),
    };

    if (meta.format === 'jpeg') {
      // Full decode to catch truncated or corrupt entropy data.
      await sharp(data, options).stats();
      const plainSpace = (meta.channels === 3 && meta.space === 'srgb') || (meta.channels === 1 && meta.space === 'b-w');
      const upright = meta.orientation === undefined || meta.orientation === 1;
      if (plainSpace && upright && meta.icc === undefined && meta.depth === 'uchar') {
        const stripped = stripJpeg(data);
        if (stripped.ok)
          return { ok: true, asset: { data: stripped.data, format: 'jpeg', width: w, height: h, key: keyOf(stripped.data) } };
      }
      const gray = meta.channels === 1 || meta.space === 'b-w';
      const { data: out, info } = await sharp(data, options)
        .toColourspace(gray ? 'b-w' : 'srgb')
        .jpeg({ quality: 90, chromaSubsampling: '4:4:4', mozjpeg: false, progressive: false })
        .toBuffer({ resolveWithObject: true });
      return { ok: true, asset: { data: out, format: 'jpeg', width: info.width, height: info.height, key: keyOf(out) } };
    }

    const gray = meta.space === 'b-w' || meta.space === 'grey16';
    const { data: out, info } = await sharp(data, options)
      .toColourspace(gray ? 'b-w' : 'srgb')
      .png({ compressionLevel: 9, adaptiveFiltering: false, palette: false, progressive: false })
      .toBuffer({ resolveWithObject: true });
    const svgText = meta.format === 'svg' ? data.toString('utf8') : undefined;
    const vector = svgText !== undefined && isVectorSafe(svgText) ? { vector: { svg: svgText, width: w, height: h } } : {};
    return { ok: true, asset: { data: out, format: 'png', width: info.width, height: info.height, key: keyOf(out), ...vector } };
  } catch (err) {
    return { ok: false, ...failureFromError(err) };
  }
}
