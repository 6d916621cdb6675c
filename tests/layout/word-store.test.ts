/**
 * The word stores (`src/layout/word-store.ts`): results per word kept in the compile cache's folder. Off unless
 * turned on; a missing, corrupt, foreign or unsafe file is ignored and written again; bounded. Every test uses its
 * own folder (never the home cache).
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_WORD_LENGTH,
  REWRITE_AFTER,
  WordStore,
  disableWordStores,
  enableWordStores,
  persistWordStores,
  wordStoresEnabled,
} from '../../src/layout/word-store.js';
import { tempDir } from '../helpers/cli.js';

const isNumbers = (x: unknown): x is number[] => Array.isArray(x) && x.every((n) => typeof n === 'number');
const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('words-')) : []);

/** A folder with one store file holding `hello → [1, 2]`, and that file's path. */
function written(parts: string[] = ['t']): { dir: string; file: string } {
  const dir = path.join(tempDir('word-store-'), 'cache');
  enableWordStores({ dir, key: 'k1' });
  new WordStore(parts, isNumbers).set('hello', [1, 2]);
  expect(persistWordStores()).toBe(1);
  const [name] = files(dir);
  return { dir, file: path.join(dir, name!) };
}

afterEach(() => disableWordStores());

describe('word stores', () => {
  it('are off by default: nothing read or written', () => {
    expect(wordStoresEnabled()).toBe(false);
    const store = new WordStore(['t'], isNumbers);
    store.set('hello', [1]);
    expect(store.get('hello')).toEqual([1]);
    expect(persistWordStores()).toBe(0);
  });

  it('write the words added (mode 0600, in a folder of mode 0700) and read them back in a new store', () => {
    const { dir, file } = written();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const again = new WordStore(['t'], isNumbers);
    expect(again.get('hello')).toEqual([1, 2]);
    expect(persistWordStores()).toBe(0); // nothing new
    // another name (other font, other patterns) or other code: another file
    expect(new WordStore(['u'], isNumbers).size).toBe(0);
    enableWordStores({ dir, key: 'k2' });
    expect(new WordStore(['t'], isNumbers).size).toBe(0);
  });

  it('ignore a corrupt file and write it again', () => {
    const { file } = written();
    writeFileSync(file, '{"v":1,"id":');
    const store = new WordStore(['t'], isNumbers);
    expect(store.size).toBe(0);
    store.set('world', [3]);
    expect(persistWordStores()).toBe(1);
    expect(new WordStore(['t'], isNumbers).get('world')).toEqual([3]);
  });

  it("ignore another store's file and entries of the wrong shape", () => {
    const { dir, file } = written();
    const other = new WordStore(['other'], isNumbers);
    other.set('x', [9]);
    persistWordStores();
    const otherFile = files(dir)
      .map((f) => path.join(dir, f))
      .find((f) => f !== file)!;
    const foreign = readFileSync(otherFile, 'utf8');
    writeFileSync(file, foreign, { mode: 0o600 }); // another store's file under this store's name
    expect(new WordStore(['t'], isNumbers).get('x')).toBeUndefined();
    // this store's header, then lines of the wrong shape (sorted, as written): only the good ones are used
    const header = readFileSync(otherFile, 'utf8').split('\n')[0]!;
    const lines = ['"x"\t[9]', '"bad"\t"no"', 'junk', '"half"\t[1,', '7\t[2]', '"y"\t[3]'];
    writeFileSync(otherFile, [header, ...[...lines].sort()].join('\n'), { mode: 0o600 });
    const mixed = new WordStore(['other'], isNumbers);
    expect([mixed.get('x'), mixed.get('bad'), mixed.get('half'), mixed.get('y')]).toEqual([[9], undefined, undefined, [3]]);
    // not sorted: words may be missed, never given another word's value
    writeFileSync(otherFile, [header, ...[...lines].sort().reverse()].join('\n'), { mode: 0o600 });
    const unsorted = new WordStore(['other'], isNumbers);
    for (const [word, value] of [
      ['x', [9]],
      ['y', [3]],
    ] as const)
      expect([undefined, value]).toContainEqual(unsorted.get(word));
  });

  it('do not read a file others can write, a symbolic link, or from a folder others can write', () => {
    const { dir, file } = written();
    chmodSync(file, 0o666);
    expect(new WordStore(['t'], isNumbers).size).toBe(0);
    chmodSync(file, 0o600);
    const moved = path.join(tempDir('word-store-link-'), 'target.json');
    renameSync(file, moved);
    symlinkSync(moved, file);
    expect(new WordStore(['t'], isNumbers).size).toBe(0);
    const open = path.join(tempDir('word-store-open-'), 'cache');
    mkdirSync(open, { mode: 0o700 });
    chmodSync(open, 0o777);
    enableWordStores({ dir: open, key: 'k1' });
    const store = new WordStore(['t'], isNumbers);
    store.set('a', [1]);
    expect(persistWordStores()).toBe(0);
    expect(files(open)).toEqual([]);
    expect(dir).not.toBe(open);
  });

  it('write a store again only when many words were added since (each write rewrites the file)', () => {
    const dir = path.join(tempDir('word-store-'), 'cache');
    enableWordStores({ dir, key: 'k1' });
    const store = new WordStore(['t'], isNumbers);
    store.set('a', [1]);
    expect(persistWordStores()).toBe(1);
    store.set('b', [1]);
    expect(persistWordStores()).toBe(0);
    for (let i = 0; i < REWRITE_AFTER; i++) store.set(`w${i}`, [i]);
    expect(persistWordStores()).toBe(1);
    const again = new WordStore(['t'], isNumbers);
    expect([again.size, again.get('a'), again.get(`w${REWRITE_AFTER - 1}`)]).toEqual([REWRITE_AFTER + 2, [1], [REWRITE_AFTER - 1]]);
  });

  it('keep no word longer than the limit, and stop writing stores opened before the settings changed', () => {
    const dir = path.join(tempDir('word-store-'), 'cache');
    enableWordStores({ dir, key: 'k1' });
    const store = new WordStore(['t'], isNumbers);
    store.set('x'.repeat(MAX_WORD_LENGTH + 1), [1]);
    expect(store.size).toBe(0);
    enableWordStores({ dir, key: 'k2' });
    expect(store.stale).toBe(true);
    store.set('y', [1]);
    expect(persistWordStores()).toBe(0);
  });
});
