/** Each resource limit: the refusal and its message (time budget: tests/batch/batch.test.ts). */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS, resolveLimits } from '../../src/limits.js';
import { packageDir } from '../../src/package-dir.js';
import { buildSource, errorsOf, expectPositioned, FRONT_MATTER, tempDir } from './helpers.js';

describe('limits', () => {
  test('defaults are safe and validated', () => {
    expect(DEFAULT_LIMITS).toMatchObject({ maxPages: 500, maxNestingDepth: 12, maxImagePixels: 40_000_000 });
    expect(resolveLimits({ maxPages: 3 }).maxPages).toBe(3);
    expect(() => resolveLimits({ maxPages: 0 })).toThrow(/positive whole number/);
    expect(() => resolveLimits({ timeBudgetMs: Number.NaN })).toThrow(/timeBudgetMs/);
  });

  test('a guide larger than maxFileBytes is refused', async () => {
    const r = await buildSource(`${FRONT_MATTER}${'word '.repeat(100)}\n`, tempDir(), 'big.md', { limits: { maxFileBytes: 200 } });
    expect(r.pdf).toBeUndefined();
    const [e] = errorsOf(r.diagnostics);
    expect(e).toMatchObject({ ruleId: 'guide-too-large', line: 1, column: 1, file: r.file });
    expect(e!.message).toMatch(/the limit is 200; split it into several guides, or raise the limit/);
  });

  test('a document needing more than maxPages pages is refused', async () => {
    const items = Array.from({ length: 200 }, (_, i) => `- item ${i}`).join('\n');
    const r = await buildSource(`${FRONT_MATTER}${items}\n`, tempDir(), 'long.md', { limits: { maxPages: 2 } });
    expect(r.pdf).toBeUndefined();
    const e = r.diagnostics.find((d) => d.ruleId === 'page-limit');
    expect(e?.message).toMatch(/more than 2 pages/);
  });

  test('an image with more pixels than maxImagePixels is refused', async () => {
    const dir = tempDir();
    copyFileSync(path.join(packageDir(), 'tests', 'fixtures', 'images', 'tiny.png'), path.join(dir, 'pic.png'));
    const source = `${FRONT_MATTER}![A picture](pic.png)\n`;
    const ok = await buildSource(source, dir);
    expect(ok.pdf).toBeDefined();
    const r = await buildSource(source, dir, 'guide.md', { limits: { maxImagePixels: 1 } });
    expect(r.pdf).toBeUndefined();
    const [e] = errorsOf(r.diagnostics);
    expect(e).toMatchObject({ ruleId: 'image-too-large', line: 8, column: 1 });
    expect(e!.message).toMatch(/image `pic\.png` is too large .*the limit is 0\.0 megapixels/);
  });

  test.each([
    ['quotes', (n: number) => `${'>'.repeat(n)} deep\n`],
    ['lists', (n: number) => `${Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n`],
    ['lists in quotes', (n: number) => `${'> - '.repeat(n / 2)}deep\n`],
  ])('%s nested deeper than maxNestingDepth are refused before layout', async (_name, make) => {
    const dir = tempDir();
    const fits = await buildSource(`${FRONT_MATTER}${make(4)}`, dir, 'ok.md', { limits: { maxNestingDepth: 4 } });
    expect(errorsOf(fits.diagnostics)).toEqual([]);
    const source = `${FRONT_MATTER}${make(6)}`;
    const r = await buildSource(source, dir, 'deep.md', { limits: { maxNestingDepth: 4 } });
    expect(r.pdf).toBeUndefined();
    expectPositioned(r.diagnostics, r.file, source);
    const [e] = errorsOf(r.diagnostics);
    expect(e!.ruleId).toBe('nesting-too-deep');
    expect(e!.line).toBeGreaterThanOrEqual(8);
    expect(e!.message).toMatch(/nested 5 levels deep .*the limit is 4 levels\. Flatten the structure/);
  });

  test('pathological nesting is refused from the source, before the parser sees it', async () => {
    const source = `${FRONT_MATTER}Intro.\n\n${'>'.repeat(100_000)} deep\n`;
    const t0 = Date.now();
    const r = await buildSource(source, tempDir());
    expect(Date.now() - t0).toBeLessThan(5000);
    const [e] = errorsOf(r.diagnostics);
    expect(e).toMatchObject({ ruleId: 'nesting-too-deep', line: 10, column: 4097 });
    expect(e!.message).toMatch(/nested about \d+ levels deep here; the limit is 12 levels/);
  });
});
