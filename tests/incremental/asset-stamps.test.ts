/** Build-time digests of the bundled folders: trusted only while the folder's files are unchanged. */
import { mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderDigest, listFiles, prefetchListings, stampFolder, type AssetStamps } from '../../src/incremental/asset-stamps.js';
import { packageDir } from '../../src/package-dir.js';
import { hashTree } from '../../src/incremental/hash.js';

function folder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-stamp-'));
  mkdirSync(path.join(dir, 'sub'));
  writeFileSync(path.join(dir, 'a.ttf'), 'font a');
  writeFileSync(path.join(dir, 'sub', 'b.ttf'), 'font b');
  return dir;
}

const stampsOf = (name: string, stamp: AssetStamps['folders'][string]): AssetStamps => ({ version: 1, folders: { [name]: stamp } });

describe('asset stamps', () => {
  it('gives the same digest as hashing the folder, without reading the files while they are unchanged', () => {
    const dir = folder();
    const stamp = stampFolder(dir);
    expect(stamp.digest).toBe(hashTree(dir));
    expect(folderDigest(stampsOf('fonts', stamp), 'fonts', dir)).toBe(hashTree(dir));
    // a stamp whose digest no content could give is still trusted: proof that nothing was read
    expect(folderDigest(stampsOf('fonts', { ...stamp, digest: 'stamped' }), 'fonts', dir)).toBe('stamped');
  });

  it('hashes the folder again when a file changes, is touched, added or removed', () => {
    const changes: ((dir: string) => void)[] = [
      (d) => writeFileSync(path.join(d, 'a.ttf'), 'font A'), // same size, new time
      (d) => utimesSync(path.join(d, 'sub', 'b.ttf'), new Date(1e12), new Date(1e12)),
      (d) => writeFileSync(path.join(d, 'c.ttf'), 'new'),
      (d) => writeFileSync(path.join(d, 'a.ttf'), 'a longer font'),
    ];
    for (const change of changes) {
      const dir = folder();
      const stamp = { ...stampFolder(dir), digest: 'stamped' };
      utimesSync(path.join(dir, 'a.ttf'), new Date(5e11), new Date(5e11));
      const fresh = { ...stampFolder(dir), digest: 'stamped' };
      expect(folderDigest(stampsOf('fonts', fresh), 'fonts', dir)).toBe('stamped');
      change(dir);
      expect(folderDigest(stampsOf('fonts', fresh), 'fonts', dir)).toBe(hashTree(dir));
      expect(folderDigest(stampsOf('fonts', stamp), 'fonts', dir)).toBe(hashTree(dir));
    }
  });

  it('hashes when there is no stamp, or none for that folder', () => {
    const dir = folder();
    expect(folderDigest(undefined, 'fonts', dir)).toBe(hashTree(dir));
    expect(folderDigest(stampsOf('templates', stampFolder(dir)), 'fonts', dir)).toBe(hashTree(dir));
  });

  it('leaves out skipped files', () => {
    const dir = folder();
    const before = hashTree(dir);
    writeFileSync(path.join(dir, 'asset-stamps.json'), '{}');
    expect(hashTree(dir, undefined, (rel) => rel === 'asset-stamps.json')).toBe(before);
    expect(stampFolder(dir, (rel) => rel === 'asset-stamps.json').files.map((f) => f[0])).toEqual(['a.ttf', 'sub/b.ttf']);
  });

  it('lists a folder ahead on the I/O threads exactly as it lists it in place, once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stamps-prefetch-'));
    for (const f of ['b.txt', 'a/z.txt', 'a/b/c.txt', 'a.txt', 'B/x', 'a-b/y']) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), f);
    }
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'link-to-a')); // followed, as hashTree follows it
    const folders = [dir, ...['src', 'templates', 'locales', 'fonts'].map((d) => path.join(packageDir(), d)), path.join(dir, 'none')];
    const inPlace = folders.map((d) => listFiles(d));
    await prefetchListings(folders);
    expect(folders.map((d) => listFiles(d))).toEqual(inPlace);
    writeFileSync(path.join(dir, 'new.txt'), 'new');
    expect(listFiles(dir)).toHaveLength(inPlace[0]!.length + 1); // the listing ahead was used once: this one is made now
    await prefetchListings([dir]);
    const skip = (rel: string): boolean => rel.startsWith('a/');
    expect(listFiles(dir, skip)).toEqual(listFiles(dir, skip));
  });
});
