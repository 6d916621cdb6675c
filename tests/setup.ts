/**
 * Every test fails if it makes the process print an unexpected warning or
 * error (console.warn / console.error / process warnings), as WeasyPrint's
 * assert_no_logs does. Tests that expect one stub it themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';

// The build workers' compile cache (src/batch/compile-cache.ts) of the `handout` processes tests start goes to a
// folder of this test process's, never to the user's cache (removed at exit); no test depends on it being warm.
if (!process.env.HANDOUT_CACHE_DIR) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-test-cache-'));
  process.env.HANDOUT_CACHE_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}

let unexpected: string[] = [];
const onWarning = (w: Error): void => {
  unexpected.push(`process warning: ${w.name}: ${w.message}`);
};

beforeEach(() => {
  unexpected = [];
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    unexpected.push(`console.warn: ${args.map(String).join(' ')}`);
  });
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    unexpected.push(`console.error: ${args.map(String).join(' ')}`);
  });
  process.on('warning', onWarning);
});

afterEach(() => {
  process.off('warning', onWarning);
  vi.restoreAllMocks();
  if (unexpected.length > 0) throw new Error(`unexpected warning output:\n${unexpected.join('\n')}`);
});
