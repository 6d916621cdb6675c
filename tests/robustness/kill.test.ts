/**
 * No partial output: `handout build … -o out.pdf` killed with SIGKILL at
 * random moments leaves the old complete file or the new complete one,
 * never a truncated target; a killed writer leaves at most a hidden
 * `.out.pdf.<pid>.<hex>.tmp`, removed by the next build of the same output.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { packageDir } from '../../src/package-dir.js';
import { isWholePdf } from '../helpers/cli.js';
import { ensureDist } from './ensure-dist.js';
import { MANIFEST_NAME } from '../../src/incremental/manifest.js';
import { FRONT_MATTER, tempDir } from './helpers.js';

const RUNS = Number(process.env.KILL_RUNS ?? 30);
const BIN = path.join(packageDir(), 'bin', 'handout.js');

function runCli(args: string[], cwd: string, killAfterMs?: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: 'ignore' });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', () => {
      if (timer) clearTimeout(timer);
      resolve();
    });
  });
}

const isCompletePdf = isWholePdf;

let dir: string;
beforeAll(async () => {
  await ensureDist();
  dir = tempDir('handout-kill-');
  copyFileSync(path.join(packageDir(), 'content', 'guides', 'first-ketamine-session', 'en.md'), path.join(dir, 'guide.md'));
  writeFileSync(path.join(dir, 'old.md'), `${FRONT_MATTER}# Old\n\nThe previous handout.\n`);
}, 120_000);

test(`killing builds at ${RUNS} random moments never leaves a partial file`, async () => {
  const lanes = ['a.pdf', 'b.pdf'];
  const old = new Map<string, Buffer>();
  for (const target of lanes) {
    await runCli(['build', 'old.md', '-o', target], dir);
    old.set(target, readFileSync(path.join(dir, target)));
  }
  let sawOld = 0;
  let sawNew = 0;
  await Promise.all(
    lanes.map(async (target) => {
      for (let i = 0; i < RUNS / lanes.length; i++) {
        await runCli(['build', 'guide.md', '-o', target], dir, Math.random() * 1500);
        const file = path.join(dir, target);
        expect(existsSync(file), `${target} exists after kill ${i}`).toBe(true);
        expect(isCompletePdf(file), `${target} complete after kill ${i}`).toBe(true);
        if (readFileSync(file).equals(old.get(target)!)) sawOld++;
        else sawNew++;
        const stray = readdirSync(dir).filter((n) => !['guide.md', 'old.md', 'a.pdf', 'b.pdf', MANIFEST_NAME].includes(n));
        for (const n of stray)
          expect(n, 'only hidden temporaries may be left').toMatch(/^\.([ab]\.pdf|\.handout-manifest\.json)\.\d+\.[0-9a-f]{8}\.tmp$/);
        // Reset to the old file now and then, so later kills can land on either side.
        if (i % 3 === 2) writeFileSync(file, old.get(target)!);
      }
    }),
  );
  expect(sawOld + sawNew).toBe(RUNS);
  // A normal build of the same outputs cleans up the temporaries killed writers left.
  for (const target of lanes) await runCli(['build', 'guide.md', '-o', target], dir);
  expect(readdirSync(dir).sort()).toEqual([MANIFEST_NAME, 'a.pdf', 'b.pdf', 'guide.md', 'old.md']);
  for (const target of lanes) expect(isCompletePdf(path.join(dir, target))).toBe(true);
}, 120_000);
