import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearImageCache, DEFAULT_IMAGE_LIMITS, imageCacheSize, loadImage, type ImageLimits } from '../../src/assets/load-image.js';
import { Diagnostics, formatDiagnostic, type SourcePlace } from '../../src/diagnostics.js';
import { nodeWorld, type World } from '../../src/world.js';

const FIXTURES = path.resolve('tests/fixtures/images');
const PLACE: SourcePlace = { file: 'content/guides/demo/en.md', line: 7, column: 3 };

async function load(ref: string, opts: { base?: string; roots?: readonly string[]; world?: World; limits?: ImageLimits } = {}) {
  const diags = new Diagnostics();
  const base = opts.base ?? FIXTURES;
  const asset = await loadImage(ref, base, opts.roots ?? [base], opts.world ?? nodeWorld, PLACE, diags, opts.limits);
  return { asset, diags, lines: diags.list.map(formatDiagnostic) };
}

/** Expects exactly one error with the given rule at PLACE and returns its formatted line. */
async function refusal(ref: string, rule: string, opts: Parameters<typeof load>[1] = {}): Promise<string> {
  const { asset, diags, lines } = await load(ref, opts);
  expect(asset).toBeUndefined();
  expect(diags.list).toHaveLength(1);
  expect(diags.list[0]!.ruleId).toBe(rule);
  expect(diags.list[0]!.severity).toBe('error');
  expect(lines[0]!.startsWith('content/guides/demo/en.md:7:3: error image `')).toBe(true);
  expect(lines[0]!.endsWith(`[${rule}]`)).toBe(true);
  return lines[0]!;
}

beforeEach(() => clearImageCache());

describe('loadImage: accepted formats', () => {
  it('keeps PNG as PNG with its alpha channel and no metadata', async () => {
    const { asset, diags } = await load('tiny.png');
    expect(diags.list).toEqual([]);
    expect(asset).toMatchObject({ format: 'png', width: 8, height: 6 });
    const meta = await sharp(asset!.data).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 8, height: 6, channels: 4, hasAlpha: true });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
  });

  it('passes a plain baseline JPEG through byte for byte', async () => {
    const original = readFileSync(path.join(FIXTURES, 'tiny.jpg'));
    const { asset } = await load('tiny.jpg');
    expect(asset).toMatchObject({ format: 'jpeg', width: 8, height: 6 });
    expect(asset!.data.equals(original)).toBe(true);
  });

  it('passes progressive and greyscale JPEGs through without re-encoding', async () => {
    for (const name of ['progressive.jpg', 'gray.jpg']) {
      const original = readFileSync(path.join(FIXTURES, name));
      const { asset } = await load(name);
      expect(asset?.format).toBe('jpeg');
      expect(asset!.data.equals(original)).toBe(true);
    }
  });

  it('strips EXIF from a JPEG without touching the coded image', async () => {
    const original = readFileSync(path.join(FIXTURES, 'with-exif.jpg'));
    expect(original.includes('secret-exif-marker')).toBe(true);
    const { asset } = await load('with-exif.jpg');
    expect(asset?.format).toBe('jpeg');
    expect(asset!.data.includes('secret-exif-marker')).toBe(false);
    expect(asset!.data.length).toBeLessThan(original.length);
    // Same pixels and the same coded bytes as the EXIF-free twin.
    expect(asset!.data.equals(readFileSync(path.join(FIXTURES, 'tiny.jpg')))).toBe(true);
  });

  it('applies EXIF orientation (8×6 stored, orientation 6 → 6×8) and drops the tag', async () => {
    const { asset } = await load('rotated.jpg');
    expect(asset).toMatchObject({ format: 'jpeg', width: 6, height: 8 });
    const meta = await sharp(asset!.data).metadata();
    expect([meta.width, meta.height]).toEqual([6, 8]);
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
  });

  it('converts a CMYK JPEG to an RGB JPEG', async () => {
    const { asset } = await load('cmyk.jpg');
    expect(asset?.format).toBe('jpeg');
    const meta = await sharp(asset!.data).metadata();
    expect(meta).toMatchObject({ space: 'srgb', channels: 3 });
  });

  it('converts WebP to PNG keeping alpha', async () => {
    const { asset } = await load('tiny.webp');
    expect(asset).toMatchObject({ format: 'png', width: 8, height: 6 });
    expect((await sharp(asset!.data).metadata()).hasAlpha).toBe(true);
  });

  it('takes the first frame of an animated GIF', async () => {
    const { asset } = await load('animated.gif');
    expect(asset).toMatchObject({ format: 'png', width: 8, height: 6 });
    const { data } = await sharp(asset!.data).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([255, 0, 0]); // frame 1 is red, frame 2 blue
  });

  it('reduces a 16-bit PNG to 8 bits per channel', async () => {
    const { asset } = await load('deep16.png');
    expect((await sharp(asset!.data).metadata()).depth).toBe('uchar');
    expect(asset!.data[24]).toBe(8); // IHDR bit depth
  });

  it('rasterises SVG at about 300 dpi of its natural size (48×24 px → 150×75)', async () => {
    const { asset, diags } = await load('tiny.svg');
    expect(diags.list).toEqual([]);
    expect(asset).toMatchObject({ format: 'png', width: 150, height: 75 });
  });

  it('caps a large SVG at 2400 px on its longer side', async () => {
    const { asset } = await load('wide.svg');
    expect(asset).toMatchObject({ format: 'png', width: 2400, height: 600 });
  });
});

describe('loadImage: determinism and caching', () => {
  it('returns identical bytes and key on every load, keyed by the sha256 of the output', async () => {
    for (const name of ['tiny.png', 'tiny.svg', 'rotated.jpg', 'animated.gif']) {
      const first = (await load(name)).asset!;
      clearImageCache();
      const second = (await load(name)).asset!;
      expect(second.data.equals(first.data)).toBe(true);
      expect(second.key).toBe(first.key);
      expect(first.key).toBe(createHash('sha256').update(first.data).digest('hex').slice(0, 16));
    }
  });

  it('decodes the same file once per process', async () => {
    const a = (await load('tiny.png')).asset!;
    const b = (await load('tiny.png')).asset!;
    expect(imageCacheSize()).toBe(1);
    expect(b).toBe(a);
  });

  it('reports a cached failure again at the new place', async () => {
    await refusal('truncated.png', 'image-corrupt');
    const diags = new Diagnostics();
    await loadImage('truncated.png', FIXTURES, [FIXTURES], nodeWorld, { file: 'other.md', line: 2, column: 5 }, diags);
    expect(diags.list.map(formatDiagnostic)[0]).toMatch(/^other\.md:2:5: error image `truncated\.png` could not be decoded/);
  });
});

describe('loadImage: refusals', () => {
  it('refuses a missing file [image-not-found]', async () => {
    const line = await refusal('nope.png', 'image-not-found');
    expect(line).toContain('`nope.png` was not found');
  });

  it('refuses a file whose content is not an image, whatever its name [image-unsupported]', async () => {
    const line = await refusal('not-an-image.png', 'image-unsupported');
    expect(line).toContain('named `.png` but its contents are not PNG data');
    expect(line).toContain('PNG, JPEG, WebP, GIF (first frame) or SVG');
  });

  it('refuses TIFF with the detected format and the allowed list [image-unsupported]', async () => {
    const line = await refusal('tiny.tiff', 'image-unsupported');
    expect(line).toContain('`tiny.tiff` is a TIFF image; allowed formats are PNG, JPEG, WebP, GIF (first frame) or SVG');
  });

  it('refuses truncated PNG, truncated JPEG and malformed SVG [image-corrupt]', async () => {
    for (const name of ['truncated.png', 'truncated.jpg', 'broken.svg']) {
      const line = await refusal(name, 'image-corrupt');
      expect(line).toContain(`\`${name}\` could not be decoded`);
      expect(line).toContain('truncated or corrupt');
    }
  });

  it('refuses a file over the byte limit [image-too-large]', async () => {
    const line = await refusal('tiny.png', 'image-too-large', { limits: { maxPixels: DEFAULT_IMAGE_LIMITS.maxPixels, maxBytes: 100 } });
    expect(line).toContain('larger than the');
  });

  it('refuses an image over the pixel limit, including a rasterised SVG [image-too-large]', async () => {
    const limits = { maxPixels: 40, maxBytes: DEFAULT_IMAGE_LIMITS.maxBytes };
    expect(await refusal('tiny.png', 'image-too-large', { limits })).toContain('8×6 pixels');
    expect(await refusal('tiny.svg', 'image-too-large', { limits })).toContain('150×75 pixels');
  });

  it('refuses remote URLs without fetching [image-remote]', async () => {
    for (const ref of ['http://example.org/logo.png', 'https://example.org/logo.png', 'data:image/png;base64,AAAA']) {
      const line = await refusal(ref, 'image-remote');
      expect(line).toContain('never downloaded');
    }
  });

  it('refuses an empty reference', async () => {
    const { asset, lines } = await load('  ');
    expect(asset).toBeUndefined();
    expect(lines).toEqual([
      expect.stringMatching(/^content\/guides\/demo\/en\.md:7:3: error image reference is empty; .* \[image-not-found\]$/),
    ]);
  });

  it('never throws when the world throws', async () => {
    const world: World = {
      read() {
        throw new Error('EACCES: permission denied');
      },
    };
    const line = await refusal('tiny.png', 'image-not-found', { world });
    expect(line).toContain('EACCES');
  });
});

describe('loadImage: confinement', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'handoutkit-img-'));
  const root = path.join(tmp, 'content');
  const outside = path.join(tmp, 'outside');
  mkdirSync(path.join(root, 'guide'), { recursive: true });
  mkdirSync(outside);
  copyFileSync(path.join(FIXTURES, 'tiny.png'), path.join(outside, 'secret.png'));
  copyFileSync(path.join(FIXTURES, 'tiny.png'), path.join(root, 'guide', 'ok.png'));
  symlinkSync(path.join(outside, 'secret.png'), path.join(root, 'guide', 'link.png'));
  symlinkSync(path.join(root, 'guide', 'ok.png'), path.join(root, 'guide', 'inner-link.png'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const opts = { base: path.join(root, 'guide'), roots: [root] };

  it('loads a file inside the root, and a symlink that stays inside', async () => {
    expect((await load('ok.png', opts)).asset?.format).toBe('png');
    expect((await load('inner-link.png', opts)).asset?.format).toBe('png');
  });

  it('refuses a ../ escape [image-outside-content]', async () => {
    const line = await refusal('../../outside/secret.png', 'image-outside-content', opts);
    expect(line).toContain('is outside the content folder');
    expect(line).toContain(root);
  });

  it('refuses an absolute path, even one inside the root [image-outside-content]', async () => {
    const line = await refusal(path.join(root, 'guide', 'ok.png'), 'image-outside-content', opts);
    expect(line).toContain('is an absolute path');
  });

  it('refuses a symlink pointing outside the root [image-outside-content]', async () => {
    await refusal('link.png', 'image-outside-content', opts);
  });

  it('never lets an SVG pull in files by itself (absolute, file:// or ../ references stay blank)', async () => {
    const secret = path.join(outside, 'secret.png');
    const refs = [secret, `file://${secret}`, '../../outside/secret.png'];
    const images = refs.map((r) => `<image href="${r}" width="10" height="10"/>`).join('');
    writeFileSync(path.join(root, 'guide', 'sneaky.svg'), `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${images}</svg>`);
    const { asset, diags } = await load('sneaky.svg', opts);
    expect(diags.list).toEqual([]);
    const stats = await sharp(asset!.data).stats();
    expect(stats.channels.map((c) => c.max)).toEqual([0, 0, 0, 0]);
  });

  it('refuses a folder [image-not-a-file]', async () => {
    await refusal('.', 'image-not-a-file', opts);
  });
});

describe('loadImage: SVG cost is bounded before rasterising', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'handout-svgcost-'));
  const svg = (name: string, body: string): string => {
    writeFileSync(path.join(dir, name), body);
    return name;
  };
  const opts = { base: dir, roots: [dir] };

  it('refuses a 213-byte logo with feMorphology radius 1000 at once [image-too-complex]', async () => {
    const ref = svg(
      'morph.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800"><filter id="f"><feMorphology operator="dilate" radius="1000"/></filter><rect width="800" height="800" filter="url(#f)"/></svg>',
    );
    const started = Date.now();
    const line = await refusal(ref, 'image-too-complex', opts);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(line).toContain('`feMorphology` filter has radius 1000');
  });

  it.each([
    ['blur', '<feGaussianBlur stdDeviation="5000"/>', 'stdDeviation 5000'],
    ['convolution', '<feConvolveMatrix order="200" kernelMatrix="1"/>', 'order 200'],
    ['turbulence', '<feTurbulence numOctaves="100000"/>', 'numOctaves 100000'],
  ])('refuses a costly %s filter', async (name, primitive, words) => {
    const ref = svg(
      `${name}.svg`,
      `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><filter id="f">${primitive}</filter><rect width="100" height="100" filter="url(#f)"/></svg>`,
    );
    expect(await refusal(ref, 'image-too-complex', opts)).toContain(words);
  });

  it('refuses a huge filter region', async () => {
    const ref = svg(
      'region.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><filter id="f" width="100000%"><feOffset dx="1"/></filter><rect width="9" height="9" filter="url(#f)"/></svg>',
    );
    expect(await refusal(ref, 'image-too-complex', opts)).toContain('`<filter>` region is too large');
  });

  it('keeps modest filters (a small blur on a logo)', async () => {
    const ref = svg(
      'soft.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><filter id="f"><feGaussianBlur stdDeviation="2"/></filter><rect width="100" height="50" fill="#36c" filter="url(#f)"/></svg>',
    );
    const { asset, diags } = await load(ref, opts);
    expect(diags.list).toEqual([]);
    expect(asset).toMatchObject({ format: 'png', width: 313, height: 156 });
  });

  it('scales an SVG with width=1e8 and a viewBox to its printed size instead of refusing it', async () => {
    const ref = svg(
      'huge.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" width="1e8" height="5e7" viewBox="0 0 200 100"><rect width="100" height="100" fill="#c00"/><rect x="100" width="100" height="100" fill="#00c"/></svg>',
    );
    const { asset, diags } = await load(ref, opts);
    expect(diags.list).toEqual([]);
    expect(asset).toMatchObject({ format: 'png', width: 2400, height: 1200 });
    const { data } = await sharp(asset!.data).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number): number[] => [...data.subarray((y * 2400 + x) * 4, (y * 2400 + x) * 4 + 3)];
    expect(px(600, 600)).toEqual([204, 0, 0]); // left half red: the drawing is scaled, not cropped
    expect(px(1800, 600)).toEqual([0, 0, 204]);
  });

  it('draws a 1×100000 SVG (a thin rule) instead of calling it corrupt', async () => {
    const ref = svg(
      'thin.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"><rect width="1" height="100000" fill="#000"/></svg>',
    );
    const { asset, diags } = await load(ref, opts);
    expect(diags.list).toEqual([]);
    expect(asset).toMatchObject({ format: 'png', width: 1, height: 2400 });
  });
});
