/** The fonts folder's digest from each font's table directory: changes with any font, never reads a whole font. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontDirectory, fontFolderDigest } from '../../src/incremental/font-digest.js';
import { bundledFontsDir } from '../../src/layout/fonts/fonts-dir.js';

const FONTS = bundledFontsDir();

function folder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-fonts-'));
  mkdirSync(path.join(dir, 'sub'));
  copyFileSync(path.join(FONTS, 'NotoSans-Regular.ttf'), path.join(dir, 'NotoSans-Regular.ttf'));
  copyFileSync(path.join(FONTS, 'NotoSans-Bold.ttf'), path.join(dir, 'sub', 'NotoSans-Bold.ttf'));
  writeFileSync(path.join(dir, 'OFL.txt'), 'licence');
  return dir;
}

describe('font folder digest', () => {
  it("reads a font's table directory: its tables' tags, offsets, lengths and checksums, and the size", () => {
    const file = path.join(FONTS, 'NotoSans-Regular.ttf');
    const dir = fontDirectory(file)!;
    const bytes = readFileSync(file);
    const tables = bytes.readUInt16BE(4);
    expect(dir.length).toBe(12 + 16 * tables + 8);
    expect(dir.subarray(0, 12 + 16 * tables).equals(bytes.subarray(0, 12 + 16 * tables))).toBe(true);
    expect(dir.readDoubleBE(12 + 16 * tables)).toBe(bytes.length);
    expect(fontDirectory(path.join(FONTS, 'OFL.txt'))).toBeNull();
    // a collection: its header, each font's offset and each font's directory
    const ttc = path.join(FONTS, 'NotoSansCJK-Regular.ttc');
    const head = readFileSync(ttc).subarray(0, 12);
    expect(head.toString('latin1', 0, 4)).toBe('ttcf');
    expect(fontDirectory(ttc)!.length).toBeGreaterThan(12 + 4 * head.readUInt32BE(8) + 12 * head.readUInt32BE(8));
  });

  it('stays the same when only times change (an installed package) and changes with any font or file', () => {
    const dir = folder();
    const digest = fontFolderDigest(dir);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    utimesSync(path.join(dir, 'NotoSans-Regular.ttf'), new Date(499162500000), new Date(499162500000));
    expect(fontFolderDigest(dir)).toBe(digest);
    const changes: ((d: string) => void)[] = [
      // one byte of one table changes its checksum in the directory
      (d) => {
        const f = path.join(d, 'sub', 'NotoSans-Bold.ttf');
        const b = readFileSync(f);
        const glyf = b.indexOf('glyf');
        const at = b.readUInt32BE(glyf + 8) + 100;
        b[at] = b[at]! ^ 0xff;
        b.writeUInt32BE((b.readUInt32BE(glyf + 4) + 1) >>> 0, glyf + 4); // as a font editor records it
        writeFileSync(f, b);
      },
      (d) => copyFileSync(path.join(FONTS, 'NotoSans-Italic.ttf'), path.join(d, 'NotoSans-Regular.ttf')),
      (d) => writeFileSync(path.join(d, 'OFL.txt'), 'licencf'),
      (d) => copyFileSync(path.join(FONTS, 'NotoSans-Italic.ttf'), path.join(d, 'NotoSans-Italic.ttf')),
    ];
    for (const change of changes) {
      const d = folder();
      expect(fontFolderDigest(d)).toBe(digest);
      change(d);
      expect(fontFolderDigest(d)).not.toBe(digest);
    }
    expect(fontFolderDigest(path.join(dir, 'missing'))).toBeNull();
  });
});
