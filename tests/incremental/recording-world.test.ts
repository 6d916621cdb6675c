/** The recording World logs what a build read, with hashes, and what it looked for in vain. */
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeWorld } from '../../src/world.js';
import { recordingWorld } from '../../src/incremental/recording-world.js';
import { sha256 } from '../../src/incremental/hash.js';

describe('recordingWorld', () => {
  it('records reads with their SHA-256, absent files as null, and no refused path outside the roots', () => {
    const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'handout-rec-')));
    const inner = path.join(dir, 'in');
    mkdirSync(inner);
    writeFileSync(path.join(inner, 'b.txt'), 'bee');
    writeFileSync(path.join(inner, 'a.txt'), 'ay');
    writeFileSync(path.join(dir, 'secret.txt'), 'no');
    const rec = recordingWorld(nodeWorld);
    expect(rec.world.read('b.txt', inner, [inner]).ok).toBe(true);
    expect(rec.world.read('a.txt', inner, [inner]).ok).toBe(true);
    expect(rec.world.read('a.txt', inner, [inner]).ok).toBe(true);
    expect(rec.world.read('gone.png', inner, [inner]).ok).toBe(false);
    expect(rec.world.read('../secret.txt', inner, [inner]).ok).toBe(false);
    expect(rec.reads()).toEqual([
      { path: path.join(inner, 'a.txt'), sha256: sha256('ay') },
      { path: path.join(inner, 'b.txt'), sha256: sha256('bee') },
      { path: path.join(inner, 'gone.png'), sha256: null },
    ]);
  });

  it('adds records made elsewhere (a kept clinic profile) as its own; a file found is never turned back into an absent one', () => {
    const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'handout-rec-')));
    writeFileSync(path.join(dir, 'a.txt'), 'ay');
    const rec = recordingWorld(nodeWorld);
    expect(rec.world.read('a.txt', dir, [dir]).ok).toBe(true);
    rec.add([
      { path: path.join(dir, 'logo.svg'), sha256: sha256('logo') },
      { path: path.join(dir, 'a.txt'), sha256: null },
      { path: path.join(dir, 'fonts.ttf'), sha256: null },
    ]);
    expect(rec.reads()).toEqual([
      { path: path.join(dir, 'a.txt'), sha256: sha256('ay') },
      { path: path.join(dir, 'fonts.ttf'), sha256: null },
      { path: path.join(dir, 'logo.svg'), sha256: sha256('logo') },
    ]);
  });
});
