/**
 * Decoded images kept across processes, beside the word stores (`layout/word-store.ts`, the compile cache's folder and
 * safety checks): a cold `handout build` of a guide whose logo it has decoded before loads no sharp and rasterises
 * nothing (the seed clinic's SVG logo took about 150 ms of the document). Only successful decodes are kept.
 *
 * A file is named by a digest of the image's bytes, the pixel limit, the code (the workers' bundle) and the installed
 * sharp and libvips packages; it holds a header, the decoded bytes and the SVG source drawn as vectors, and is used
 * only when every length matches and the decoded bytes hash to the digest in its header. Bounded: images of at most
 * {@link MAX_STORED_BYTES} decoded, at most {@link MAX_STORED_IMAGES} files, those not written for a week removed.
 * Off while the word stores are.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readPrivateFile, writeStoreFile } from '../batch/compile-cache.js';
import { wordStoreSettings } from '../layout/word-store.js';
import type { ImageAsset } from '../types/image.js';
import type { DecodeOutcome } from './decode-image.js';

const MAGIC = 'handoutkit decoded image 1\n';
/** Largest decoded image kept (logos and icons; photographs are decoded each time), and largest file read. */
export const MAX_STORED_BYTES = 512 * 1024;
const MAX_FILE_BYTES = 2 * MAX_STORED_BYTES;
/** Most decoded images kept in the folder (then none is added until stale ones are removed after a week). */
export const MAX_STORED_IMAGES = 128;

/** The header line of a file. */
interface Header {
  readonly format: 'png' | 'jpeg';
  readonly width: number;
  readonly height: number;
  readonly key: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly vector?: { readonly width: number; readonly height: number; readonly length: number };
}

let sharpIdentity: string | null | undefined;

/** The installed sharp and its native packages (`@img/*`), as the bytes of their package.json files; null if not found. */
function installedSharp(): string | null {
  if (sharpIdentity !== undefined) return sharpIdentity;
  try {
    const main = createRequire(import.meta.url).resolve('sharp');
    const root = path.resolve(path.dirname(main), '..');
    const parts = [readFileSync(path.join(root, 'package.json'), 'utf8')];
    const img = path.join(root, '..', '@img');
    let names: string[] = [];
    try {
      names = readdirSync(img).sort();
    } catch {
      // no platform packages beside it (a sharp built from source): its own version only
    }
    for (const name of names) {
      try {
        parts.push(name, readFileSync(path.join(img, name, 'package.json'), 'utf8'));
      } catch {
        parts.push(name);
      }
    }
    sharpIdentity = parts.join('\0');
  } catch {
    sharpIdentity = null;
  }
  return sharpIdentity;
}

/** The store file of `data` decoded with `maxPixels`, or undefined when the stores are off or sharp is not found. */
function fileFor(data: Buffer, maxPixels: number): string | undefined {
  const settings = wordStoreSettings();
  const sharp = settings ? installedSharp() : null;
  if (!settings || sharp === null) return undefined;
  const digest = createHash('sha256').update(`${MAGIC}${settings.key}\0${sharp}\0${maxPixels}\0`).update(data).digest('hex').slice(0, 32);
  return path.join(settings.dir, `image-${digest}.bin`);
}

const isSize = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0;

/** The outcome kept for `data` and `maxPixels`, if there is a usable one. */
export function storedDecode(data: Buffer, maxPixels: number): DecodeOutcome | undefined {
  const file = fileFor(data, maxPixels);
  const bytes = file ? readPrivateFile(file, MAX_FILE_BYTES) : undefined;
  if (!bytes || bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined;
  try {
    const end = bytes.indexOf(0x0a, MAGIC.length);
    if (end < 0) return undefined;
    const h = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as Partial<Header>;
    if ((h.format !== 'png' && h.format !== 'jpeg') || !isSize(h.width) || !isSize(h.height) || !isSize(h.bytes)) return undefined;
    if (typeof h.key !== 'string' || typeof h.sha256 !== 'string') return undefined;
    const vector = h.vector;
    if (vector !== undefined && !(isSize(vector.width) && isSize(vector.height) && isSize(vector.length))) return undefined;
    if (end + 1 + h.bytes + (vector?.length ?? 0) !== bytes.length) return undefined;
    const decoded = Buffer.alloc(h.bytes); // its own memory, as sharp's output is
    bytes.copy(decoded, 0, end + 1, end + 1 + h.bytes);
    if (createHash('sha256').update(decoded).digest('hex') !== h.sha256) return undefined;
    const svg = vector ? bytes.subarray(end + 1 + h.bytes).toString('utf8') : undefined;
    const asset: ImageAsset = {
      data: decoded,
      format: h.format,
      width: h.width,
      height: h.height,
      key: h.key,
      ...(vector && svg !== undefined ? { vector: { svg, width: vector.width, height: vector.height } } : {}),
    };
    return { ok: true, asset };
  } catch {
    return undefined;
  }
}

/** Keeps a successful outcome for `data` and `maxPixels` (atomically, mode 0600); never throws. */
export function storeDecode(data: Buffer, maxPixels: number, outcome: DecodeOutcome): void {
  if (!outcome.ok) return;
  const file = fileFor(data, maxPixels);
  if (!file) return;
  const { asset } = outcome;
  const svg = asset.vector ? Buffer.from(asset.vector.svg, 'utf8') : undefined;
  const header: Header = {
    format: asset.format,
    width: asset.width,
    height: asset.height,
    key: asset.key,
    bytes: asset.data.length,
    sha256: createHash('sha256').update(asset.data).digest('hex'),
    ...(asset.vector && svg ? { vector: { width: asset.vector.width, height: asset.vector.height, length: svg.length } } : {}),
  };
  if (!isSize(header.bytes) || (svg && svg.length === 0) || header.bytes + (svg?.length ?? 0) > MAX_STORED_BYTES) return;
  writeStoreFile(file, 'image-', '.bin', MAX_STORED_IMAGES, () =>
    Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8'), asset.data, ...(svg ? [svg] : [])]),
  );
}
