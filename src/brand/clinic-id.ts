/** A clinic's id from its profile's file name (a module of its own: no YAML or image code behind it). */
import path from 'node:path';

/** Brand id: the folder name for `…/<id>/clinic.yaml`, else the file's stem. */
export function clinicIdOf(file: string): string {
  const base = path.basename(file);
  if (/^clinic\.ya?ml$/i.test(base)) return path.basename(path.dirname(path.resolve(file)));
  return base.replace(/\.ya?ml$/i, '');
}
