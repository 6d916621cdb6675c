import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { stripJpeg } from '../../src/assets/jpeg-strip.js';

const FIXTURES = path.resolve('tests/fixtures/images');
const read = (name: string) => readFileSync(path.join(FIXTURES, name));

/** Marker bytes (second byte of each FFxx segment before the first scan). */
function markers(jpeg: Buffer): number[] {
  const out: number[] = [];
  let pos = 2;
  while (pos + 4 <= jpeg.length && jpeg[pos] === 0xff) {
    const m = jpeg[pos + 1]!;
    out.push(m);
    if (m === 0xda) break;
    pos += 2 + jpeg.readUInt16BE(pos + 2);
  }
  return out;
}

describe('stripJpeg', () => {
  it('removes APP1 (EXIF) and comments, keeps what decoding needs', async () => {
    const src = read('with-exif.jpg');
    expect(markers(src)).toContain(0xe1);
    const withComment = Buffer.concat([src.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x00, 0x07]), Buffer.from('hello'), src.subarray(2)]);
    const res = stripJpeg(withComment);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(markers(res.data)).not.toContain(0xe1);
    expect(markers(res.data)).not.toContain(0xfe);
    expect(markers(res.data)).toEqual(expect.arrayContaining([0xdb, 0xc4, 0xc0, 0xda]));
    const [a, b] = await Promise.all([sharp(res.data).raw().toBuffer(), sharp(src).raw().toBuffer()]);
    expect(a.equals(b)).toBe(true);
  });

  it('drops bytes appended after the end-of-image marker', () => {
    const src = read('tiny.jpg');
    const res = stripJpeg(Buffer.concat([src, Buffer.from('trailing zip or video data')]));
    expect(res).toEqual({ ok: true, data: src });
  });

  it('handles the several scans of a progressive JPEG', () => {
    const src = read('progressive.jpg');
    expect(stripJpeg(src)).toEqual({ ok: true, data: src });
  });

  it('refuses CMYK (4 components), truncated data and non-JPEG input', () => {
    expect(stripJpeg(read('cmyk.jpg'))).toMatchObject({ ok: false, reason: '4 colour components' });
    expect(stripJpeg(read('truncated.jpg')).ok).toBe(false);
    expect(stripJpeg(read('tiny.png'))).toMatchObject({ ok: false, reason: 'no SOI marker' });
  });

  it('refuses arithmetic-coded frames', () => {
    const src = Buffer.from(read('tiny.jpg'));
    const sof = src.indexOf(Buffer.from([0xff, 0xc0]));
    src[sof + 1] = 0xc9;
    expect(stripJpeg(src)).toMatchObject({ ok: false, reason: 'frame type 0xc9 is not baseline or progressive' });
  });
});
