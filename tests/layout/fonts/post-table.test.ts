/**
 * `src/layout/fonts/post-table.ts`: a bundled font's `post` table answers its header from the file's bytes and is
 * decoded whole, as fontkit decodes it, only when something else is asked of it. Relies on fontkit internals
 * (`_tables`, `_decodeTable`, `directory`): these tests fail if an upgrade changes them.
 */
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { allBundledSpecs } from '../../../src/layout/fonts/font-book.js';
import { bundledFontsDir } from '../../../src/layout/fonts/fonts-dir.js';
import { deferPostTable } from '../../../src/layout/fonts/post-table.js';

type Post = Record<string, unknown>;
type Internals = { _tables: Record<string, unknown>; post: Post; italicAngle: number; underlinePosition: number; underlineThickness: number };

/** A new fontkit font object of a bundled file (`name`: the face of a collection), as the font book opens it. */
const open = (file: string, name?: string): fontkit.Font & Internals =>
  fontkit.openSync(path.join(bundledFontsDir(), file), name) as unknown as fontkit.Font & Internals;

const HEADER = ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42', 'minMemType1', 'maxMemType1'];

describe('deferPostTable', () => {
  it('answers every bundled font’s post header as fontkit decodes it, without decoding the rest', () => {
    const seen = new Set<string>();
    for (const spec of allBundledSpecs()) {
      const id = `${spec.file}#${spec.postscriptName ?? ''}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const plain = open(spec.file, spec.postscriptName);
      const deferred = open(spec.file, spec.postscriptName);
      deferPostTable(deferred);
      const standIn = deferred._tables.post;
      expect(standIn, id).toBeDefined();
      for (const field of HEADER) expect(deferred.post[field], `${id} ${field}`).toBe(plain.post[field]);
      expect([deferred.italicAngle, deferred.underlinePosition, deferred.underlineThickness]).toEqual([
        plain.italicAngle,
        plain.underlinePosition,
        plain.underlineThickness,
      ]);
      expect(deferred._tables.post, `${id}: still the stand-in`).toBe(standIn);
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  it('decodes the whole table when something else is read, and hands fontkit the real one', () => {
    const plain = open('NotoSans-Regular.ttf');
    const deferred = open('NotoSans-Regular.ttf');
    deferPostTable(deferred);
    const standIn = deferred._tables.post;
    const glyph = plain.glyphForCodePoint(0x41);
    expect(deferred.getGlyph(glyph.id).name).toBe(glyph.name); // glyph names come from the rest of the table
    expect(deferred._tables.post).not.toBe(standIn);
    expect(deferred.post).toEqual(plain.post);
    expect(Object.keys(standIn as object).sort()).toEqual(Object.keys(plain.post).sort());
  });

  it('leaves a font whose post table fontkit already decoded alone', () => {
    const font = open('NotoSans-Bold.ttf');
    const real = font.post;
    deferPostTable(font);
    expect(font._tables.post).toBe(real);
  });
});
