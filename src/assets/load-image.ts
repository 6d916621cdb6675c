/**
 * Loads an image referenced by content (a guide's `![…](…)` or a clinic's
 * `logo:`) through the {@link World}, so it stays inside the allowed roots,
 * then decodes and normalises it for PDFKit. Problems become positioned
 * diagnostics; nothing here throws on user input.
 */
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import type { Diagnostics, SourcePlace } from '../diagnostics.js';
import type { ImageAsset } from '../types/image.js';
import type { ReadResult, World } from '../world.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { ACCEPTED_IMAGE_FORMATS_TEXT, decodeImage, type DecodeOutcome } from './decode-image.js';
import { storedDecode, storeDecode } from './decode-store.js';

/** Resource limits for one image. */
export interface ImageLimits {
  /** Largest decoded size, width × height. */
  readonly maxPixels: number;
  /** Largest file size in bytes. */
  readonly maxBytes: number;
}

/** Default limits, from `DEFAULT_LIMITS` (40 megapixels; an image file as large as the largest guide file). */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = Object.freeze({
  maxPixels: DEFAULT_LIMITS.maxImagePixels,
  maxBytes: DEFAULT_LIMITS.maxFileBytes,
});

/** Entries kept in the per-process decode cache before the oldest is dropped. */
const CACHE_ENTRIES = 128;

/**
 * Decoded outcomes by content. Keyed by the real path, size and SHA-256 of
 * the bytes the World returned (a content hash is as cheap as a stat here,
 * since the bytes are already read, and it also catches same-second edits
 * that an mtime would miss), plus the pixel limit.
 */
const cache = new Map<string, Promise<DecodeOutcome>>();

/** Empties the per-process decode cache (for tests and long-running processes). */
export function clearImageCache(): void {
  cache.clear();
}

/** Number of decoded outcomes currently cached (for tests). */
export function imageCacheSize(): number {
  return cache.size;
}

function decodeCached(path: string, data: Buffer, maxPixels: number): Promise<DecodeOutcome> {
  const digest = createHash('sha256').update(data).digest('hex');
  const key = `${path}\0${data.length}\0${digest}\0${maxPixels}`;
  const hit = cache.get(key);
  if (hit) return hit;
  // across processes too, when the build workers turned the stores on (decode-store.ts)
  const stored = storedDecode(data, maxPixels);
  const pending = stored
    ? Promise.resolve(stored)
    : decodeImage(data, maxPixels).then((outcome) => {
        storeDecode(data, maxPixels, outcome);
        return outcome;
      });
  cache.set(key, pending);
  if (cache.size > CACHE_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return pending;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function megapixels(px: number): string {
  return `${(px / 1e6).toFixed(1)} megapixels`;
}

function reportRefusal(
  read: Extract<ReadResult, { ok: false }>,
  ref: string,
  roots: readonly string[],
  place: SourcePlace,
  diags: Diagnostics,
  limits: ImageLimits,
): void {
  const where = roots.length === 1 ? `\`${roots[0]}\`` : `one of ${roots.map((r) => `\`${r}\``).join(', ')}`;
  switch (read.reason) {
    case 'remote':
      diags.error(
        place,
        `image \`${ref}\` is a remote URL; images are never downloaded during a build. Save the file inside ${where} and ` +
          `refer to it with a relative path such as \`images/picture.png\``,
        'image-remote',
      );
      return;
    case 'outside-root':
      diags.error(
        place,
        `image \`${ref}\` ${isAbsolute(ref) ? 'is an absolute path' : 'is outside the content folder'}; only files inside ` +
          `${where} may be used. Copy the image next to the file that uses it and refer to it with a relative path`,
        'image-outside-content',
      );
      return;
    case 'not-found':
      diags.error(
        place,
        `image \`${ref}\` was not found (looked for \`${read.path}\`); check the spelling and letter case of the file name`,
        'image-not-found',
      );
      return;
    case 'not-a-file':
      diags.error(
        place,
        `image \`${ref}\` is not a file (\`${read.path}\` is a folder or device); refer to an image file such as ` +
          `\`${ref.replace(/\/+$/, '')}/logo.png\``,
        'image-not-a-file',
      );
      return;
    case 'too-large':
      diags.error(
        place,
        `image \`${ref}\` is larger than the ${megabytes(limits.maxBytes)} limit (${read.detail}). Export it smaller (about ` +
          `300 dpi at the printed size is enough)`,
        'image-too-large',
      );
      return;
  }
}

function reportFailure(
  outcome: Extract<DecodeOutcome, { ok: false }>,
  ref: string,
  place: SourcePlace,
  diags: Diagnostics,
  limits: ImageLimits,
): void {
  switch (outcome.kind) {
    case 'unsupported': {
      const ext = /\.([a-z0-9]+)$/i.exec(ref)?.[1]?.toLowerCase();
      const named =
        ext && ['png', 'jpg', 'jpeg', 'webp', 'gif', 'svg'].includes(ext)
          ? ` (it is named \`.${ext}\` but its contents are not ${ext.toUpperCase()} data)`
          : '';
      const what = outcome.detected ? `is a ${outcome.detected.toUpperCase()} image` : `is not an image in a recognised format${named}`;
      diags.error(
        place,
        `image \`${ref}\` ${what}; allowed formats are ${ACCEPTED_IMAGE_FORMATS_TEXT}. Convert it to PNG (or JPEG for photographs)`,
        'image-unsupported',
      );
      return;
    }
    case 'corrupt':
      diags.error(
        place,
        `image \`${ref}\` could not be decoded (${outcome.detail}); the file looks truncated or corrupt. Export or download ` +
          `it again; allowed formats are ${ACCEPTED_IMAGE_FORMATS_TEXT}`,
        'image-corrupt',
      );
      return;
    case 'too-complex':
      diags.error(
        place,
        `image \`${ref}\` would take too long to draw: ${outcome.detail}. Simplify the SVG (remove or reduce the filter), or ` +
          `export it as PNG`,
        'image-too-complex',
      );
      return;
    case 'too-many-pixels': {
      const size =
        outcome.width !== undefined && outcome.height !== undefined
          ? ` (${outcome.width}×${outcome.height} pixels, ${megapixels(outcome.width * outcome.height)})`
          : '';
      diags.error(
        place,
        `image \`${ref}\` is too large${size}; the limit is ${megapixels(limits.maxPixels)}. Scale it down (about 300 dpi at ` +
          `the printed size is enough)`,
        'image-too-large',
      );
      return;
    }
  }
}

/**
 * Reads `ref` (relative to `baseDir`, confined to `roots`) and returns it as
 * PNG or JPEG bytes ready for PDFKit, or `undefined` after recording an
 * error at `place`. Rule ids: `image-remote`, `image-outside-content`,
 * `image-not-found`, `image-not-a-file`, `image-too-large`,
 * `image-unsupported`, `image-corrupt`. Decoded results are cached per
 * process, so the same logo used by a whole batch is decoded once.
 */
export async function loadImage(
  ref: string,
  baseDir: string,
  roots: readonly string[],
  world: World,
  place: SourcePlace,
  diags: Diagnostics,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<ImageAsset | undefined> {
  if (ref.trim() === '') {
    diags.error(
      place,
      `image reference is empty; give a relative path to a ${ACCEPTED_IMAGE_FORMATS_TEXT} file, such as \`logo.png\``,
      'image-not-found',
    );
    return undefined;
  }
  let read: ReadResult;
  try {
    read = world.read(ref, baseDir, roots, limits.maxBytes);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    diags.error(place, `image \`${ref}\` could not be read (${detail}); check that the file exists and is readable`, 'image-not-found');
    return undefined;
  }
  if (!read.ok) {
    reportRefusal(read, ref, roots, place, diags, limits);
    return undefined;
  }
  const outcome = await decodeCached(read.path, read.data, limits.maxPixels);
  if (!outcome.ok) {
    reportFailure(outcome, ref, place, diags, limits);
    return undefined;
  }
  return outcome.asset;
}
