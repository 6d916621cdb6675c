/** The manifest: deterministic JSON, and anything malformed reads as empty. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/incremental/canonical-json.js';
import {
  MANIFEST_NAME,
  MAX_MANIFEST_BYTES,
  emptyManifest,
  readManifest,
  serializeManifest,
  writeManifest,
  type Manifest,
} from '../../src/incremental/manifest.js';

const H = (c: string): string => c.repeat(64);

function sample(order: 'ab' | 'ba'): Manifest {
  const m = emptyManifest();
  const entry = (guide: string) => ({
    guide,
    naming: 'auto' as const,
    run: H('1'),
    inputs: { [guide]: H('2'), 'z/absent.png': null },
    output: H('3'),
    warnings: [],
  });
  for (const n of order === 'ab' ? ['a', 'b'] : ['b', 'a']) m.outputs.set(`${n}.en.pdf`, entry(`../${n}/en.md`));
  m.runs.set(H('1'), { paper: null, limits: { maxPages: 500, maxFileBytes: 1 } });
  m.runs.set(H('9'), { unused: true });
  return m;
}

describe('build manifest', () => {
  it('serializes with sorted keys, whatever the insertion order, and drops unused runs', () => {
    const text = serializeManifest(sample('ba'));
    expect(text).toBe(serializeManifest(sample('ab')));
    expect(text.indexOf('a.en.pdf')).toBeLessThan(text.indexOf('b.en.pdf'));
    expect(text).not.toContain(H('9'));
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
  });

  it('round-trips through the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-manifest-'));
    writeManifest(dir, sample('ab'));
    const back = readManifest(dir);
    expect(back.problems).toEqual([]);
    expect(serializeManifest(back.manifest)).toBe(readFileSync(path.join(dir, MANIFEST_NAME), 'utf8'));
    expect(back.manifest.outputs.get('a.en.pdf')?.inputs['z/absent.png']).toBeNull();
  });

  it('reads an absent manifest as empty, silently', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-manifest-'));
    expect(readManifest(dir)).toEqual({ manifest: emptyManifest(), problems: [] });
  });

  it('ignores a truncated, ill-typed or foreign manifest as a whole, with one problem line', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-manifest-'));
    const good = serializeManifest(sample('ab'));
    for (const bad of [
      good.slice(0, 50),
      'null',
      '{"__proto__": {"outputs": 1}}',
      good.replace('handoutkit-manifest/1', 'handoutkit-manifest/0'),
    ]) {
      writeFileSync(path.join(dir, MANIFEST_NAME), bad);
      const r = readManifest(dir);
      expect(r.manifest.outputs.size).toBe(0);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toContain('was ignored');
    }
  });

  it('ignores only the entries of the wrong shape, with one problem line', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-manifest-'));
    const good = serializeManifest(sample('ab'));
    for (const bad of [good.replace(H('3'), 'not-a-hash'), good.replace('"auto"', '"sideways"')]) {
      writeFileSync(path.join(dir, MANIFEST_NAME), bad);
      const r = readManifest(dir);
      expect([...r.manifest.outputs.keys()]).toEqual(['b.en.pdf']);
      expect(r.problems).toHaveLength(1);
    }
  });

  it('ignores an entry whose output name leaves the folder (`../../victim.pdf`)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-manifest-'));
    for (const name of ['../../victim.pdf', '/etc/victim.pdf', 'sub/x.pdf', '..', 'a\\..\\b.pdf']) {
      writeFileSync(path.join(dir, MANIFEST_NAME), serializeManifest(sample('ab')).replace('"a.en.pdf"', JSON.stringify(name)));
      const r = readManifest(dir);
      expect([...r.manifest.outputs.keys()], name).toEqual(['b.en.pdf']);
      expect(r.problems[0]).toContain('naming a file outside its folder');
    }
  });

  it('refuses JSON nested 3,000 deep without a stack overflow', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-manifest-'));
    const deep = '['.repeat(3000) + ']'.repeat(3000);
    writeFileSync(
      path.join(dir, MANIFEST_NAME),
      serializeManifest(sample('ab')).replace('"unused": true', `"unused": ${deep}`).replace('"paper": null', `"paper": ${deep}`),
    );
    const r = readManifest(dir);
    expect(r.manifest.outputs.size).toBe(0);
    expect(r.problems[0]).toContain('nests deeper than');
  });

  it('never reads a manifest that is a FIFO or larger than the limit', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-manifest-'));
    execFileSync('mkfifo', [path.join(dir, MANIFEST_NAME)]);
    const r = readManifest(dir); // would block forever if opened for a blocking read
    expect(r.problems[0]).toContain('is not a regular file');
    const big = mkdtempSync(path.join(os.tmpdir(), 'handout-manifest-'));
    writeFileSync(path.join(big, MANIFEST_NAME), '');
    truncateSync(path.join(big, MANIFEST_NAME), MAX_MANIFEST_BYTES + 1);
    expect(readManifest(big).problems[0]).toContain('is larger than');
  });
});
