/** A throwaway library for the `handout batch` tests: two clinics, two small guides (one translated), a config. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashFile } from '../../src/incremental/hash.js';
import { LIBRARY_MANIFEST } from '../../src/batch/library-manifest.js';
import { ROOT, SAMPLE_CLINIC, copySampleClinic, filesUnder, isWholePdf, runHandout, type CliRun } from '../helpers/cli.js';

export { ROOT };

const front = (id: string, lang: string, version = 1, from?: number): string =>
  `---\nid: ${id}\ntitle: Guide ${id}\nlang: ${lang}\nversion: ${version}\n${from ? `translatedFrom: { version: ${from} }\n` : ''}---\n\n`;

/** Writes a guide file. */
export function writeGuide(dir: string, id: string, lang: string, body: string, version = 1, from?: number): string {
  const gdir = path.join(dir, 'content/guides', id);
  mkdirSync(gdir, { recursive: true });
  const file = path.join(gdir, `${lang}.md`);
  writeFileSync(file, front(id, lang, version, from) + body);
  return file;
}

/** Writes a clinic (a copy of the sample clinic with its logo, renamed). */
export function writeClinic(dir: string, id: string, extra = ''): string {
  const yaml = readFileSync(SAMPLE_CLINIC, 'utf8').replace('Example Community Clinic', `Clinic ${id}`);
  return copySampleClinic(path.join(dir, 'content/clinics', id), yaml + extra);
}

/**
 * A library: clinics `a` and `b`; guides `alpha` (en, es) and `beta` (en); config building en for
 * both clinics and es for `a` (translations: fallback), so 6 outputs.
 */
export function library(config?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-lib-'));
  writeClinic(dir, 'a');
  writeClinic(dir, 'b');
  writeGuide(dir, 'alpha', 'en', '## Before\n\nCall {{clinic.name}} first.\n');
  writeGuide(dir, 'alpha', 'es', '## Antes\n\nLlame primero a {{clinic.name}}.\n', 1, 1);
  writeGuide(dir, 'beta', 'en', '## After\n\nRest for 15 minutes.\n');
  writeFileSync(path.join(dir, 'handout.config.yaml'), config ?? CONFIG);
  return dir;
}

/** The default config of {@link library}. */
export const CONFIG = `clinics: [content/clinics/*]
guides: [content/guides/*]
languages: [en]
overrides:
  a:
    extraLanguages: [es]
    translations: fallback
`;

/** Result of one CLI run. */
export type Run = CliRun;

/** Runs `handout` in `cwd` (in this process; workers run from dist/). */
export const run = (args: readonly string[], cwd: string): Promise<Run> => runHandout(args, cwd);

export { filesUnder, isWholePdf };

/** The parsed `out/manifest.json`. */
export function manifestOf(outDir: string): {
  outputs: Record<string, { sha256: string; translation: string; bytes: number; pages: number }>;
} {
  return JSON.parse(readFileSync(path.join(outDir, LIBRARY_MANIFEST), 'utf8')) as never;
}

/** Checks that the manifest lists exactly the PDFs present, with their hashes, and that each is a whole PDF. */
export function checkManifestMatches(outDir: string): string[] {
  const pdfs = filesUnder(outDir).filter((f) => f.endsWith('.pdf'));
  const m = manifestOf(outDir);
  if (JSON.stringify(Object.keys(m.outputs).sort()) !== JSON.stringify(pdfs))
    throw new Error(`manifest ${Object.keys(m.outputs).join(', ')} ≠ PDFs ${pdfs.join(', ')}`);
  for (const f of pdfs) {
    if (hashFile(path.join(outDir, f)) !== m.outputs[f]!.sha256) throw new Error(`hash of ${f} differs from the manifest`);
    if (!isWholePdf(path.join(outDir, f))) throw new Error(`${f} is not a whole PDF`);
  }
  return pdfs;
}
