/**
 * Compiles `dist/` once per test run when it is missing or older than
 * `src/` (the CLI and batch workers run compiled code). A lock folder keeps
 * parallel test files from compiling at the same time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageDir } from '../../src/package-dir.js';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function fresh(root: string): boolean {
  const marker = path.join(root, 'dist', 'batch', 'worker.js');
  const bundle = path.join(root, 'dist', 'bundle', 'cli.js'); // what bin/handout.js runs (scripts/bundle.mjs)
  return (
    existsSync(marker) &&
    existsSync(path.join(root, 'dist', 'cli', 'main.js')) &&
    existsSync(bundle) &&
    statSync(bundle).mtimeMs >= statSync(path.join(root, 'dist', 'cli', 'main.js')).mtimeMs &&
    newest(path.join(root, 'dist')) >= newest(path.join(root, 'src'))
  );
}

/** Makes sure `dist/` is compiled from the current sources. */
export async function ensureDist(): Promise<void> {
  const root = packageDir();
  const lock = path.join(root, 'node_modules', '.cache', 'handout-dist.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    if (fresh(root)) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!fresh(root)) {
      try {
        execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
          cwd: root,
          stdio: 'pipe',
        });
      } catch {
        // Type errors elsewhere still emit JavaScript (noEmitOnError is off).
      }
      execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { cwd: root, stdio: 'pipe' });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
