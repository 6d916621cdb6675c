/**
 * fontkit's subsets of a CFF font (`CFFSubset`, fontkit 2) made without decoding the font's `CFF ` table until a subset
 * is encoded. PDFKit makes a subset for every font a document opens (`EmbeddedFont`'s constructor calls
 * `font.createSubset()`), and `CFFSubset`'s constructor reads `font['CFF ']` at once: for the CJK collection that decodes
 * its whole CFF table (the index of 65,535 charstrings, the font dictionaries), about 60 ms and 50 MB of garbage in a
 * worker's first Chinese, Japanese or Korean document — even when the encoded subset then comes from a store
 * (`shared-subsets.ts`, `subset-store.ts`) and the table is never read.
 *
 * The patched `createSubset` makes the subset with a stand-in for the font whose `CFF ` table is a marker, so the
 * subset's `cff` is that marker (PDFKit only tests it for `!= null`, to write a CFF font file); the subset's own
 * `encode` puts the real table in place before fontkit's encode runs, which is the only code that reads it. The subset
 * is otherwise fontkit's own (its class, its glyph list), and its `font` the real font, so what it encodes is
 * unchanged. Guarded by `tests/render/pdf-adapter/lazy-cff-subset.test.ts`.
 */
import type { Font } from 'fontkit';

/** Stands for a CFF table not decoded yet (truthy, like the table). */
const NOT_YET_DECODED: object = Object.freeze({ notYetDecoded: true });

interface CffFontInternals {
  readonly directory?: { readonly tables?: Record<string, unknown> };
  readonly createSubset: (this: unknown) => SubsetInternals;
  readonly 'CFF '?: unknown;
}

interface SubsetInternals {
  font: unknown;
  cff?: unknown;
  encode: (this: unknown, ...args: unknown[]) => unknown;
}

/** Whether `subset` still holds the marker instead of its font's CFF table (tests). */
export function cffNotYetDecoded(subset: object): boolean {
  return (subset as SubsetInternals).cff === NOT_YET_DECODED;
}

/**
 * Makes `font`'s subsets decode its CFF table only when one is encoded (see the module comment); a no-op for a font
 * without a `CFF ` table or whose internals are not what this module expects.
 */
export function lazyCffSubsets(font: Font): void {
  const f = font as unknown as CffFontInternals;
  if (!f.directory?.tables?.['CFF '] || typeof f.createSubset !== 'function') return;
  const create = f.createSubset;
  Object.defineProperty(f, 'createSubset', {
    configurable: true,
    writable: true,
    value: function createSubset(): SubsetInternals {
      const standIn = Object.create(f, { 'CFF ': { value: NOT_YET_DECODED } }) as CffFontInternals;
      const subset = create.call(standIn);
      if (subset.cff !== NOT_YET_DECODED || subset.font !== standIn || typeof subset.encode !== 'function') {
        return create.call(f); // not fontkit's CFFSubset as this module knows it: an ordinary subset
      }
      subset.font = f;
      const encode = subset.encode;
      subset.encode = function (this: unknown, ...args: unknown[]): unknown {
        if (subset.cff === NOT_YET_DECODED) subset.cff = f['CFF '];
        return encode.apply(this, args);
      };
      return subset;
    },
  });
}
