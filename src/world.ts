/**
 * All file access of a build goes through a {@link World}: guides, clinic
 * profiles, images, templates and fonts are read only from inside the folders
 * it was given. Tests pass a fake one.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LIMITS } from './limits.js';

/** Why a read was refused. */
export type ReadRefusal = 'not-found' | 'outside-root' | 'not-a-file' | 'too-large' | 'remote';

/** Result of reading a file through the world. */
export type ReadResult =
  | { readonly ok: true; readonly path: string; readonly data: Buffer }
  | { readonly ok: false; readonly path: string; readonly reason: ReadRefusal; readonly detail: string };

/** File access for a build. */
export interface World {
  /**
   * Reads `ref` (relative to `baseDir`) if it stays inside one of the allowed
   * roots after resolving symlinks.
   */
  read(ref: string, baseDir: string, roots: readonly string[], maxBytes?: number): ReadResult;
}

/** Default limit for one input file (bytes): `DEFAULT_LIMITS.maxFileBytes`. */
export const DEFAULT_MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileBytes;

function isInside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The real file system, confined to the given roots. */
export const nodeWorld: World = {
  read(ref, baseDir, roots, maxBytes = DEFAULT_MAX_FILE_BYTES) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^[a-z]:[\\/]/i.test(ref)) {
      return { ok: false, path: ref, reason: 'remote', detail: `remote resources are not fetched during a build: \`${ref}\`` };
    }
    if (path.isAbsolute(ref)) {
      return { ok: false, path: ref, reason: 'outside-root', detail: `absolute paths are not allowed: \`${ref}\`` };
    }
    const full = path.resolve(baseDir, ref);
    // refuse a lexical escape before touching the file system (no existence oracle outside the roots)
    if (!roots.some((r) => isInside(full, path.resolve(r)))) {
      return { ok: false, path: full, reason: 'outside-root', detail: `\`${ref}\` is outside the content folder` };
    }
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      return { ok: false, path: full, reason: 'not-found', detail: `file not found: \`${ref}\`` };
    }
    const realRoots = roots.map((r) => {
      try {
        return realpathSync(r);
      } catch {
        return path.resolve(r);
      }
    });
    if (!realRoots.some((r) => isInside(real, r))) {
      return { ok: false, path: full, reason: 'outside-root', detail: `\`${ref}\` is outside the content folder` };
    }
    const st = statSync(real);
    if (!st.isFile()) return { ok: false, path: full, reason: 'not-a-file', detail: `\`${ref}\` is not a file` };
    if (st.size > maxBytes) {
      return { ok: false, path: full, reason: 'too-large', detail: `\`${ref}\` is ${st.size} bytes; the limit is ${maxBytes}` };
    }
    return { ok: true, path: real, data: readFileSync(real) };
  },
};
