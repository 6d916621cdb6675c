/**
 * The word stores (`src/layout/word-store.ts`: shaped words, hyphenation points; `src/assets/decode-store.ts`:
 * decoded images; `src/render/pdf-adapter/subset-store.ts`: encoded font subsets; `src/batch/first-result-store.ts`: a
 * process's first parse and typography pass) must not change a byte: the
 * documents of `output-identity.test.ts` are built with the stores on, as a new process would build them (fresh
 * modules, so fresh fonts and caches): once filling the stores, once reading them, and in another order with the stores
 * read and without any, which must agree (fontkit's shaping depends on what the process shaped before; see
 * `shape-store.ts`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const expected = JSON.parse(readFileSync(path.join(root, 'tests/perf/output-identity.sha256.json'), 'utf8')) as Record<string, string>;

const cases: [name: string, guide: string, clinic?: string][] = [
  ['sample.en', 'content/guides/first-ketamine-session/en.md'],
  ['sample.ar', 'content/guides/first-ketamine-session/ar.md'],
  ['sample.zh-Hans', 'content/guides/first-ketamine-session/zh-Hans.md'],
  ['sample.en.harbor-health', 'content/guides/first-ketamine-session/en.md', 'tests/fixtures/clinics/harbor-health/clinic.yaml'],
  ['stress.long-text', 'tests/fixtures/stress/long-text.md'],
  ['stress.images', 'tests/fixtures/stress/images.md'],
  ['rich.en', 'tests/fixtures/guides/rich/en.md'],
];

/** Builds `list` in order with fresh modules (a new process), the word stores on in `dir` or off; SHA-256 by name. */
async function run(
  list: typeof cases,
  dir: string | undefined,
): Promise<{ sha: Record<string, string>; hits: number; subsets: number; firsts: number; written: number }> {
  vi.resetModules();
  const { buildHandout } = await import('../../src/build.js');
  const stores = await import('../../src/layout/word-store.js');
  const shapes = await import('../../src/render/pdf-adapter/shape-store.js');
  const subsets = await import('../../src/render/pdf-adapter/shared-subsets.js');
  const firstResults = await import('../../src/batch/first-result-store.js');
  if (dir) stores.enableWordStores({ dir, key: 'identity-test' });
  const sha: Record<string, string> = {};
  for (const [name, guide, clinic] of list) {
    const r = await buildHandout({ guide: path.join(root, guide), ...(clinic ? { clinic: path.join(root, clinic) } : {}) });
    expect(r.pdf, `${name} builds`).toBeDefined();
    sha[name] = createHash('sha256').update(r.pdf!).digest('hex');
  }
  const files = readdirSync(dir ?? root);
  const written = stores.persistWordStores() + files.filter((f) => /^(image|subset|result)-/.test(f)).length;
  stores.disableWordStores();
  const firsts = firstResults.firstResultsUsed('parse') + firstResults.firstResultsUsed('typography');
  return { sha, hits: shapes.shapeStoreCounts().hits, subsets: subsets.sharedSubsetStats().stored, firsts, written };
}

describe('output identity with the word stores', () => {
  it('filling and reading the stores gives the same bytes, in any order', { timeout: 300_000 }, async () => {
    const dir = path.join(tempDir('word-stores-identity-'), 'cache');
    const fill = await run(cases, dir);
    expect(fill.written).toBeGreaterThan(3);
    const read = await run(cases, dir);
    expect(read.hits).toBeGreaterThan(1000);
    expect(fill.subsets).toBe(0);
    expect(read.subsets).toBeGreaterThan(cases.length); // each document's subsets (two or more fonts each) read back
    expect(fill.firsts).toBe(0);
    expect(read.firsts).toBe(2); // the first document's parse and typography (then the process computes its own)
    for (const [name] of cases) {
      expect(fill.sha[name], `${name} (filling the stores)`).toBe(expected[name]);
      expect(read.sha[name], `${name} (read from the stores)`).toBe(expected[name]);
    }
    const reversed = [...cases].reverse();
    const without = await run(reversed, undefined);
    const withStores = await run(reversed, dir);
    expect(withStores.sha).toEqual(without.sha);
  });

  it('gives the same bytes with each document’s first parse and typography read back', { timeout: 300_000 }, async () => {
    // a process keeps only its first result of each (first-result-store.ts): each document first in a process of its own
    for (const one of cases) {
      const dir = path.join(tempDir('first-results-identity-'), 'cache');
      const fill = await run([one], dir);
      const read = await run([one], dir);
      expect(read.firsts, one[0]).toBe(2);
      expect(fill.sha[one[0]], `${one[0]} (filling the stores)`).toBe(expected[one[0]]);
      expect(read.sha[one[0]], `${one[0]} (read from the stores)`).toBe(expected[one[0]]);
    }
  });
});
