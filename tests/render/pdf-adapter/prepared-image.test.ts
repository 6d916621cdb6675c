/**
 * Prepared images (`src/render/pdf-adapter/prepared-image.ts`) replay PDFKit's own
 * embedding; these tests fail if a PDFKit upgrade changes the internals they rely on,
 * and check that a replayed image gives the same bytes as PDFKit embedding it, for
 * every kind of PNG (alpha, 16-bit, palette with transparency, interlaced, plain) and JPEG.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPdfDocument, documentBytes, openImage as openAny, type Doc } from '../../../src/render/pdf-adapter/index.js';
import { isReplayed, prepareImages, supportsPreparedImages, type EmbeddableImage } from '../../../src/render/pdf-adapter/prepared-image.js';

/** The adapter's `openImage` (prepared replay, else PDFKit's own). */
const openImage = (doc: Doc, data: Buffer): EmbeddableImage => openAny(doc, data) as EmbeddableImage;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (p: string): Buffer => readFileSync(path.join(root, p));
const info = { title: 't', author: 'a', subject: 's', lang: 'en', created: new Date(0), direction: 'ltr' as const };

const images: Record<string, Buffer> = {};

beforeAll(async () => {
  const rgba = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 200, g: 30, b: 90, alpha: 0.5 } } })
    .png()
    .toBuffer();
  images['png with alpha'] = fixture('tests/fixtures/clinics/harbor-health/logo.png');
  images['png rgba'] = rgba;
  images['png 16-bit'] = fixture('tests/fixtures/images/deep16.png');
  images['png plain'] = fixture('tests/fixtures/images/tiny.png');
  images['png palette with transparency'] = await sharp(rgba).png({ palette: true }).toBuffer();
  images['png interlaced'] = await sharp(rgba).removeAlpha().png({ progressive: true }).toBuffer();
  images['jpeg'] = fixture('tests/fixtures/images/tiny.jpg');
  images['jpeg cmyk'] = fixture('tests/fixtures/images/cmyk.jpg');
});

/** Two pages, each drawing `data` twice and another image once, through `open`. */
async function pdfWith(data: Buffer, other: Buffer, prepare: boolean): Promise<{ bytes: Buffer; replayed: boolean[] }> {
  const doc: Doc = createPdfDocument(info, false, false);
  if (prepare) await prepareImages(doc, [data, other]);
  const replayed: boolean[] = [];
  const a = openImage(doc, data);
  const b = openImage(doc, other);
  replayed.push(isReplayed(a), isReplayed(b));
  for (let p = 0; p < 2; p++) {
    doc.addPage({ size: [200, 200], margin: 0 });
    doc.image(a as unknown as Buffer, 10, 10, { width: 50 });
    doc.image(b as unknown as Buffer, 70, 10, { width: 50 });
    doc.image(a as unknown as Buffer, 10, 70, { width: 20 });
  }
  return { bytes: await documentBytes(doc), replayed };
}

describe('prepared images', () => {
  it('finds the PDFKit internals it relies on', () => {
    expect(supportsPreparedImages(createPdfDocument(info, false))).toBe(true);
  });

  it('falls back to PDFKit before an image is prepared', async () => {
    const fresh = Buffer.from(images['png plain']!); // a buffer never prepared
    const { replayed } = await pdfWith(fresh, Buffer.from(images['jpeg']!), false);
    expect(replayed).toEqual([false, false]);
  });

  it.each([
    'png with alpha',
    'png rgba',
    'png 16-bit',
    'png plain',
    'png palette with transparency',
    'png interlaced',
    'jpeg',
    'jpeg cmyk',
  ])('gives the bytes PDFKit gives: %s', async (name) => {
    // one image whose embedding finishes in a zlib callback per document: PDFKit's order is then fixed
    const data = images[name]!;
    const other =
      name.includes('alpha') || name === 'png rgba' || name.includes('interlaced') || name.includes('palette')
        ? images['jpeg']!
        : images['png rgba']!;
    const own = await pdfWith(Buffer.from(data), Buffer.from(other), false);
    const replay = await pdfWith(data, other, true);
    expect(replay.replayed).toEqual([true, true]);
    expect(replay.bytes.equals(own.bytes)).toBe(true);
    // and again, from the same preparation
    expect((await pdfWith(data, other, true)).bytes.equals(own.bytes)).toBe(true);
  });

  it('finishes several late images in drawing order, the same bytes every time', async () => {
    // PDFKit finishes them in whatever order zlib's thread pool completes; a replay is deterministic
    const a = images['png with alpha']!;
    const b = images['png rgba']!;
    const first = await pdfWith(a, b, true);
    const second = await pdfWith(a, b, true);
    expect(first.replayed).toEqual([true, true]);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    const text = first.bytes.toString('latin1');
    const smasks = [
      ...text.matchAll(/\/Height (\d+)\s+\/Width \d+\s+\/BitsPerComponent 8\s+\/Filter \/FlateDecode\s+\/ColorSpace \/DeviceGray/g),
    ].map((m) => Number(m[1]));
    expect(smasks).toEqual([240, 30]); // the logo's soft mask first, as drawn
  });

  it('leaves a buffer PDFKit cannot open to PDFKit (which reports it)', async () => {
    const doc = createPdfDocument(info, false, false);
    const junk = Buffer.from('not an image');
    await prepareImages(doc, [junk]);
    expect(() => openImage(doc, junk)).toThrow();
  });
});
