/** The build workers' heap limit: what it must stay under, and how a guide past it is recognised and reported. */
import { describe, expect, test } from 'vitest';
import { WORKER_HEAP_LIMIT_MB, isOutOfMemory, memoryLimitMessage } from '../../src/batch/worker-limits.js';

describe('worker heap limit', () => {
  test('stays under 2 GB, where V8 stops capping its heap growing factor, and well above the largest guide (about 105 MB)', () => {
    expect(WORKER_HEAP_LIMIT_MB).toBeLessThan(2048);
    expect(WORKER_HEAP_LIMIT_MB).toBeGreaterThanOrEqual(512);
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
});
