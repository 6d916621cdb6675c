/** The manifest: deterministic JSON, and anything malformed reads as empty. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/incremental/canonical-json.js';
import { MANIFEST_NAME, emptyManifest, readManifest, serializeManifest, writeManifest, type Manifest } from '../../src/incremental/manifest.js';

const H = (c: string): string => c.repeat(64);

function sample(order: 'ab' | 'ba'): Manifest {
  const m = emptyManifest();
  const entry = (guide: string) => ({ guide, naming: 'auto' as const, run: H('1'), inputs: { [guide]: H('2'), 'z/absent.png': null }, output: H('3'), warnings: [] });
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
    expect(serializeManifest(back)).toBe(readFileSync(path.join(dir, MANIFEST_NAME), 'utf8'));
    expect(back.outputs.get('a.en.pdf')?.inputs['z/absent.png']).toBeNull();
  });

  it('reads an absent, truncated or ill-typed manifest as empty', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-manifest-'));
    expect(readManifest(dir).outputs.size).toBe(0);
    const good = serializeManifest(sample('ab'));
    for (const bad of [good.slice(0, 50), 'null', '{"__proto__": {"outputs": 1}}', good.replace(H('3'), 'not-a-hash'), good.replace('"auto"', '"sideways"'), good.replace('handoutkit-manifest/1', 'handoutkit-manifest/0')]) {
      writeFileSync(path.join(dir, MANIFEST_NAME), bad);
      expect(readManifest(dir).outputs.size).toBe(0);
    }
  });
});
