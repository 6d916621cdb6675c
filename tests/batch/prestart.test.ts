/** When `bin/handout.js` starts a build worker for `handout batch` before the CLI has read the library. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_NAME } from '../../src/batch/config.js';
import { LIBRARY_MANIFEST } from '../../src/batch/library-manifest.js';
import { DEFAULT_CONFIG, MANIFEST, batchLikelyBuilds } from '../../src/batch/prestart.js';

function library(config: string | undefined): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-prestart-'));
  if (config !== undefined) writeFileSync(path.join(dir, CONFIG_NAME), config);
  return dir;
}

function manifestIn(dir: string, out: string): void {
  mkdirSync(path.join(dir, out), { recursive: true });
  writeFileSync(path.join(dir, out, LIBRARY_MANIFEST), '{}');
}

describe('batchLikelyBuilds', () => {
  it('names the config and the manifest as the CLI does', () => {
    expect(DEFAULT_CONFIG).toBe(CONFIG_NAME);
    expect(MANIFEST).toBe(LIBRARY_MANIFEST);
  });

  it('expects a first build to build, and a run with a manifest perhaps not', () => {
    const dir = library('clinics: [content/clinics/*]\n');
    expect(batchLikelyBuilds([], dir)).toBe(true);
    manifestIn(dir, 'out');
    expect(batchLikelyBuilds([], dir)).toBe(false);
    expect(batchLikelyBuilds(['--jobs', '2'], dir)).toBe(false);
    expect(batchLikelyBuilds(['--force'], dir)).toBe(true);
    expect(batchLikelyBuilds(['--force', '--dry-run'], dir)).toBe(false);
  });

  it('looks for the manifest in the config’s outDir, beside the config named by --config', () => {
    const dir = library(undefined);
    const sub = path.join(dir, 'lib');
    mkdirSync(sub);
    for (const [line, out] of [
      ['outDir: build/pdf', 'build/pdf'],
      ['outDir: "quoted dir"  # a comment', 'quoted dir'],
      ["outDir: 'single'", 'single'],
      ['outDir:   spaced   ', 'spaced'],
    ] as const) {
      writeFileSync(path.join(sub, 'library.yaml'), `clinics: [a]\n${line}\nguides: [b]\n`);
      const fresh = mkdtempSync(path.join(dir, 'round-'));
      const config = path.join(path.relative(fresh, sub), 'library.yaml');
      expect(batchLikelyBuilds(['--config', config], fresh)).toBe(true);
      manifestIn(sub, out);
      expect(batchLikelyBuilds(['--config', config], fresh)).toBe(false);
      expect(batchLikelyBuilds([`--config=${path.join(sub, 'library.yaml')}`], fresh)).toBe(false);
    }
  });

  it('starts nothing for a config that is not there (the CLI reports it)', () => {
    expect(batchLikelyBuilds([], library(undefined))).toBe(false);
    expect(batchLikelyBuilds(['--config', 'missing.yaml'], library('outDir: out\n'))).toBe(false);
  });
});
