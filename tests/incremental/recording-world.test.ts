/** The recording World logs what a build read, with hashes, and what it looked for in vain. */
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeWorld, readText, type World } from '../../src/world.js';
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

  it('answers text reads of the fingerprinted folders from the kept texts, unrecorded; a link out of them is read and recorded', () => {
    const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'handout-rec-')));
    const bundled = path.join(dir, 'templates');
    mkdirSync(bundled);
    writeFileSync(path.join(bundled, 'page.hbs'), 'page');
    writeFileSync(path.join(dir, 'user.hbs'), 'user');
    symlinkSync(path.join(dir, 'user.hbs'), path.join(bundled, 'linked.hbs'));
    const rec = recordingWorld(nodeWorld, [bundled]);
    let reads = 0;
    const counted: World = { ...rec.world, read: (...a) => (reads++, rec.world.read(...a)) };
    const first = readText(counted, 'page.hbs', bundled, [dir]);
    expect(first).toMatchObject({ ok: true, text: 'page' });
    expect(readText(counted, 'page.hbs', bundled, [dir])).toBe(first); // the kept result, the file not read again
    expect(reads).toBe(0);
    expect(readText(counted, 'linked.hbs', bundled, [dir])).toMatchObject({ ok: true, text: 'user' });
    expect(reads).toBe(1);
    expect(readText(counted, 'user.hbs', dir, [dir])).toMatchObject({ ok: true, text: 'user' });
    expect(rec.reads()).toEqual([
      { path: path.join(bundled, 'linked.hbs'), sha256: sha256('user') },
      { path: path.join(dir, 'user.hbs'), sha256: sha256('user') },
    ]);
    // over another world (a test's, `serve`'s confined one) nothing is answered for it
    expect(recordingWorld({ read: (...a) => nodeWorld.read(...a) }, [bundled]).world.readsAsNode).toBeUndefined();
  });
});
