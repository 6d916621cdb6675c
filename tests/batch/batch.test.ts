/** Batch building in worker threads: input order, byte-identical output, time budget. */
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildBatch, startWorkers } from '../../src/batch/batch.js';
import { WORKER_HEAP_LIMIT_MB } from '../../src/batch/worker-limits.js';
import { buildHandout } from '../../src/build.js';
import { runCli } from '../../src/cli/main.js';
import { readFileSync } from 'node:fs';
import { packageDir } from '../../src/package-dir.js';
import { ensureDist } from '../robustness/ensure-dist.js';
import { FRONT_MATTER, tempDir } from '../robustness/helpers.js';

const MB = 1024 * 1024;
const SAMPLE = path.join(packageDir(), 'content', 'guides', 'first-ketamine-session', 'en.md');

describe('buildBatch', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureDist();
    dir = tempDir('handout-batch-');
    copyFileSync(SAMPLE, path.join(dir, 'sample.md'));
    writeFileSync(path.join(dir, 'small.md'), `${FRONT_MATTER}# Small\n\nA short guide.\n`);
    writeFileSync(path.join(dir, 'broken.md'), 'no front matter\n');
    // Runaway: a 2 MB word takes far longer than the budget below.
    writeFileSync(path.join(dir, 'runaway.md'), `${FRONT_MATTER.replace('id: fuzz', 'id: runaway')}${'a'.repeat(2 * 1024 * 1024)}\n`); // its own id: two guides with one id are refused
  }, 120_000);

  test('results come back in input order, byte-identical to single-process builds', async () => {
    const guides = ['small.md', 'sample.md', 'broken.md', 'small.md'].map((g) => path.join(dir, g));
    const order: number[] = [];
    const results = await buildBatch(
      guides.map((guide) => ({ guide })),
      { jobs: 2, onResult: (_r, i) => void order.push(i) },
    );
    expect(order).toEqual([0, 1, 2, 3]);
    expect(results.map((r) => r.guide)).toEqual(guides);
    expect(results.map((r) => r.pdf)).toEqual([undefined, undefined, undefined, undefined]); // dropped after onResult
    const seen: string[] = [];
    const none = await buildBatch(
      guides.slice(0, 2).map((guide) => ({ guide })),
      { jobs: 2, keepResults: false, onResult: (r) => void seen.push(`${path.basename(r.guide)} ${r.pdf ? 'pdf' : 'none'}`) },
    );
    expect(none).toEqual([]); // nothing kept once handed over
    expect(seen).toEqual(['small.md pdf', 'sample.md pdf']);
    const kept = await buildBatch(
      guides.map((guide) => ({ guide })),
      { jobs: 2 },
    );
    for (const [i, guide] of guides.entries()) {
      const single = await buildHandout({ guide });
      expect(kept[i]!.diagnostics).toEqual(single.diagnostics);
      if (single.pdf) expect(Buffer.compare(kept[i]!.pdf!, single.pdf), `${guide} identical`).toBe(0);
      else expect(kept[i]!.pdf).toBeUndefined();
    }
    expect(kept[2]!.diagnostics[0]!.ruleId).toBe('guide-missing-front-matter');
    // each result names the worker thread that built it, with that worker's heap (the bench's memory figures)
    for (const r of kept) {
      expect(r.worker?.threadId).toBeGreaterThan(0);
      expect(r.worker?.heapCommitted).toBeGreaterThanOrEqual(r.worker!.heapUsed);
      expect(r.worker?.heapUsed).toBeGreaterThan(1024 * 1024);
      // the worker's heap limit (worker-limits.ts): its old generation plus a young generation of at most 64 MB
      expect(r.worker!.heapLimit / MB).toBeGreaterThanOrEqual(WORKER_HEAP_LIMIT_MB);
      expect(r.worker!.heapLimit / MB).toBeLessThan(WORKER_HEAP_LIMIT_MB + 64);
    }
  }, 120_000);

  test('a guide that needs more heap than a worker may use fails with `memory-limit`; the others still build', async () => {
    // 96 MB holds the pipeline and a small guide; a guide of 150,000 list items (about 1 M tree nodes) needs more
    writeFileSync(path.join(dir, 'huge.md'), `${FRONT_MATTER.replace('id: fuzz', 'id: huge')}${'- item\n'.repeat(150_000)}`);
    const guides = ['small.md', 'huge.md', 'small.md'].map((g) => path.join(dir, g));
    const results = await buildBatch(
      guides.map((guide) => ({ guide })),
      { jobs: 1, workers: await startWorkers(1, 96) },
    );
    const [before, huge, after] = results;
    expect(huge!.pdf).toBeUndefined();
    expect(huge!.diagnostics).toEqual([
      expect.objectContaining({ file: guides[1], line: 1, column: 1, severity: 'error', ruleId: 'memory-limit' }),
    ]);
    expect(huge!.diagnostics[0]!.message).toMatch(/^the guide needs more memory than a build worker may use \(96 MB of JavaScript heap\)/);
    expect(before!.pdf).toBeDefined();
    expect(after!.pdf).toBeDefined(); // a new worker took over
  }, 120_000);

  test('a runaway document is stopped at its time budget; the others still build', async () => {
    const guides = ['runaway.md', 'small.md', 'sample.md'].map((g) => path.join(dir, g));
    const t0 = Date.now();
    const results = await buildBatch(
      guides.map((guide) => ({ guide })),
      { jobs: 2, timeoutMs: 5000 },
    );
    expect(Date.now() - t0).toBeLessThan(30_000);
    const [runaway, small, sample] = results;
    expect(runaway!.timedOut).toBe(true);
    expect(runaway!.pdf).toBeUndefined();
    expect(runaway!.diagnostics).toEqual([
      expect.objectContaining({ file: guides[0], line: 1, column: 1, severity: 'error', ruleId: 'time-budget' }),
    ]);
    expect(runaway!.diagnostics[0]!.message).toMatch(/^document exceeded its time budget of 5 s;/);
    expect(small!.pdf).toBeDefined();
    expect(sample!.pdf).toBeDefined();
    expect(sample!.pages).toBeGreaterThan(1);
  }, 120_000);

  test('`handout build` with several guides uses the batch: input order, same files, exit 1 and stderr for the failures', async () => {
    let out = '';
    let err = '';
    const io = { stdout: (x: string) => (out += x), stderr: (x: string) => (err += x), cwd: dir };
    const code = await runCli(
      ['build', 'sample.md', 'broken.md', 'runaway.md', 'small.md', '--out-dir', 'out', '--jobs', '2', '--time-budget', '15'],
      io,
    );
    expect(code).toBe(1);
    expect(out).toBe(
      `${path.join('out', 'first-ketamine-session.en.pdf')} (${(await buildHandout({ guide: path.join(dir, 'sample.md') })).pages} pages)\n${path.join('out', 'fuzz.en.pdf')} (1 page)\nbuild: 2 built, 0 up to date, 2 failed in ${/[\d.]+ s \([\d.]+ docs\/s\)/.exec(out)?.[0]}\n`,
    );
    expect(err).toContain('broken.md:1:1: error the guide has no front matter');
    expect(err).toMatch(/runaway\.md:1:1: error document exceeded its time budget of 15 s; .* \[time-budget\]/);
    const single = await buildHandout({ guide: path.join(dir, 'sample.md') });
    expect(readFileSync(path.join(dir, 'out', 'first-ketamine-session.en.pdf')).equals(single.pdf!)).toBe(true);
  }, 120_000);

  test('a worker gets its next document while the previous result is still being handed over (written)', async () => {
    // one job: the runaway starts only when the worker is free. It is stopped at its budget (3 s) while the small
    // guide's result is still held by onResult (6 s), so its result is there the moment onResult returns. Were the
    // next document dispatched only after onResult, it would come 3 s after that.
    const guides = ['small.md', 'runaway.md'].map((g) => path.join(dir, g));
    let released = 0;
    let gap = -1;
    const results = await buildBatch(
      guides.map((guide) => ({ guide })),
      {
        jobs: 1,
        timeoutMs: 3000,
        onResult: async (_r, i) => {
          if (i === 0) {
            await new Promise((r) => setTimeout(r, 6000));
            released = Date.now();
          } else gap = Date.now() - released;
        },
      },
    );
    expect(results[1]!.timedOut).toBe(true);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(1500);
  }, 120_000);

  test('a worker has its next document before this thread even looks at its reply', async () => {
    // one job; this thread is busy (synchronously) for 8 s with the first result. The second document, which takes
    // about 2 s to build, was handed to the worker's pool with the first, and posted to the worker with its reply: it
    // is built meanwhile, and its result is there the moment this thread is free. Were it handed over only after the
    // first result, it would come about 2 s later.
    const medium = path.join(dir, 'medium.md');
    writeFileSync(medium, `${FRONT_MATTER}${'Word and word. '.repeat(14_000)}\n`);
    let released = 0;
    let gap = -1;
    const results = await buildBatch([{ guide: path.join(dir, 'small.md') }, { guide: medium }], {
      jobs: 1,
      onResult: (_r, i) => {
        if (i === 0) {
          const until = Date.now() + 8000;
          while (Date.now() < until); // busy, as a thread handing over many results can be
          released = Date.now();
        } else gap = Date.now() - released;
      },
    });
    expect(results[1]!.diagnostics).toEqual([]);
    expect(results[1]!.pages).toBeGreaterThan(30);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(1000);
  }, 120_000);

  test('an error thrown by onResult stops the batch and comes out of buildBatch', async () => {
    const guides = ['small.md', 'small.md', 'small.md'].map((g) => path.join(dir, g));
    const seen: number[] = [];
    const run = buildBatch(
      guides.map((guide) => ({ guide })),
      {
        jobs: 1,
        onResult: (_r, i) => {
          seen.push(i);
          if (i === 0) throw new Error('disk gone');
        },
      },
    );
    await expect(run).rejects.toThrow('disk gone');
    expect(seen).toEqual([0]);
  }, 120_000);

  test('bad --jobs and limit values are usage errors', async () => {
    let err = '';
    const io = { stdout: () => undefined, stderr: (x: string) => (err += x), cwd: dir };
    expect(await runCli(['build', 'small.md', '--jobs', '0'], io)).toBe(2);
    expect(await runCli(['build', 'small.md', '--max-pages', 'many'], io)).toBe(2);
    expect(err).toContain('--jobs must be a whole number of at least 1; got `0`');
    expect(err).toContain('--max-pages must be a positive whole number; got `many`');
  });
});
