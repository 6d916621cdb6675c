import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { OUTPUT_DIR, comparePng, expectMatchesReference } from '../png-compare.js';

/** A 10×10 white PNG with `dots` pixels (on the first row) set to `value` grey. */
async function image(dots: number, value = 0, size = 10): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * 3, 255);
  for (let i = 0; i < dots; i++) raw.fill(value, i * 3, i * 3 + 3);
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
}

describe('comparePng', () => {
  it('counts differing pixels and their ratio', async () => {
    const result = await comparePng(await image(0), await image(5));
    expect(result).toEqual({ differentPixels: 5, ratio: 0.05, width: 10, height: 10, sameSize: true });
  });

  it('ignores differences within the channel tolerance', async () => {
    const faint = await image(5, 250);
    expect((await comparePng(await image(0), faint)).differentPixels).toBe(5);
    expect((await comparePng(await image(0), faint, { channelTolerance: 5 })).differentPixels).toBe(0);
  });

  it('treats different sizes as entirely different', async () => {
    const result = await comparePng(await image(0), await image(0, 0, 12));
    expect(result).toMatchObject({ ratio: 1, sameSize: false, width: 12, height: 12 });
  });
});

describe('expectMatchesReference', () => {
  const dir = mkdtempSync(join(tmpdir(), 'png-ref-'));
  const name = `png-compare-selftest-${process.pid}`;
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(OUTPUT_DIR, `${name}.actual.png`), { force: true });
  });

  it('writes under UPDATE=1, passes within the ratio, fails beyond it and saves the actual image', async () => {
    const ref = join(dir, `${name}.png`);
    const previous = process.env.UPDATE;
    process.env.UPDATE = '1';
    try {
      await expectMatchesReference(await image(0), ref, 0);
    } finally {
      if (previous === undefined) delete process.env.UPDATE;
      else process.env.UPDATE = previous;
    }
    expect(existsSync(ref)).toBe(true);
    await expectMatchesReference(await image(3), ref, 0.05);
    const actual = await image(10);
    await expect(expectMatchesReference(actual, ref, 0.05)).rejects.toThrow(/10 of 100 pixels differ/);
    expect(readFileSync(join(OUTPUT_DIR, `${name}.actual.png`)).equals(actual)).toBe(true);
  });

  it('fails with instructions when the reference is missing', async () => {
    await expect(expectMatchesReference(await image(0), join(dir, 'missing.png'), 0)).rejects.toThrow(/UPDATE=1/);
    rmSync(join(OUTPUT_DIR, 'missing.actual.png'), { force: true });
  });
});
