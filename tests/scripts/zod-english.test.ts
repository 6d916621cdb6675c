/**
 * `scripts/zod-english.mjs`: zod's other locales left out of the bundles. zod bundled with it gives the messages and
 * results zod gives unbundled; an index that is not the one expected is left alone.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z as original } from 'zod';
import { englishOnly, zodEnglishPlugin } from '../../scripts/zod-english.mjs';
import { bundleForTest } from './bundle-for-test.js';

const require = createRequire(import.meta.url);
const index = path.join(path.dirname(require.resolve('zod')), 'v4', 'locales', 'index.js');

let dir = '';
let z: typeof original;
let sizes: { english: number; all: number };

async function bundle(name: string, plugins: unknown[]): Promise<string> {
  const out = path.join(dir, `${name}.cjs`);
  await bundleForTest(path.join(dir, 'entry.mjs'), out, plugins);
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'zod-english-'));
  writeFileSync(path.join(dir, 'entry.mjs'), "export { z } from 'zod';\n");
  const english = await bundle('english', [zodEnglishPlugin]);
  const all = await bundle('all', []);
  sizes = { english: statSync(english).size, all: statSync(all).size };
  z = (require(english) as { z: typeof original }).z;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("zod's English locale alone", () => {
  it('keeps English only, and the bundle is a good deal smaller', () => {
    expect(Object.keys(z.locales)).toEqual(['en']);
    expect(Object.keys(original.locales).length).toBeGreaterThan(50);
    expect(sizes.english).toBeLessThan(sizes.all * 0.75);
  });

  it("gives zod's own results and messages", () => {
    const schema = z.object({ name: z.string().min(2), age: z.number().int().positive(), kind: z.enum(['a', 'b']) }).strict();
    const same = original
      .object({ name: original.string().min(2), age: original.number().int().positive(), kind: original.enum(['a', 'b']) })
      .strict();
    for (const value of [{ name: 'Ana', age: 3, kind: 'a' }, { name: 'A', age: -1, kind: 'c', extra: 1 }, 'text', null, { age: 1.5 }]) {
      const got = schema.safeParse(value);
      const want = same.safeParse(value);
      expect(got.success).toBe(want.success);
      expect(JSON.stringify(got.error?.issues)).toBe(JSON.stringify(want.error?.issues));
    }
    expect(z.string().safeParse(1).error?.issues[0]?.message).toBe('Invalid input: expected string, received number');
  });

  it('leaves a locales index it does not know alone', () => {
    const code = readFileSync(index, 'utf8');
    expect(englishOnly(code)).toBe('export { default as en } from "./en.js";\n');
    expect(englishOnly(code.replace(/^export \{ default as en \}.*$/m, ''))).toBeUndefined();
    expect(englishOnly(`${code}export const extra = 1;\n`)).toBeUndefined();
    expect(englishOnly('export { default as en } from "./en.js";\n')).toBeUndefined();
  });
});
