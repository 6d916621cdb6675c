/** The refusal of guides that would write one output: each names at most three of the others, in its positioned form. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { OTHERS_NAMED, outputCollisions, outputCollisionsInSlices, type CollisionContext } from '../../src/cli/output-collisions.js';
import { formatDiagnostic } from '../../src/diagnostics.js';

/** `n` guides in a new folder, all with the front matter id `same` (guide i in `g<i>/en.md`). */
function sameId(n: number): { dir: string; guides: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-collide-'));
  const guides = Array.from({ length: n }, (_, i) => {
    const g = path.join(dir, `g${i}`, 'en.md');
    mkdirSync(path.dirname(g), { recursive: true });
    writeFileSync(g, `---\nid: same\ntitle: Guide ${i}\nlang: en\nversion: 1\n---\n\nText.\n`);
    return g;
  });
  return { dir, guides };
}

function refusals(dir: string, guides: readonly string[]): string[] {
  const shown = (p: string): string => path.relative(dir, p);
  const found = outputCollisions(guides, {
    outDir: path.join(dir, 'out'),
    suffix: '',
    clinic: 'c.yaml',
    recordedClinic: () => undefined,
    shown,
  });
  return guides.map((g) => {
    const c = found.get(g);
    expect(c?.target).toBe(path.join(dir, 'out', 'same.en.pdf'));
    return formatDiagnostic({ ...c!.diagnostic, file: shown(c!.diagnostic.file) });
  });
}

describe('outputCollisions', () => {
  test('200 guides with one id: one line each, naming three of the others and counting the rest', () => {
    const { dir, guides } = sameId(200);
    const lines = refusals(dir, guides);
    expect(OTHERS_NAMED).toBe(3);
    expect(lines[0]).toBe(
      'g0/en.md:2:1: error this guide and `g1/en.md`, `g2/en.md`, `g3/en.md` and 196 others would all be written to ' +
        '`out/same.en.pdf`, and each would overwrite the others; give each guide its own `id` (and file name per language), ' +
        'or build them in separate runs with different --out-dir; none of them is built [output-collision]',
    );
    expect(lines[150]).toMatch(
      /^g150\/en\.md:2:1: error this guide and `g0\/en\.md`, `g1\/en\.md`, `g2\/en\.md` and 196 others would all /,
    );
    for (const l of lines) {
      expect(l).not.toContain('\n');
      expect(l.match(/`g\d+\/en\.md`/g)).toHaveLength(3);
      expect(l.length).toBeLessThan(400);
      expect(l).toMatch(/^g\d+\/en\.md:2:1: error .* \[output-collision\]$/);
    }
  });

  test('two guides name each other; four name all three others, five name three and one other', () => {
    const two = sameId(2);
    expect(refusals(two.dir, two.guides)[1]).toMatch(
      /^g1\/en\.md:2:1: error this guide and `g0\/en\.md` would both be written to `out\/same\.en\.pdf`, .*; neither is built \[output-collision\]$/,
    );
    const four = sameId(4);
    expect(refusals(four.dir, four.guides)[0]).toMatch(
      /^g0\/en\.md:2:1: error this guide and `g1\/en\.md`, `g2\/en\.md` and `g3\/en\.md` would all /,
    );
    const five = sameId(5);
    expect(refusals(five.dir, five.guides)[4]).toMatch(/ and `g0\/en\.md`, `g1\/en\.md`, `g2\/en\.md` and 1 other would all /);
  });
});

describe('outputCollisionsInSlices', () => {
  test('finds what outputCollisions finds, letting the event loop run between slices of front matter reads', async () => {
    const { dir, guides } = sameId(3);
    // 300 more guides with ids of their own, two sharing one, and one whose front matter does not validate
    for (let i = 0; i < 300; i++) {
      const g = path.join(dir, `h${i}`, 'en.md');
      mkdirSync(path.dirname(g), { recursive: true });
      const id = i === 7 || i === 250 ? 'pair' : `guide-${i}`;
      writeFileSync(
        g,
        i === 99 ? '---\nid: broken\ntitle: [\n---\n\nText.\n' : `---\nid: ${id}\ntitle: T\nlang: en\nversion: 1\n---\n\nText.\n`,
      );
      guides.push(g);
    }
    const ctx: CollisionContext = {
      outDir: path.join(dir, 'out'),
      suffix: '',
      clinic: 'c.yaml',
      recordedClinic: () => undefined,
      shown: (p) => p,
    };
    let turns = 0;
    let counting = true;
    const count = (): void => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const sliced = await outputCollisionsInSlices(guides, ctx);
    counting = false;
    const whole = outputCollisions(guides, ctx);
    expect([...sliced.keys()].sort()).toEqual([...whole.keys()].sort());
    expect(sliced.size).toBe(5); // the three `same` and the `pair`
    for (const [g, c] of whole) expect(sliced.get(g)).toEqual(c);
    expect(turns).toBeGreaterThan(1); // reading 303 guides takes more than one slice
  });
});
