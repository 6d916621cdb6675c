/**
 * `handout batch` stopped mid-run (a real process): SIGINT stops cleanly (exit 130, no temporaries,
 * the manifest lists exactly the finished PDFs); SIGKILL at any moment leaves only whole PDFs, and the
 * next run completes the library and repairs the manifest.
 */
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { packageDir } from '../../src/package-dir.js';
import { ensureDist } from '../robustness/ensure-dist.js';
import { CONFIG, checkManifestMatches, filesUnder, isWholePdf, library, run } from '../batch/helpers.js';

const BIN = path.join(packageDir(), 'bin', 'handout.js');
/** 12 outputs: clinic a in en and es, clinic b in en, each guide in two variants. */
const BIG = `${CONFIG}variants: { handout: {}, a4: { paper: a4 } }\n`;

beforeAll(async () => {
  await ensureDist();
}, 120_000);

interface Spawned {
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>;
  readonly kill: (signal: NodeJS.Signals) => void;
}

function spawnBatch(dir: string): Spawned {
  const child = spawn(process.execPath, [BIN, 'batch', '--jobs', '1'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
  return { done, kill: (s) => child.kill(s) };
}

const pdfsIn = (outDir: string): string[] => filesUnder(outDir).filter((f) => f.endsWith('.pdf'));

async function waitForPdf(outDir: string, finished: () => boolean): Promise<void> {
  while (!finished() && pdfsIn(outDir).length === 0) await new Promise((r) => setTimeout(r, 50));
}

function hidden(outDir: string): string[] {
  return filesUnder(outDir).filter((f) => path.basename(f).startsWith('.'));
}

test('SIGINT stops cleanly: exit 130, finished PDFs recorded, no temporaries; the next run completes', async () => {
  const dir = library(BIG);
  const outDir = path.join(dir, 'out');
  const p = spawnBatch(dir);
  let finished = false;
  void p.done.then(() => (finished = true));
  await waitForPdf(outDir, () => finished);
  p.kill('SIGINT');
  const r = await p.done;
  expect(r.code).toBe(130);
  expect(r.out).toMatch(/^batch: interrupted; \d+ built, 0 up to date, 0 failed, \d+ skipped, 0 removed in /);
  const kept = checkManifestMatches(outDir);
  expect(kept.length).toBeGreaterThan(0);
  expect(kept.length).toBeLessThan(12);
  expect(hidden(outDir)).toEqual([]);
  expect(readdirSync(outDir).filter((n) => n.startsWith('.'))).toEqual([]);

  const next = await run(['batch', '--jobs', '2'], dir);
  expect(next.code).toBe(0);
  expect(next.out).toContain(`batch: ${12 - kept.length} built, ${kept.length} up to date, 0 failed`);
  expect(checkManifestMatches(outDir)).toHaveLength(12);
}, 300_000);

test('SIGKILL at random moments leaves only whole PDFs; the next run repairs the manifest', async () => {
  const dir = library(BIG);
  const outDir = path.join(dir, 'out');
  for (let i = 0; i < 3; i++) {
    const p = spawnBatch(dir);
    let finished = false;
    void p.done.then(() => (finished = true));
    if (i > 0) await waitForPdf(outDir, () => finished);
    await new Promise((r) => setTimeout(r, Math.random() * 1500));
    p.kill('SIGKILL');
    await p.done;
    for (const f of pdfsIn(outDir)) expect(isWholePdf(path.join(outDir, f)), `${f} after kill ${i}`).toBe(true);
    for (const f of hidden(outDir))
      expect(path.basename(f), 'only hidden temporaries may be left').toMatch(/^\.(.+\.pdf|manifest\.json)\.\d+\.[0-9a-f]{8}\.tmp$/);
    // the next run starts from here: an edited guide keeps some outputs out of date between kills
    writeFileSync(
      path.join(dir, 'content/guides/beta/en.md'),
      `---\nid: beta\ntitle: Guide beta\nlang: en\nversion: 1\n---\n\n## After\n\nRest for ${15 + i} minutes.\n`,
    );
  }
  const next = await run(['batch', '--jobs', '2'], dir);
  expect(next.code).toBe(0);
  expect(checkManifestMatches(outDir)).toHaveLength(12);
  expect(hidden(outDir)).toEqual([]);
  const again = await run(['batch', '--jobs', '2'], dir);
  expect(again.out).toMatch(/^batch: 0 built, 12 up to date, 0 failed/);
}, 300_000);
