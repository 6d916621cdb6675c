/** The bundled fonts' build-time SHA-256 digests: trusted only while the file is the one stamped. */
import { createHash } from 'node:crypto';
import { readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FONT, fontPackage } from './helpers.js';
import { fontStampPath, resetFontStamps, stampedCoverage, writeFontStamps } from '../../../src/layout/fonts/font-stamps.js';


const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('font stamps', () => {
  beforeEach(() => resetFontStamps());

  it('stamps every font file of the folder with its size, time and digest, in dist/', () => {
    const fonts = fontPackage();
    const stamps = writeFontStamps(fonts);
    expect(fontStampPath(fonts)).toBe(path.join(path.dirname(fonts), 'dist', 'font-digests.json'));
    expect(Object.keys(stamps.fonts)).toEqual([FONT]);
    expect(stamps.fonts[FONT]![2]).toBe(sha256(readFileSync(path.join(fonts, FONT))));
    expect(JSON.parse(readFileSync(fontStampPath(fonts), 'utf8'))).toEqual(stamps);
  });



  it('hands back a font’s stamped coverage only while the file is the one stamped', () => {
    const fonts = fontPackage();
    const stamps = writeFontStamps(fonts, fontStampPath(fonts), (file) => (file.endsWith('.ttf') ? [0x41, 0x5a] : undefined));
    expect(stamps.coverage).toEqual({ [FONT]: [0x41, 0x5a] });
    expect(stampedCoverage(fonts, FONT)).toEqual([0x41, 0x5a]);
    expect(stampedCoverage(fonts, 'OFL.txt')).toBeUndefined();
    utimesSync(path.join(fonts, FONT), new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(stampedCoverage(fonts, FONT)).toBeUndefined();
    writeFontStamps(fonts); // no coverage function: no coverage
    resetFontStamps();
    expect(stampedCoverage(fonts, FONT)).toBeUndefined();
  });


});
