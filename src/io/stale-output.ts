/**
 * A build that fails loses its old output: a handout at the output path that
 * no longer matches its guide must not be handed out. This module is the one
 * place that decides which old files belong to a guide and removes them.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { readRegularFile } from './read-regular.js';

/** Bytes of a guide read to find its `id` and `lang` (front matter sits at the top). */
const HEAD_BYTES = 64 * 1024;

/**
 * The output name `<id>.<lang>.pdf` a guide's front matter asks for, read
 * leniently (the `id:` and `lang:` lines only, as written), so that the old
 * output of a guide whose front matter no longer validates is still found.
 * Undefined when the guide cannot be read or has no usable `id`.
 */
export function declaredOutputName(guide: string): string | undefined {
  const r = readRegularFile(guide, Number.MAX_SAFE_INTEGER);
  if (!r.ok) return undefined;
  const head = r.data
    .subarray(0, HEAD_BYTES)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(head)?.[1];
  if (fm === undefined) return undefined;
  const field = (name: string): string | undefined =>
    new RegExp(`^${name}:[ \\t]*["']?([^"'#\\r\\n]*?)["']?[ \\t]*(?:#.*)?$`, 'm').exec(fm)?.[1];
  const id = field('id');
  const lang = field('lang') || path.basename(guide, '.md');
  if (!id || !/^[a-z0-9-]+$/.test(id) || !/^[A-Za-z0-9-]+$/.test(lang)) return undefined;
  return `${id}.${lang}.pdf`;
}

/**
 * Removes the old outputs of a guide that failed. Returns a one-line problem
 * for each file that exists but could not be removed (permissions), so the
 * caller can say that a stale handout is still there.
 */
export function removeFailedOutputs(files: Iterable<string>): string[] {
  const problems: string[] = [];
  for (const file of new Set(files)) {
    try {
      rmSync(file, { force: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      problems.push(`the old handout \`${file}\` could not be removed (${code}); delete it by hand, it no longer matches its guide`);
    }
  }
  return problems;
}
