/**
 * `src/batch/first-result-store.ts`: a process's first result of a kind kept for later processes, read back only
 * intact and of the right shape, and the store left alone once the process has computed a result itself.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FirstResultStore, firstResultsUsed, isPlainJson } from '../../src/batch/first-result-store.js';
import { disableWordStores, enableWordStores } from '../../src/layout/word-store.js';
import { tempDir } from '../helpers/cli.js';

const isNumbers = (x: unknown): x is number[] => Array.isArray(x) && x.every((v) => typeof v === 'number');
const filesIn = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith('result-'));

afterEach(() => disableWordStores());

describe('isPlainJson', () => {
  it('accepts what JSON gives back exactly, and nothing else', () => {
    expect(isPlainJson({ a: [1, 'b', null, true, { c: 2.5 }], d: Object.create(null) as object })).toBe(true);
    const holey: unknown[] = [];
    holey[1] = 1;
    const bad: [string, unknown][] = [
      ['undefined value', { a: undefined }],
      ['undefined item', [1, undefined]],
      ['-0', -0],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['Date', new Date(0)],
      ['Map', new Map()],
      ['function', () => 1],
      ['bigint', 1n],
      ['hole', holey],
    ];
    for (const [name, value] of bad) expect(isPlainJson(value), name).toBe(false);
    expect(isPlainJson({ [Symbol('s')]: 1 })).toBe(false);
    expect(isPlainJson(JSON.parse('{"__proto__": 1}'))).toBe(false);
  });
});

describe('FirstResultStore', () => {
  it('keeps and reads nothing while the word stores are off', () => {
    const store = new FirstResultStore('test-off', isNumbers);
    store.computed('input', [1, 2]);
    expect(store.get('input')).toBeUndefined();
  });

  it('keeps a process’s first result for later processes, and then leaves the store alone', () => {
    const dir = tempDir('first-results-');
    enableWordStores({ dir, key: 'first-results-test' });
    const first = new FirstResultStore('test-kind', isNumbers);
    expect(first.get('one')).toBeUndefined();
    first.computed('one', [1]);
    expect(first.isWarm).toBe(true);
    first.computed('two', [2]); // warm: not kept
    expect(filesIn(dir)).toHaveLength(1);
    expect(first.get('one')).toBeUndefined(); // warm: not read

    const later = new FirstResultStore('test-kind', isNumbers); // another process
    const before = firstResultsUsed('test-kind');
    expect(later.get('one')).toEqual([1]);
    expect(later.get('two')).toBeUndefined();
    expect(firstResultsUsed('test-kind')).toBe(before + 1);
    expect(later.isWarm).toBe(false);
    expect(new FirstResultStore('other-kind', isNumbers).get('one')).toBeUndefined();
    enableWordStores({ dir, key: 'other-code' });
    expect(new FirstResultStore('test-kind', isNumbers).get('one')).toBeUndefined();
  });

  it('keeps no result JSON would not give back, and reads none changed or of another shape', () => {
    const dir = tempDir('first-results-bad-');
    enableWordStores({ dir, key: 'first-results-test' });
    const loose = new FirstResultStore<unknown>('test-loose', (x): x is unknown => x !== undefined);
    loose.computed('x', { a: undefined });
    expect(filesIn(dir)).toEqual([]);

    new FirstResultStore('test-kind', isNumbers).computed('one', [1, 2, 3]);
    const file = path.join(dir, filesIn(dir)[0]!);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('[1,2,3]', '[1,2,4]'), { mode: 0o600 });
    expect(new FirstResultStore('test-kind', isNumbers).get('one')).toBeUndefined();
    writeFileSync(file, good.slice(0, -1), { mode: 0o600 });
    expect(new FirstResultStore('test-kind', isNumbers).get('one')).toBeUndefined();
    const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');
    writeFileSync(file, good, { mode: 0o600 });
    expect(new FirstResultStore('test-kind', isStrings).get('one')).toBeUndefined();
    expect(new FirstResultStore('test-kind', isNumbers).get('one')).toEqual([1, 2, 3]);
  });
});
