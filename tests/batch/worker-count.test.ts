/** How many build workers a run starts: one more per couple of seconds of estimated work, up to --jobs. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { WORK_PER_EXTRA_WORKER_MS, estimatedWorkMs, workersFor } from '../../src/batch/worker-count.js';
import { packageDir } from '../../src/package-dir.js';

const SEED = path.join(packageDir(), 'content/guides/first-ketamine-session/en.md');

function guidesOf(bytes: number, n: number, lang = 'en'): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-workers-'));
  const file = path.join(dir, `${lang}.md`);
  writeFileSync(file, 'x'.repeat(bytes));
  return Array.from({ length: n }, () => file);
}

describe('workersFor', () => {
  test('20 small library outputs: one worker, whatever --jobs (a second one costs more than it saves)', () => {
    const small = guidesOf(250, 20);
    expect(workersFor(2, small)).toBe(1);
    expect(workersFor(8, small)).toBe(1);
  });

  test('the bench runs: 200 seed handouts and 1,000 small outputs get two workers; 20 seed handouts one', () => {
    expect(
      workersFor(
        2,
        Array.from({ length: 200 }, () => SEED),
      ),
    ).toBe(2);
    expect(workersFor(2, guidesOf(250, 1000))).toBe(2);
    expect(
      workersFor(
        2,
        Array.from({ length: 20 }, () => SEED),
      ),
    ).toBe(1);
  });

  test('few but long guides get their workers; never more than --jobs or the guides', () => {
    expect(workersFor(2, guidesOf(100 * 1024, 20))).toBe(2);
    expect(workersFor(4, guidesOf(500 * 1024, 3))).toBe(3);
    expect(workersFor(1, guidesOf(500 * 1024, 3))).toBe(1);
    expect(workersFor(2, [])).toBe(1);
  });

  test('a run that needs the CJK fonts and others gets no worker more for them (their first document is no dearer)', () => {
    const mixed = [...guidesOf(250, 15), ...guidesOf(250, 5, 'ko')]; // the bench's 20 outputs: en, es, vi and ko
    expect(workersFor(2, mixed)).toBe(1);
    expect(workersFor(8, mixed)).toBe(1);
    expect(workersFor(2, [...guidesOf(250, 3, 'ja'), ...guidesOf(250, 3, 'zh-Hans'), ...guidesOf(250, 3, 'en')])).toBe(1);
    expect(workersFor(2, [...guidesOf(100 * 1024, 10, 'ko'), ...guidesOf(100 * 1024, 10)])).toBe(2); // by their work
  });

  test('a guide that is not there counts as an empty one', () => {
    expect(estimatedWorkMs(['/nonexistent/guide/en.md'])).toBeGreaterThan(0);
    expect(estimatedWorkMs(['/nonexistent/guide/en.md'])).toBeLessThan(WORK_PER_EXTRA_WORKER_MS / 100);
  });
});
