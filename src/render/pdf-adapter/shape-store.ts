/**
 * Shaped words kept across processes (`../word-store.ts`): what fontkit's `font.layout(text)` gave for a word (its
 * glyph ids and positions, and every glyph it looked up), one store per font, named by the font's bytes. A cold
 * `handout build` then shapes only words it has not met before: fontkit decodes a font's GSUB/GPOS lookups and warms
 * up its shaper on first use, which was about a third of a cold build's document.
 *
 * fontkit's layout is not quite a function of font and text: it keeps one Glyph per id with the code points it was
 * first made with, and reads them back (default ignorables, mark classes, the code points PDFKit's ToUnicode map
 * gets). So a stored word also records every `getGlyph(id, codePoints)` call its layout made and the code points each
 * glyph had right after its first call. A stored word is used only when every glyph it touches would have those same
 * code points now (else it is shaped again), and using it repeats the calls, so the font's glyph objects end up as a
 * real layout leaves them: the output is byte-identical, whatever the process did before.
 *
 * Off until the word stores are turned on (the build workers do): then the Measurer and PDFKit's shaping
 * (`render/pdf-adapter/shaping.ts`) shape through it.
 */
import type { Font } from 'fontkit';
import { WordStore, wordStoresEnabled } from '../../layout/word-store.js';
import { advanceWidthOf } from './advance-width.js';
import { fontBytesDigest } from './font-bytes-digest.js';

/**
 * One stored word: `calls` are the layout's `getGlyph` calls that could matter (`[id, codePoints]` pairs, flattened):
 * the first for each glyph id, and later ones that filled in a glyph's empty code points; `after` holds, for each
 * glyph id at its first call, the code points it had right after (0: those the call passed; 0 for the whole list when
 * all are); `ids` the run's glyph ids, `adv` their x advances, `offs` the other position fields of the glyphs where
 * one is not zero (`[index, yAdvance, xOffset, yOffset]`, flattened), all in font units.
 */
type Word = readonly [
  calls: readonly (number | readonly number[])[],
  after: 0 | readonly (0 | readonly number[])[],
  ids: readonly number[],
  adv: readonly number[],
  offs: readonly number[],
];

/** A glyph as fontkit keeps it (the parts read here). */
interface GlyphLike {
  codePoints: number[];
  readonly advanceWidth: number;
}

/** The fontkit internals used here: the glyph cache, its lookup and the font's bytes. */
interface FontInternals {
  _glyphs?: Record<number, GlyphLike | undefined>;
  getGlyph(id: number, codePoints?: number[]): GlyphLike | null;
  readonly stream?: { readonly buffer?: Uint8Array };
  readonly postscriptName?: string;
  readonly numGlyphs: number;
}

/** A run as PDFKit's `EmbeddedFont.layoutRun` returns it: positions scaled to 1000 units per em, with `advanceWidth`. */
export interface ScaledRun {
  readonly glyphs: readonly GlyphLike[];
  readonly positions: readonly { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  readonly advanceWidth: number;
}

let byFont = new WeakMap<object, WordStore<Word>>();
let hits = 0;
let misses = 0;

/** Words used from the stores and words shaped by fontkit while the stores were on (tests, debugging). */
export function shapeStoreCounts(): { readonly hits: number; readonly misses: number } {
  return { hits, misses };
}

/** Whether `font` has the fontkit internals the store relies on (else it shapes as before). */
function usable(font: object): font is FontInternals {
  const f = font as Partial<FontInternals>;
  return typeof f.getGlyph === 'function' && typeof f._glyphs === 'object' && f._glyphs !== null && f.stream?.buffer instanceof Uint8Array;
}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isCodePoints = (x: unknown): x is number[] => Array.isArray(x) && x.every((c) => isInt(c) && c <= 0x10ffff);

const isNumber = (p: unknown): p is number => typeof p === 'number' && Number.isFinite(p);

/** Whether `x` has the shape of a {@link Word} (its glyph ids are checked against the font when it is used). */
function isWord(x: unknown): x is Word {
  if (!Array.isArray(x) || x.length !== 5) return false;
  const [calls, after, ids, adv, offs] = x as unknown[];
  if (!Array.isArray(calls) || calls.length % 2 !== 0 || !Array.isArray(ids) || !Array.isArray(adv) || !Array.isArray(offs)) return false;
  for (let i = 0; i < calls.length; i += 2) if (!isInt(calls[i]) || !isCodePoints(calls[i + 1])) return false;
  if (after !== 0 && !(Array.isArray(after) && after.every((a) => a === 0 || isCodePoints(a)))) return false;
  if (!ids.every(isInt) || adv.length !== ids.length || !adv.every(isNumber)) return false;
  if (offs.length % 4 !== 0 || !offs.every(isNumber)) return false;
  for (let i = 0; i < offs.length; i += 4) if (!isInt(offs[i]) || (offs[i] as number) >= ids.length) return false;
  return true;
}

/** The four position fields of each glyph of a stored word, flattened. */
function positionsOf(word: Word): number[] {
  const [, , ids, adv, offs] = word;
  const pos = new Array<number>(4 * ids.length).fill(0);
  for (let i = 0; i < adv.length; i++) pos[4 * i] = adv[i]!;
  for (let i = 0; i < offs.length; i += 4) {
    const at = 4 * offs[i]!;
    pos[at + 1] = offs[i + 1]!;
    pos[at + 2] = offs[i + 2]!;
    pos[at + 3] = offs[i + 3]!;
  }
  return pos;
}

function storeOf(font: FontInternals): WordStore<Word> {
  let store = byFont.get(font);
  if (!store || store.stale) {
    store = new WordStore(['shapes', font.postscriptName ?? '', fontBytesDigest(font.stream!.buffer!)], isWord);
    byFont.set(font, store);
  }
  return store;
}

const sameCodePoints = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((c, i) => c === b[i]);

/**
 * Uses a stored word when fontkit's layout would do exactly what it did then: every glyph it touches has the same code
 * points after its first lookup. Repeats the lookups (so the glyph cache ends as a layout leaves it) and returns the
 * run's glyphs, or undefined.
 */
function replay(font: FontInternals, word: Word): GlyphLike[] | undefined {
  const [calls, after, ids] = word;
  const cache = font._glyphs!;
  const n = font.numGlyphs;
  let touch = 0;
  const seen = new Set<number>();
  for (let i = 0; i < calls.length; i += 2) {
    const id = calls[i] as number;
    if (seen.has(id)) continue;
    seen.add(id);
    if (id >= n || (after !== 0 && touch >= after.length)) return undefined;
    const passed = calls[i + 1] as readonly number[];
    const recorded = after === 0 ? 0 : after[touch]!;
    touch++;
    const then = recorded === 0 ? passed : recorded;
    const glyph = cache[id];
    // a glyph not made yet gets the code points passed; one made without any gets them only from a patched getGlyph
    // (`render/pdf-adapter/glyphs.ts`), so that case is shaped again
    const now = glyph === undefined ? passed : glyph.codePoints.length > 0 || passed.length === 0 ? glyph.codePoints : undefined;
    if (now === undefined || !sameCodePoints(now, then)) return undefined;
  }
  if (after !== 0 && touch !== after.length) return undefined;
  for (let i = 0; i < calls.length; i += 2) font.getGlyph(calls[i] as number, [...(calls[i + 1] as readonly number[])]);
  const glyphs: GlyphLike[] = [];
  for (const id of ids) {
    const glyph = cache[id];
    if (!glyph) return undefined;
    glyphs.push(glyph);
  }
  return glyphs;
}

/** Shapes `text` with fontkit, recording its glyph lookups: the run, and the word to store (undefined: not storable). */
function record(font: FontInternals, text: string): { glyphs: GlyphLike[]; pos: number[]; word: Word | undefined } {
  const patched = Object.getOwnPropertyDescriptor(font, 'getGlyph'); // `keepCodePoints` (render/pdf-adapter/glyphs.ts)
  const lookup = font.getGlyph.bind(font);
  const calls: (number | number[])[] = [];
  const after: (0 | number[])[] = [];
  const seen = new Set<number>();
  let storable = true;
  const cache = font._glyphs!;
  font.getGlyph = (id: number, codePoints: number[] = []): GlyphLike | null => {
    const passed = [...codePoints];
    const empty = cache[id]?.codePoints.length === 0;
    const glyph = lookup(id, codePoints);
    if (!glyph || !isInt(id)) storable = false;
    else if (!seen.has(id)) {
      seen.add(id);
      calls.push(id, passed);
      after.push(sameCodePoints(glyph.codePoints, passed) ? 0 : [...glyph.codePoints]);
    } else if (empty && passed.length > 0) calls.push(id, passed); // filled in by a patched getGlyph
    return glyph;
  };
  let run: { glyphs: GlyphLike[]; positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] };
  try {
    run = (font as unknown as Font).layout(text);
  } finally {
    if (patched) Object.defineProperty(font, 'getGlyph', patched);
    else Reflect.deleteProperty(font, 'getGlyph');
  }
  const pos: number[] = [];
  const adv: number[] = [];
  const offs: number[] = [];
  run.positions.forEach((p, i) => {
    pos.push(p.xAdvance, p.yAdvance, p.xOffset, p.yOffset);
    adv.push(p.xAdvance);
    if (p.yAdvance !== 0 || p.xOffset !== 0 || p.yOffset !== 0) offs.push(i, p.yAdvance, p.xOffset, p.yOffset);
  });
  const ids = run.glyphs.map((g) => (g as unknown as { id: number }).id);
  if (!ids.every(isInt) || !pos.every(isNumber) || pos.some((p) => Object.is(p, -0))) storable = false;
  const word: Word = [calls, after.every((a) => a === 0) ? 0 : after, ids, adv, offs];
  return { glyphs: run.glyphs, pos, word: storable ? word : undefined };
}

/** The run of `text` in `font`: from the store when it can be used, else shaped (and stored). */
function shaped(font: FontInternals, text: string): { glyphs: readonly GlyphLike[]; pos: readonly number[] } {
  const store = storeOf(font);
  const word = store.get(text);
  if (word) {
    const glyphs = replay(font, word);
    if (glyphs) {
      hits++;
      return { glyphs, pos: positionsOf(word) };
    }
  }
  misses++;
  const r = record(font, text);
  if (r.word) store.set(text, r.word);
  return r;
}

/**
 * `font.layout(text).advanceWidth` (font units), through the store when the word stores are on and the font is a
 * fontkit font it knows how to read; else fontkit's layout as it is.
 */
export function shapedAdvance(font: Font, text: string): number {
  if (!wordStoresEnabled() || !usable(font)) return font.layout(text).advanceWidth;
  const { pos } = shaped(font, text);
  let width = 0;
  for (let i = 0; i < pos.length; i += 4) width += pos[i]!;
  return width;
}

/**
 * PDFKit's `EmbeddedFont.layoutRun(text)` for the fontkit font `font` (`scale`: 1000 / unitsPerEm), through the store;
 * undefined when the word stores are off or the font is not one it can read (the caller shapes as before).
 */
export function shapedRun(font: object, text: string, scale: number): ScaledRun | undefined {
  if (!wordStoresEnabled() || !usable(font)) return undefined;
  const { glyphs, pos } = shaped(font, text);
  const positions: ScaledRun['positions'][number][] = [];
  for (let i = 0; i < glyphs.length; i++) {
    positions.push({
      xAdvance: pos[4 * i]! * scale,
      yAdvance: pos[4 * i + 1]! * scale,
      xOffset: pos[4 * i + 2]! * scale,
      yOffset: pos[4 * i + 3]! * scale,
      advanceWidth: advanceWidthOf(glyphs[i]!) * scale,
    });
  }
  return {
    glyphs,
    positions,
    get advanceWidth(): number {
      let width = 0;
      for (const p of positions) width += p.xAdvance;
      return width;
    },
  };
}

/** Drops the stores opened so far (tests). */
export function resetShapeStores(): void {
  byFont = new WeakMap();
  hits = 0;
  misses = 0;
}
