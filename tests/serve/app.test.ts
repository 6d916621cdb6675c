/** How the application answers a build that failed in its worker (the workers themselves: pool.test.ts). */
import { describe, expect, test } from 'vitest';
import { createServeApp } from '../../src/serve/app.js';
import { MemoryLimitError, WorkerCrashError, type BuildPool } from '../../src/serve/pool.js';
import { makeContent } from './server.js';

/** A pool whose every build fails with `error`. */
function failingPool(error: Error): BuildPool {
  return { workers: 1, run: () => Promise.reject(error) } as unknown as BuildPool;
}

const content = makeContent();
const body = { guide: 'visit-plan', clinic: 'example-community', lang: 'en', fill: { patientName: 'Pat', appointment: 'Monday' } };

async function post(pool: BuildPool): Promise<{ status: number; json: Record<string, unknown> }> {
  const app = createServeApp({
    contentDir: content,
    auth: 'none',
    pool,
    translations: 'fallback',
    bodyLimit: 65_536,
    retryAfterSeconds: 1,
    log: false,
    version: '0',
  });
  try {
    const r = await app.inject({ method: 'POST', url: '/v1/handouts', payload: body });
    return { status: r.statusCode, json: r.json() };
  } finally {
    await app.close();
  }
}

describe('serve app: failed workers', () => {
  test('a worker stopped at its heap limit: 500 build-failed with a [memory-limit] diagnostic on the guide', async () => {
    const r = await post(failingPool(new MemoryLimitError(1024)));
    expect(r.status).toBe(500);
    expect(r.json.type).toMatch(/build-failed$/);
    expect(r.json.diagnostics).toEqual([
      {
        file: 'guides/visit-plan/en.md',
        line: 1,
        column: 1,
        severity: 'error',
        message: expect.stringMatching(
          /^the guide needs more memory than a build worker may use \(1024 MB of JavaScript heap\)/,
        ) as unknown,
        ruleId: 'memory-limit',
      },
    ]);
    expect(JSON.stringify(r.json)).not.toContain('Pat');
  });

  test('any other crash stays a retryable worker failure', async () => {
    const r = await post(failingPool(new WorkerCrashError('Worker exited unexpectedly')));
    expect(r.status).toBe(500);
    expect(r.json.type).toMatch(/worker-failed$/);
  });
});
