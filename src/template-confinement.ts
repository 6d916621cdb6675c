/**
 * Confinement of a clinic's template overrides: every file under
 * `<clinic>/templates/` must really be inside the clinic folder (no symlink
 * pointing out, no linked folder), since templates are read directly.
 */
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileStart, type Diagnostics } from './diagnostics.js';

function isInside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Checks `templatesDir` (inside the folder of `clinicFile`). Records
 * `template-outside-clinic` errors, positioned at the clinic profile, and
 * returns false when anything escapes.
 */
export function checkTemplateOverrides(templatesDir: string, clinicFile: string, diags: Diagnostics): boolean {
  const place = fileStart(clinicFile);
  let clinicRoot: string;
  try {
    clinicRoot = realpathSync(path.dirname(path.resolve(clinicFile)));
  } catch {
    return true;
  }
  let ok = true;
  const refuse = (p: string, target: string): void => {
    ok = false;
    diags.error(
      place,
      `template override \`${path.relative(path.dirname(clinicFile), p)}\` points outside the clinic folder (to ` +
        `\`${target}\`); template overrides must be real files inside \`${path.dirname(clinicFile)}\`. Copy the template ` +
        `there instead of linking it`,
      'template-outside-clinic',
    );
  };
  const seen = new Set<string>(); // a folder reached twice (symlink loop) is walked once
  const walk = (p: string, depth: number): void => {
    let real: string;
    try {
      real = realpathSync(p);
    } catch {
      return; // a dangling (or self-looping) link is simply not a template
    }
    if (!isInside(real, clinicRoot)) return refuse(p, real);
    if (depth > 8 || seen.has(real) || !lstatSync(real).isDirectory()) return;
    seen.add(real);
    for (const name of readdirSync(real).sort()) walk(path.join(p, name), depth + 1);
  };
  walk(templatesDir, 0);
  return ok;
}
