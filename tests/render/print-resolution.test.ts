/**
 * Images at print resolution (issue 10): an oversampled raster is resampled to at most 300 ppi at
 * its printed size (a JPEG stays a JPEG, a PNG keeps its transparency), and one below 150 ppi is
 * warned about at its Markdown place. The embedded images are read back with poppler's `pdfimages`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/build.js';
import { printPixelSize } from '../../src/assets/print-resolution.js';
import { missingToolReason } from '../helpers/poppler.js';

/** One row of `pdfimages -list`. */
interface Listed {
  readonly type: string;
  readonly width: number;
  readonly height: number;
  readonly enc: string;
  readonly xppi: number;
}

function listImages(pdf: Buffer, dir: string): Listed[] {
  const file = path.join(dir, 'list.pdf');
  writeFileSync(file, pdf);
  const r = spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
  return r.stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/))
    .map((c) => ({ type: c[2]!, width: Number(c[3]), height: Number(c[4]), enc: c[8]!, xppi: Number(c[12]) }));
}

const PROSE = Array.from(
  { length: 40 },
  (_, i) =>
    `Paragraph ${i + 1}: rest at home after the appointment, drink water, and call the clinic if anything worries you. Bring a friend who can drive you home and stay with you for the evening.`,
).join('\n\n');

const guide = (body: string): string => `---\nid: print-test\ntitle: Print test\nlang: en\nversion: 1\n---\n\n${body}\n`;

let dir: string;
let jpegLogo: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'handout-print-res-'));
  // a 6000×4000 photograph-like JPEG (gradient with noise, so it does not compress to nothing)
  const noise = await sharp({
    create: { width: 6000, height: 4000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 20 } },
  })
    .png()
    .toBuffer();
  jpegLogo = await sharp(noise).jpeg({ quality: 85 }).toBuffer();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A guide folder and a clinic with `logo` under `dir/<name>/`. */
function workspace(name: string, logo: { file: string; data: Buffer }, body: string, files: Record<string, Buffer> = {}) {
  const base = path.join(dir, name);
  mkdirSync(path.join(base, 'clinic'), { recursive: true });
  mkdirSync(path.join(base, 'guide'), { recursive: true });
  writeFileSync(path.join(base, 'clinic', logo.file), logo.data);
  writeFileSync(
    path.join(base, 'clinic', 'clinic.yaml'),
    `name: Print Clinic\nlogo: ${logo.file}\ncolors:\n  primary: "#1F5FAD"\ncontact:\n  phone: "(503) 555-0199"\n`,
  );
  writeFileSync(path.join(base, 'guide', 'en.md'), guide(body));
  for (const [f, data] of Object.entries(files)) writeFileSync(path.join(base, 'guide', f), data);
  return { guide: path.join(base, 'guide', 'en.md'), clinic: path.join(base, 'clinic', 'clinic.yaml') };
}

describe('print pixel size', () => {
  it('keeps an image that has at most 300 ppi, and scales a larger one to 300 ppi keeping its aspect ratio', () => {
    expect(printPixelSize(100, 50, 72, 36)).toEqual({ width: 100, height: 50 });
    expect(printPixelSize(300, 150, 72, 36)).toEqual({ width: 300, height: 150 });
    expect(printPixelSize(6000, 4000, 36, 24)).toEqual({ width: 150, height: 100 });
    expect(printPixelSize(6000, 4000, 72, 48)).toEqual({ width: 300, height: 200 });
  });
});

const missing = missingToolReason('pdfimages');

describe('images embedded at print resolution', () => {
  it.skipIf(missing !== null)(
    `a 6000×4000 JPEG logo makes a small two-page handout with the logo at 300 ppi, still a JPEG ${missing ?? ''}`,
    { timeout: 180_000 },
    async () => {
      const w = workspace('jpeg-logo', { file: 'logo.jpg', data: jpegLogo }, PROSE);
      const r = await buildHandout({ guide: w.guide, clinic: w.clinic });
      expect(r.diagnostics.filter((d) => d.severity !== 'note')).toEqual([]);
      expect(r.pdf).toBeDefined();
      expect(r.pages).toBeGreaterThanOrEqual(2);
      expect(r.pdf!.length).toBeLessThan(250_000); // 6.4 MB before
      const images = listImages(r.pdf!, dir);
      expect(images.length).toBeGreaterThan(0);
      for (const im of images) {
        expect(im.enc).toBe('jpeg');
        expect(im.width).toBeLessThanOrEqual(160);
        expect(im.width / im.height).toBeCloseTo(1.5, 1);
        expect(im.xppi).toBeLessThanOrEqual(302);
        expect(im.xppi).toBeGreaterThanOrEqual(290);
      }
    },
  );

  it.skipIf(missing !== null)(
    `a large PNG logo with transparency stays a PNG with its soft mask ${missing ?? ''}`,
    { timeout: 120_000 },
    async () => {
      const png = await sharp({ create: { width: 2000, height: 2000, channels: 4, background: { r: 20, g: 90, b: 160, alpha: 0.4 } } })
        .png()
        .toBuffer();
      const w = workspace('png-logo', { file: 'logo.png', data: png }, 'Short guide.');
      const r = await buildHandout({ guide: w.guide, clinic: w.clinic });
      expect(r.pdf).toBeDefined();
      const images = listImages(r.pdf!, dir);
      const main = images.filter((i) => i.type === 'image');
      const masks = images.filter((i) => i.type === 'smask');
      expect(main.length).toBe(1);
      expect(masks.length).toBe(1);
      expect(main[0]!.enc).not.toBe('jpeg');
      expect(main[0]!.width).toBeLessThanOrEqual(160);
      expect(masks[0]!.width).toBe(main[0]!.width);
    },
  );

  it('warns at the image’s place when an image has under 150 ppi where it is printed, once', { timeout: 120_000 }, async () => {
    const small = await sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 200, g: 200, b: 200 } } })
      .png()
      .toBuffer();
    const big = await sharp({ create: { width: 1600, height: 800, channels: 3, background: { r: 200, g: 200, b: 200 } } })
      .png()
      .toBuffer();
    const w = workspace('low-res', { file: 'logo.png', data: big }, 'Intro.\n\n![A chart](chart.png)\n\n![A sharp chart](sharp.png)', {
      'chart.png': small,
      'sharp.png': big,
    });
    const r = await buildHandout({ guide: w.guide, clinic: w.clinic });
    expect(r.pdf).toBeDefined();
    const low = r.diagnostics.filter((d) => d.ruleId === 'image-low-resolution');
    expect(low).toHaveLength(1);
    expect(low[0]).toMatchObject({ file: w.guide, line: 10, column: 1, severity: 'warning' });
    expect(low[0]!.message).toMatch(
      /^image has 96 pixels per inch at its printed size \(400×200 pixels over 4\.2 in\); it will look blurry on paper/,
    );
  });

  it(
    'warns about a low-resolution logo once, at the clinic profile’s `logo` line, though it is on every page',
    { timeout: 120_000 },
    async () => {
      const tiny = await sharp({ create: { width: 20, height: 20, channels: 3, background: { r: 10, g: 10, b: 10 } } })
        .png()
        .toBuffer();
      const w = workspace('low-res-logo', { file: 'logo.png', data: tiny }, PROSE);
      const r = await buildHandout({ guide: w.guide, clinic: w.clinic });
      expect(r.pages).toBeGreaterThanOrEqual(2);
      const low = r.diagnostics.filter((d) => d.ruleId === 'image-low-resolution');
      expect(low).toHaveLength(1);
      expect(low[0]).toMatchObject({ file: w.clinic, line: 2, severity: 'warning' });
    },
  );
});
