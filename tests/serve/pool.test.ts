/**
 * `handout serve`'s worker processes have the build workers' heap limit: a build past it ends its own process only,
 * fails as a memory-limit error, and the next build is served by the replacement.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WORKER_HEAP_LIMIT_MB } from '../../src/batch/worker-limits.js';
import { BuildPool, MemoryLimitError, WorkerCrashError, exitedOutOfMemory } from '../../src/serve/pool.js';
import { ensureDist } from '../robustness/ensure-dist.js';
import { heavyGuide, makeContent } from './server.js';

const content = makeContent();
const clinic = path.join(content, 'clinics/example-community/clinic.yaml');

beforeAll(async () => {
  await ensureDist(); // the worker processes run dist/serve/worker.js
}, 120_000);

describe('serve worker heap limit', () => {
  const small = new BuildPool({ workers: 1, maxQueue: 4, timeoutMs: 60_000, heapLimitMb: 44 });
  afterAll(() => small.close());

  test('a build past the limit fails as MemoryLimitError, and the replaced worker builds the next one', async () => {
    await small.start();
    const guide = path.join(content, 'guides/visit-plan/en.md');
    const fill = { patientName: 'A', appointment: 'B' };
    const heavy = path.join(content, 'guides/heavy/en.md');
    writeFileSync(heavy, heavyGuide(1500)); // a few MB of layout data: far past 44 MB of heap (a small guide needs about 30)
    const failed = await small.run({ guide: heavy, clinic }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(MemoryLimitError);
    expect(failed).toBeInstanceOf(WorkerCrashError); // what callers that do not tell them apart catch
    expect((failed as MemoryLimitError).limitMb).toBe(44);
    expect((await small.run({ guide, clinic, fill })).pdf).toBeDefined();
  }, 120_000);

  test('each worker process is started with the limit; by default the build workers’ one', async () => {
    const pool = new BuildPool({ workers: 1, maxQueue: 1, timeoutMs: 60_000 });
    expect(pool.heapLimitMb).toBe(WORKER_HEAP_LIMIT_MB);
    await pool.start();
    try {
      const [pid] = pool.workerPids();
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      expect(argv).toContain(`--max-old-space-size=${WORKER_HEAP_LIMIT_MB}`);
    } finally {
      await pool.close();
    }
  }, 60_000);

  test('an abort at the heap limit is told apart from other ends of a worker process', () => {
    expect(exitedOutOfMemory(null, 'SIGABRT')).toBe(true);
    expect(exitedOutOfMemory(134, null)).toBe(true);
    expect(exitedOutOfMemory(null, 'SIGKILL')).toBe(false);
    expect(exitedOutOfMemory(1, null)).toBe(false);
    expect(exitedOutOfMemory(0, null)).toBe(false);
  });
});
