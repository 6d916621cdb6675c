/** The output folders of a `handout build` run: made once, stale temporaries of killed writers removed, writes atomic. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { OutputFolders } from '../../src/cli/output-folders.js';

/** A process id that is surely not running (above Linux's pid_max default). */
const DEAD = 4_194_999;

describe('OutputFolders', () => {
  test('makes a missing folder, removes stale temporaries of the files it writes, keeps live writers’ and others’', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-folders-'));
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const stale = `.a.pdf.${DEAD}.0badf00d.tmp`;
    const live = `.b.pdf.${process.ppid}.0badf00d.tmp`; // the test runner's parent is alive
    const other = `.c.pdf.${DEAD}.0badf00d.tmp`; // not written in this run: left for the run that writes c.pdf
    for (const t of [stale, live, other]) writeFileSync(path.join(out, t), 'partial');
    const folders = new OutputFolders();
    await folders.write(path.join(out, 'a.pdf'), Buffer.from('A'));
    await folders.write(path.join(out, 'b.pdf'), Buffer.from('B'));
    await folders.write(path.join(dir, 'new', 'deep', 'd.pdf'), Buffer.from('D'));
    expect(readdirSync(out).sort()).toEqual([other, live, 'a.pdf', 'b.pdf'].sort());
    expect(readFileSync(path.join(out, 'a.pdf'), 'utf8')).toBe('A');
    expect(readFileSync(path.join(dir, 'new', 'deep', 'd.pdf'), 'utf8')).toBe('D');
  });

  test('a folder removed during the run is made again', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-folders-'));
    const folders = new OutputFolders();
    await folders.write(path.join(dir, 'out', 'a.pdf'), Buffer.from('A'));
    rmSync(path.join(dir, 'out'), { recursive: true });
    await folders.write(path.join(dir, 'out', 'b.pdf'), Buffer.from('B'));
    expect(existsSync(path.join(dir, 'out', 'b.pdf'))).toBe(true);
  });
});
