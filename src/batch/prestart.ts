/**
 * What `bin/handout.js` loads before the CLI for `handout build` and `handout batch` (`dist/bundle/prestart.js`): the
 * build worker thread starts while the CLI thread loads its own code and reads the library (the CLI takes it in
 * `startWorkers`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export { prestartWorkers } from './batch.js';

/** The library config `handout batch` reads by default (`config.ts`'s `CONFIG_NAME`; not imported: it loads zod). */
export const DEFAULT_CONFIG = 'handout.config.yaml';
/** The library manifest in the output folder (`library-manifest.ts`'s `LIBRARY_MANIFEST`, not imported either). */
export const MANIFEST = 'manifest.json';

/** A top-level `outDir:` line of a config, its value plain or quoted. */
const OUT_DIR = /^outDir:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^#\n]*?))[ \t]*(?:#.*)?$/m;

/** The value of option `name` in `args` (`--name value` or `--name=value`), if given. */
function optionValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i]!.startsWith(`${name}=`)) return args[i]!.slice(name.length + 1);
  }
  return undefined;
}

/**
 * Whether `handout batch` with `args` (after `batch`) run in `cwd` is likely to build something, so that starting a
 * worker before the CLI has read the library pays: with `--force`, or when the output folder has no library manifest
 * yet (a first build). A run that may be up to date (a manifest is there) starts its workers once the CLI finds an
 * output out of date, as before: a worker started for nothing costs about 0.4 s of CPU and slowed a no-op run of 1,000
 * outputs by a sixth. Only a guess about when to start: the CLI still decides what is built, and `--dry-run` builds
 * nothing. The output folder is the config's top-level `outDir:` line when it has one, else `out` (the default).
 */
export function batchLikelyBuilds(args: readonly string[], cwd: string): boolean {
  if (args.includes('--dry-run')) return false;
  if (args.includes('--force')) return true;
  const config = path.resolve(cwd, optionValue(args, '--config') ?? DEFAULT_CONFIG);
  let text: string;
  try {
    text = readFileSync(config, 'utf8');
  } catch {
    return false; // the CLI reports it
  }
  const m = OUT_DIR.exec(text);
  const outDir = (m ? (m[1] ?? m[2] ?? m[3] ?? '') : '').trim() || 'out';
  return !existsSync(path.resolve(path.dirname(config), outDir, MANIFEST));
}
