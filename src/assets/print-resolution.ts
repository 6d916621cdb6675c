/**
 * Images at print resolution: how many pixels an image needs at its printed
 * size, and the resampling of an oversampled raster down to that (sharp).
 * Pure apart from a per-process cache; never touches the file system.
 */
import type SharpModule from 'sharp';
import type { ImageAsset } from '../types/image.js';

/** Most pixels per inch kept at the printed size (what a printer can use). */
export const PRINT_MAX_PPI = 300;

/** Below this many pixels per inch at the printed size an image looks blurry on paper. */
export const PRINT_MIN_PPI = 150;

/** Points per inch. */
const PT_PER_INCH = 72;

/** Pixels per inch of an image `pixels` wide printed `points` wide. */
export function pixelsPerInch(pixels: number, points: number): number {
  return points > 0 ? (pixels * PT_PER_INCH) / points : Infinity;
}

/** Pixel size to embed an image of `width` × `height` pixels printed at most `widthPt` × `heightPt` points. */
export function printPixelSize(
  width: number,
  height: number,
  widthPt: number,
  heightPt: number,
): { readonly width: number; readonly height: number } {
  const maxW = Math.max(1, Math.ceil((widthPt / PT_PER_INCH) * PRINT_MAX_PPI));
  const maxH = Math.max(1, Math.ceil((heightPt / PT_PER_INCH) * PRINT_MAX_PPI));
  if (width <= maxW && height <= maxH) return { width, height };
  // one scale for both sides (the aspect ratio is kept), fitting inside both bounds
  const scale = Math.min(maxW / width, maxH / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

type Sharp = typeof SharpModule;
let sharpModule: Promise<Sharp> | undefined;

function loadSharp(): Promise<Sharp> {
  sharpModule ??= import('sharp').then((m) => m.default);
  return sharpModule;
}

/** Resampled bytes by source buffer, then by target pixel size (`W×H`). */
const resampled = new WeakMap<Buffer, Map<string, Promise<Buffer>>>();

async function resample(asset: ImageAsset, width: number, height: number): Promise<Buffer> {
  const sharp = await loadSharp();
  const meta = await sharp(asset.data).metadata();
  const gray = meta.space === 'b-w' || meta.space === 'grey16';
  const image = sharp(asset.data, { failOn: 'error' })
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .toColourspace(gray ? 'b-w' : 'srgb');
  // same encoders as decoding (decode-image.ts): a JPEG stays a JPEG, a PNG stays a PNG with its alpha channel
  return asset.format === 'jpeg'
    ? image.jpeg({ quality: 90, chromaSubsampling: '4:4:4', mozjpeg: false, progressive: false }).toBuffer()
    : image.png({ compressionLevel: 9, adaptiveFiltering: false, palette: false, progressive: false }).toBuffer();
}

/**
 * The bytes to embed for `asset` printed at most `widthPt` × `heightPt`
 * points: the asset's own when it has at most {@link PRINT_MAX_PPI} there,
 * else resampled to that (same format, transparency kept). Cached per
 * process by source buffer and target pixel size.
 */
export function imageForPrint(asset: ImageAsset, widthPt: number, heightPt: number): Promise<Buffer> {
  const target = printPixelSize(asset.width, asset.height, widthPt, heightPt);
  if (target.width === asset.width && target.height === asset.height) return Promise.resolve(asset.data);
  let bySize = resampled.get(asset.data);
  if (!bySize) resampled.set(asset.data, (bySize = new Map<string, Promise<Buffer>>()));
  const key = `${target.width}×${target.height}`;
  let pending = bySize.get(key);
  if (!pending) {
    pending = resample(asset, target.width, target.height);
    bySize.set(key, pending);
  }
  return pending;
}
