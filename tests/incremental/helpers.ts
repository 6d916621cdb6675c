/** A throwaway content folder (two guides, one with an image, a clinic with a logo) and a CLI runner for the incremental tests. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { runHandout } from '../helpers/cli.js';

export const ROOT = path.resolve('.');

/** Files of a workspace. */
export interface Workspace {
  readonly dir: string;
  readonly guideA: string;
  readonly guideB: string;
  readonly image: string;
  readonly clinic: string;
  readonly logo: string;
}

const front = (id: string): string => `---\nid: ${id}\ntitle: Guide ${id}\nlang: en\nversion: 1\n---\n\n`;

/** Creates a workspace: guide `alpha` uses `chart.png`, guide `beta` has no image. */
export async function workspace(): Promise<Workspace> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-incr-'));
  const adir = path.join(dir, 'content/guides/alpha');
  const bdir = path.join(dir, 'content/guides/beta');
  const cdir = path.join(dir, 'content/clinics/test-clinic');
  for (const d of [adir, bdir, cdir]) mkdirSync(d, { recursive: true });
  const image = path.join(adir, 'chart.png');
  writeFileSync(image, await pngOf('#336699'));
  writeFileSync(path.join(adir, 'en.md'), `${front('alpha')}## Before\n\nCall {{clinic.name}} first.\n\n![A blue square](chart.png)\n`);
  writeFileSync(path.join(bdir, 'en.md'), `${front('beta')}## After\n\nRest for 15 minutes.\n`);
  const logo = path.join(cdir, 'logo.svg');
  copyFileSync(path.join(ROOT, 'content/clinics/example-community/logo.svg'), logo);
  const clinic = path.join(cdir, 'clinic.yaml');
  writeFileSync(clinic, readFileSync(path.join(ROOT, 'content/clinics/example-community/clinic.yaml'), 'utf8'));
  return { dir, guideA: path.join(adir, 'en.md'), guideB: path.join(bdir, 'en.md'), image, clinic, logo };
}

/**
 * A PNG of one colour, wide enough to print at the column's width above 150 ppi (a smaller one
 * would get the `image-low-resolution` warning, and these tests expect no warnings).
 */
export function pngOf(color: string): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 16, channels: 3, background: color } })
    .png()
    .toBuffer();
}

/** Result of one CLI run; `status` maps each printed output (relative path) to `built` or `up to date`. */
export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly status: Readonly<Record<string, 'built' | 'up to date'>>;
}

/** Runs `handout` in `cwd`. */
export async function run(args: readonly string[], cwd: string): Promise<Run> {
  const { code, out, err } = await runHandout(args, cwd);
  const status: Record<string, 'built' | 'up to date'> = {};
  for (const line of out.split('\n')) {
    const m = /^(.+) \((up to date|\d+ pages?)\)$/.exec(line);
    if (m) status[m[1]!] = m[2] === 'up to date' ? 'up to date' : 'built';
  }
  return { code, out, err, status };
}
