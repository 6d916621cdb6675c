/** A package folder for the font stamp tests: `fonts/` with one bundled font and a licence, and `dist/`. */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledFontsDir } from '../../../src/layout/fonts/fonts-dir.js';

/** The bundled font copied into each package folder. */
export const FONT = 'NotoSansArmenian-Bold.ttf';

/** Makes a package folder and returns its `fonts/` folder. */
export function fontPackage(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'handout-font-stamps-'));
  mkdirSync(path.join(root, 'fonts'));
  mkdirSync(path.join(root, 'dist'));
  copyFileSync(path.join(bundledFontsDir(), FONT), path.join(root, 'fonts', FONT));
  writeFileSync(path.join(root, 'fonts', 'OFL.txt'), 'licence');
  return path.join(root, 'fonts');
}
