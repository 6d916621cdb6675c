/** Paths the CLI commands share: the bundled guides, and how file names are shown. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { packageDir } from '../package-dir.js';

/** Every bundled guide file (`content/guides/<id>/<lang>.md` of the package), sorted. */
export function bundledGuideFiles(): string[] {
  const dir = path.join(packageDir(), 'content', 'guides');
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const id of readdirSync(dir).sort()) {
    const gdir = path.join(dir, id);
    for (const f of readdirSync(gdir).sort()) if (f.endsWith('.md')) out.push(path.join(gdir, f));
  }
  return out;
}

/** A path as the user should see it: relative to `cwd` (`../shared/x.md` too) unless the absolute path is shorter. */
export function displayPath(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel === '' || path.isAbsolute(rel)) return file;
  return rel.startsWith('..') && abs.length < rel.length ? abs : rel;
}
