/** Opening a bundled font file: its bytes, read here or by another thread, and its stamped digest when it holds. */
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FONT, fontPackage } from './helpers.js';
import { ageReceivedFonts, readBundledFont, readFontBytes, receiveFontBytesOn, resetReceivedFonts } from '../../../src/layout/fonts/font-read.js';
import { fontStampPath, resetFontStamps, writeFontStamps } from '../../../src/layout/fonts/font-stamps.js';
import { MessageChannel } from 'node:worker_threads';



describe('font read', () => {
  beforeEach(() => {
    resetFontStamps();
    resetReceivedFonts();
  });

  it('reads a stamped font with its stamped digest, without hashing it', () => {
    const fonts = fontPackage();
    const stamps = writeFontStamps(fonts);
    const read = readBundledFont(fonts, FONT);
    expect(read.bytes.equals(readFileSync(path.join(fonts, FONT)))).toBe(true);
    expect(read.sha256).toBe(stamps.fonts[FONT]![2]);
    // a digest no content gives is still handed back: proof that the bytes were not hashed
    const [size, mtime] = stamps.fonts[FONT]!;
    writeFileSync(fontStampPath(fonts), JSON.stringify({ version: 1, fonts: { [FONT]: [size, mtime, 'stamped'] } }));
    resetFontStamps();
    expect(readBundledFont(fonts, FONT).sha256).toBe('stamped');
  });

  it('gives no digest for a font touched or changed since, without a stamp, or with a damaged one', () => {
    const fonts = fontPackage();
    writeFontStamps(fonts);
    const file = path.join(fonts, FONT);
    utimesSync(file, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(readBundledFont(fonts, FONT).sha256).toBeUndefined();
    writeFontStamps(fonts);
    resetFontStamps();
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([0])]));
    expect(readBundledFont(fonts, FONT).sha256).toBeUndefined();

    const other = fontPackage();
    expect(readBundledFont(other, FONT)).toMatchObject({ sha256: undefined });
    writeFileSync(fontStampPath(other), '{"version":1,"fonts":{"' + FONT + '":[1,2]}}');
    resetFontStamps();
    expect(readBundledFont(other, FONT).sha256).toBeUndefined();
    writeFileSync(fontStampPath(other), 'not json');
    resetFontStamps();
    expect(readBundledFont(other, FONT).sha256).toBeUndefined();
  });

  it('takes a font’s bytes another thread read (its stamped digest too), else reads the file; drops unused ones', async () => {
    const fonts = fontPackage();
    const stamps = writeFontStamps(fonts);
    const { port1, port2 } = new MessageChannel();
    try {
      receiveFontBytesOn(port2);
      const msg = await readFontBytes(fonts, FONT);
      expect(Buffer.from(msg.bytes).equals(readFileSync(path.join(fonts, FONT)))).toBe(true);
      const marked = Buffer.from(msg.bytes);
      marked[0] = 0xee; // bytes that are not the file's: proof they were taken from the port
      port1.postMessage({ ...msg, bytes: marked });
      port1.postMessage({ name: '../escape.ttf', bytes: marked, before: msg.before, after: msg.after }); // ignored
      port1.postMessage({ name: 'x.ttf', bytes: 'not bytes', before: msg.before, after: msg.after }); // ignored
      const got = readBundledFont(fonts, FONT);
      expect(got.bytes[0]).toBe(0xee);
      expect(got.sha256).toBe(stamps.fonts[FONT]![2]);
      expect(readBundledFont(fonts, FONT).bytes[0]).not.toBe(0xee); // used once: the file itself next

      port1.postMessage({ ...msg, bytes: marked, after: [msg.after[0], msg.after[1] + 1] }); // changed while read
      expect(readBundledFont(fonts, FONT)).toMatchObject({ sha256: undefined });

      port1.postMessage({ ...msg, bytes: marked }); // taken by no document: kept for this one and the next only
      ageReceivedFonts(fonts);
      ageReceivedFonts(fonts);
      expect(readBundledFont(fonts, FONT).bytes[0]).not.toBe(0xee);
      await expect(readFontBytes(fonts, 'missing.ttf')).rejects.toThrow();
    } finally {
      port1.close();
      port2.close();
    }
  });
});
