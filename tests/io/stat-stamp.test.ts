import { mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statStamp, statStampOf } from '../../src/io/stat-stamp.js';

describe('statStampOf', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-stamp-'));

  it('is the same for an unchanged file, and the stamp of its stat', () => {
    const f = path.join(dir, 'a.yaml');
    writeFileSync(f, 'name: A\n');
    expect(statStampOf(f)).toBe(statStampOf(f));
    expect(statStampOf(f)).toBe(statStamp(statSync(f, { bigint: true })));
  });

  it('changes on a write of the same size that restores the modification time', async () => {
    const f = path.join(dir, 'b.yaml');
    writeFileSync(f, 'name: A\n');
    const { atime, mtime } = statSync(f);
    const before = statStampOf(f);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(f, 'name: B\n');
    utimesSync(f, atime, mtime);
    expect(statStampOf(f)).not.toBe(before);
  });

  it('is undefined for a file that is not there', () => {
    expect(statStampOf(path.join(dir, 'missing.yaml'))).toBeUndefined();
  });
});
