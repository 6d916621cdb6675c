/** Locates the package root (where `templates/`, `locales/` and `fonts/` live). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The handoutkit package folder, found from this module's location (works from `src/` and `dist/`). */
export function packageDir(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'templates'))) {
      cached = dir;
      return dir;
    }
    dir = path.dirname(dir);
  }
  throw new Error('handoutkit: package folder not found');
}
