/**
 * Thresholded image comparison for the few visual tests, decoding PNGs with `sharp`.
 * References are (re)written only under `UPDATE=1`; on a mismatch the actual image is written to
 * `tests/__output__/` (git-ignored) so it can be inspected.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/** Result of {@link comparePng}. */
export interface PngComparison {
  /** Pixels where some RGBA channel differs by more than the tolerance (all pixels when the sizes differ). */
  differentPixels: number;
  /** `differentPixels` divided by the pixel count (1 when the sizes differ). */
  ratio: number;
  /** Width of the compared images (the larger one when the sizes differ). */
  width: number;
  /** Height of the compared images (the larger one when the sizes differ). */
  height: number;
  /** Whether both images have the same dimensions. */
  sameSize: boolean;
}

/** Options for {@link comparePng}. */
export interface PngCompareOptions {
  /** Largest per-channel difference (0–255) that still counts as equal; default 0. */
  channelTolerance?: number;
}

/** Decodes any image sharp reads to 8-bit RGBA. */
async function decodeRgba(png: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Compares two PNGs pixel by pixel (RGBA), counting pixels that differ beyond `channelTolerance`. */
export async function comparePng(a: Buffer, b: Buffer, opts: PngCompareOptions = {}): Promise<PngComparison> {
  const tolerance = opts.channelTolerance ?? 0;
  const [ia, ib] = await Promise.all([decodeRgba(a), decodeRgba(b)]);
  if (ia.width !== ib.width || ia.height !== ib.height) {
    const width = Math.max(ia.width, ib.width);
    const height = Math.max(ia.height, ib.height);
    return { differentPixels: width * height, ratio: 1, width, height, sameSize: false };
  }
  let differentPixels = 0;
  const pixels = ia.width * ia.height;
  for (let p = 0; p < pixels; p++) {
    const o = p * 4;
    for (let c = 0; c < 4; c++) {
      if (Math.abs((ia.data[o + c] ?? 0) - (ib.data[o + c] ?? 0)) > tolerance) {
        differentPixels++;
        break;
      }
    }
  }
  return { differentPixels, ratio: pixels === 0 ? 0 : differentPixels / pixels, width: ia.width, height: ia.height, sameSize: true };
}

/** Directory for actual images of failed comparisons: `tests/__output__/`. */
export const OUTPUT_DIR = fileURLToPath(new URL('../__output__/', import.meta.url));

/**
 * Asserts that `png` matches the reference image at `refPath` with at most `maxRatio` of its
 * pixels different (per-channel tolerance from `opts`, default 2, to absorb anti-aliasing noise).
 * With `UPDATE=1` in the environment it (re)writes the reference instead. On a mismatch, or
 * when the reference is missing, it writes the actual image to `tests/__output__/<name>.actual.png`
 * and throws an error saying where it is and how to update the reference.
 */
export async function expectMatchesReference(png: Buffer, refPath: string, maxRatio: number, opts: PngCompareOptions = {}): Promise<void> {
  if (process.env.UPDATE === '1') {
    mkdirSync(dirname(refPath), { recursive: true });
    writeFileSync(refPath, png);
    return;
  }
  const actualPath = join(OUTPUT_DIR, `${basename(refPath).replace(/\.png$/i, '')}.actual.png`);
  const writeActual = (): void => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(actualPath, png);
  };
  if (!existsSync(refPath)) {
    writeActual();
    throw new Error(
      `Reference image ${refPath} does not exist; the actual image is at ${actualPath}. Run the test with UPDATE=1 to create the reference.`,
    );
  }
  const result = await comparePng(png, readFileSync(refPath), { channelTolerance: opts.channelTolerance ?? 2 });
  if (result.ratio > maxRatio) {
    writeActual();
    const what = result.sameSize
      ? `${result.differentPixels} of ${result.width * result.height} pixels differ (ratio ${result.ratio.toFixed(5)}, allowed ${maxRatio})`
      : `the image sizes differ`;
    throw new Error(
      `Image does not match reference ${refPath}: ${what}. Actual image: ${actualPath}. If the change is intended, run with UPDATE=1.`,
    );
  }
}
