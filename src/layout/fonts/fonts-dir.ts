/** Where the bundled fonts are (a module of its own, so that callers needing only the folder do not load fontkit). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the bundled fonts (`fonts/` at the package root). */
export function bundledFontsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'fonts');
    if (existsSync(path.join(candidate, 'OFL.txt'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('handoutkit: bundled fonts folder not found');
}
