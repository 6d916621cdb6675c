/** Makes a clinic profile the tests have never seen: random name, colours, phone and a generated logo. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

/** A generated clinic on disk. */
export interface UnseenClinic {
  readonly file: string;
  readonly name: string;
  readonly phone: string;
  readonly primary: string;
  readonly primaryRgb: readonly [number, number, number];
}

function randomInt(lo: number, hi: number): number {
  return lo + Math.floor(Math.random() * (hi - lo + 1));
}

/** Writes `clinic.yaml` and `logo.png` into a fresh temp folder. */
export async function makeUnseenClinic(paper: 'letter' | 'a4' = 'letter'): Promise<UnseenClinic> {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'handout-clinic-')), `clinic-${randomInt(1000, 9999)}`);
  mkdirSync(dir);
  const towns = ['Lakeside', 'Cedar Ridge', 'Maple Hollow', 'Brookfield', 'Stonebridge', 'Willow Creek'];
  const name = `${towns[randomInt(0, towns.length - 1)]} Family Health ${randomInt(10, 99)}`;
  const phone = `(555) ${randomInt(100, 999)}-${randomInt(1000, 9999)}`;
  // a saturated primary, easy to find in rendered pixels and dark enough for the contrast gate (≥ 4.5:1 on white)
  const rgb: [number, number, number] = [randomInt(10, 60), randomInt(60, 110), randomInt(130, 190)];
  const primary =
    '#' +
    rgb
      .map((c) => c.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
  const logo = await sharp({ create: { width: 120, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([
      {
        input: Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"><circle cx="60" cy="60" r="56" fill="${primary}"/><rect x="50" y="25" width="20" height="70" fill="#fff"/></svg>`,
        ),
      },
    ])
    .png()
    .toBuffer();
  writeFileSync(path.join(dir, 'logo.png'), logo);
  writeFileSync(
    path.join(dir, 'clinic.yaml'),
    [
      `name: "${name}"`,
      'logo: logo.png',
      `colors: { primary: "${primary}", accent: "#F2F4F7", text: "#202020" }`,
      `contact: { phone: "${phone}", website: https://unseen.example.org, address: "1 Test Way", email: front@unseen.example.org }`,
      `paper: ${paper}`,
      'footer: "Generated for an end-to-end test."',
      '',
    ].join('\n'),
  );
  return { file: path.join(dir, 'clinic.yaml'), name, phone, primary, primaryRgb: rgb };
}
