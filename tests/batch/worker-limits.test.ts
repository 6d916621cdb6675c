/** The build workers' heap limit: what it must stay under, and how a guide past it is recognised and reported. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  INTERRUPT_BUDGET,
  WORKER_HEAP_LIMIT_MB,
  WORKER_INITIAL_HEAP_MB,
  isOutOfMemory,
  memoryLimitMessage,
} from '../../src/batch/worker-limits.js';

const COMPILED = path.resolve('dist/batch/worker-limits.js');

/**
 * In a new process (V8's flags are the process's, and a build in this one may have set them already): a worker
 * thread that keeps 90 MB of arrays alive; the number of full (major) collections it needed on the way, with or
 * without `setWorkerInitialHeap()` called before it started.
 */
function majorCollections(setInitialHeap: boolean): number {
  const worker =
    `const { parentPort } = require('node:worker_threads'); const { PerformanceObserver, constants } = require('node:perf_hooks');` +
    `let majors = 0; new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++; })` +
    `.observe({ entryTypes: ['gc'] }); const keep = []; for (let i = 0; i < 90; i++) keep.push(new Array(131072).fill(i + 0.5));` +
    `setTimeout(() => parentPort.postMessage(majors), 50);`;
  const code =
    `import { setWorkerInitialHeap } from ${JSON.stringify(pathToFileURL(COMPILED).href)}; import { Worker } from 'node:worker_threads';` +
    `if (${setInitialHeap}) setWorkerInitialHeap();` +
    `const w = new Worker(${JSON.stringify(worker)}, { eval: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: ${WORKER_HEAP_LIMIT_MB} } });` +
    `w.on('message', (m) => { console.log(m); w.terminate(); });`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return Number(r.stdout.trim());
}

describe('worker heap limit', () => {
  test('stays under 2 GB, where V8 stops capping its heap growing factor, and well above the largest guide (about 105 MB)', () => {
    expect(WORKER_HEAP_LIMIT_MB).toBeLessThan(2048);
    expect(WORKER_HEAP_LIMIT_MB).toBeGreaterThanOrEqual(512);
  });

  test('a build worker starts with a heap that a warm worker fits in, far under its limit', () => {
    expect(WORKER_INITIAL_HEAP_MB).toBeGreaterThanOrEqual(128);
    expect(WORKER_INITIAL_HEAP_MB * 4).toBeLessThanOrEqual(WORKER_HEAP_LIMIT_MB);
  });

  test('setWorkerInitialHeap: workers started after it keep 90 MB without a full collection; before, they needed some', () => {
    expect(majorCollections(false)).toBeGreaterThan(0);
    expect(majorCollections(true)).toBe(0);
  });

  test('a worker stopped at its heap limit is told apart from other failures', () => {
    const oom = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), {
      code: 'ERR_WORKER_OUT_OF_MEMORY',
    });
    expect(isOutOfMemory(oom)).toBe(true);
    expect(isOutOfMemory(Object.assign(new Error('boom'), { code: 'ERR_WORKER_INIT_FAILED' }))).toBe(false);
    expect(isOutOfMemory(new Error('JS heap out of memory'))).toBe(false);
    expect(isOutOfMemory(undefined)).toBe(false);
    expect(isOutOfMemory('ERR_WORKER_OUT_OF_MEMORY')).toBe(false);
  });

  test('the message names the limit and what to do', () => {
    expect(memoryLimitMessage(1024)).toMatch(/^the guide needs more memory than a build worker may use \(1024 MB of JavaScript heap\);/);
    expect(memoryLimitMessage(1024)).toMatch(/Split the guide into smaller ones$/);
  });

  test('the interrupt budget bin/handout.js sets is the one the build workers set and key their cache by', () => {
    const bin = readFileSync(path.resolve('bin/handout.js'), 'utf8');
    expect([...bin.matchAll(/--interrupt-budget=(\d+)/g)].map((m) => Number(m[1]))).toEqual([INTERRUPT_BUDGET]);
  });

  test('a worker’s flags: the interrupt budget, and the initial heap once set (a new process: flags are the process’s)', () => {
    const code =
      `import * as l from ${JSON.stringify(pathToFileURL(COMPILED).href)};` +
      `const before = l.workerRuntimeFlags(); l.setWorkerInitialHeap(); l.setInterruptBudget(); console.log(JSON.stringify([before, l.workerRuntimeFlags()]));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      `--interrupt-budget=${INTERRUPT_BUDGET}`,
      `--initial-old-space-size=${WORKER_INITIAL_HEAP_MB} --interrupt-budget=${INTERRUPT_BUDGET}`,
    ]);
  });
});
