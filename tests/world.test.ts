import { mkdtempSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeWorld, readText } from '../src/world.js';

const tmp = (): string => realpathSync(mkdtempSync(path.join(os.tmpdir(), 'handout-world-')));

describe('readText through the real file system', () => {
  it('keeps an unchanged file, and reads it again after any edit, even one of the same size and modification time', () => {
    const dir = tmp();
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, 'first');
    const first = readText(nodeWorld, 'a.txt', dir, [dir]);
    expect(first).toMatchObject({ ok: true, text: 'first', path: file });
    expect(readText(nodeWorld, 'a.txt', dir, [dir])).toBe(first);
    const { atime, mtime } = statSync(file);
    writeFileSync(file, 'other');
    utimesSync(file, atime, mtime); // the change time still moves
    expect(readText(nodeWorld, 'a.txt', dir, [dir])).toMatchObject({ ok: true, text: 'other' });
  });

  it('refuses a kept file once it is replaced by a link out of its folder, and reports one that is gone', () => {
    const dir = tmp();
    const inside = path.join(dir, 'inside');
    const outside = path.join(dir, 'outside.txt');
    const file = path.join(inside, 'a.txt');
    renameSync(mkdtempSync(path.join(dir, 'x')), inside);
    writeFileSync(file, 'secret-free');
    writeFileSync(outside, 'outside');
    expect(readText(nodeWorld, 'a.txt', inside, [inside])).toMatchObject({ ok: true, text: 'secret-free' });
    rmSync(file);
    expect(readText(nodeWorld, 'a.txt', inside, [inside])).toMatchObject({ ok: false, reason: 'not-found' });
    symlinkSync(outside, file);
    expect(readText(nodeWorld, 'a.txt', inside, [inside])).toMatchObject({ ok: false, reason: 'outside-root' });
  });

  it('keeps a file per set of roots and size limit', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'b.txt'), 'twelve bytes');
    expect(readText(nodeWorld, 'b.txt', dir, [dir])).toMatchObject({ ok: true });
    expect(readText(nodeWorld, 'b.txt', dir, [dir], 4)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(readText(nodeWorld, 'b.txt', dir, [path.join(dir, 'sub')])).toMatchObject({ ok: false, reason: 'outside-root' });
  });
});
