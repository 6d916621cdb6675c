import os from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Files that take longest (measured; most of it waiting on npm, child processes, servers, worker threads) start first,
 * so that no long file is left to run alone at the end; the rest keep Vitest's order (by its cached durations).
 */
const SLOW_FIRST = [
  'tests/package/pack.test.ts',
  'tests/serve/serve.test.ts',
  'tests/incremental/cli.test.ts',
  'tests/cli/main.test.ts',
  'tests/robustness/commonmark-spec.test.ts',
  'tests/robustness/pathological.test.ts',
  'tests/batch/batch.test.ts',
];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const i = SLOW_FIRST.findIndex((s) => f.moduleId.endsWith(s));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b)); // a stable sort
  }
}

/** Test files that mock a module (`vi.mock`): they need a module graph of their own. */
const ISOLATED = ['tests/cli/write-errors.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['tests/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores, i.e. one on a 2-core CI machine; most files spend much of
    // their time waiting (worker threads, child processes, npm, a browser), so two files at a time nearly halve the run.
    maxWorkers: Math.max(2, (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length) - 1),
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        // Files share one module graph per worker (no re-import of the pipeline for each of ~120 files); every
        // cache a test depends on being cold is cleared by that test (clearSharedShaping, clearImageCache, …).
        test: { name: 'shared', include: ['tests/**/*.test.ts'], exclude: ISOLATED, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
