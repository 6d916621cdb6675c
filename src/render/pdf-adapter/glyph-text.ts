/**
 * Text drawn from shaped glyph runs straight into the page content — PDFKit 0.20 internals
 * (`doc._font`, `doc._fontSize`, `doc.page.fonts`, `addContent`; `EmbeddedFont`'s `layoutCached`, `subset`,
 * `widths`, `unicode`, `scale`, `id` and `ref`), guarded by `tests/render/pdf-adapter/glyph-text.test.ts`.
 *
 * Layout has already placed every run (`lineBreak: false`, alphabetic baseline), yet PDFKit's
 * `text()` builds an options object, splits the run into words twice (once to measure the width
 * it never needs here, once to encode), concatenates the per-word glyph arrays, and writes each
 * operator as its own buffer. This writes the operators PDFKit's `_fragment` would write for the
 * same run, byte for byte (the guard test compares with `text()`), from glyph runs shaped once per
 * word and process (`shaping.ts`), read once per run (their glyph ids, positions and widths in typed
 * arrays: {@link PreparedRun}) and encoded once per word and document, as PDFKit's `encode`
 * does it (without its `layout`, which splits the text again and copies the run's arrays): each
 * glyph goes into PDFKit's own font object, so its subset, widths and ToUnicode map see every
 * glyph drawn, and the document, font objects and subsets stay PDFKit's. The `TJ` arrays are
 * written glyph by glyph into one string ({@link TjWriter}), without lists of glyphs and positions.
 *
 * Consecutive runs on a page may share one text object ({@link beginTextObject} …
 * {@link endTextObject}): inside it each run writes only its text matrix, the font and size when
 * they change, and its `TJ` arrays, and its fill colour only when it changes
 * ({@link textFillColor}). The text matrix is written in the page's flipped space
 * (`1 0 0 -1 x y Tm`, y from the top), which gives the same text rendering matrix as
 * PDFKit's `q 1 0 0 -1 0 h cm BT 1 0 0 1 x h−y Tm`, so no `q`/`cm`/`Q` is needed around it.
 * Marked content (`BDC … EMC`) may sit inside a text object as long as it ends there, so every
 * sequence begun inside one is closed before its `ET`.
 */
import type { Doc } from './document.js';
import { advanceWidthOf } from './advance-width.js';
import { appendPageContent } from './page-content.js';
import { sharedShapingGeneration } from './shaping.js';

/** A glyph position as PDFKit's `layoutRun` scales it (1000 units per em). */
interface Position {
  readonly xAdvance: number;
  readonly yAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
  readonly advanceWidth: number;
}

/** Numbers per glyph in {@link PreparedRun.metrics}. */
const METRICS = 5;

/**
 * A shaped run's glyphs as this module reads them, taken from the run once (shaped runs are shared across documents:
 * `shaping.ts`), and the run encoded for the document font object it was last drawn with.
 */
interface PreparedRun {
  /** fontkit glyph ids. */
  readonly ids: Uint32Array;
  /** Per glyph: x advance, advance width, x offset, y offset (1000 units per em, as `layoutRun` scaled them), and width. */
  readonly metrics: Float64Array;
  /** Each glyph's code points (the glyph's own array, as PDFKit's `encode` stores it). */
  readonly codePoints: readonly number[][];
  /** Whether no glyph has an offset and none but the last has an adjustment (its advance differs from its width). */
  readonly plain: boolean;
  /**
   * The stamp ({@link stampOf}) of the document font object {@link hex} and {@link joined} belong to (the last one the
   * run was encoded with), 0 for none: a number, not the object, so a run kept for later documents does not keep an
   * old document alive.
   */
  stamp: number;
  /** Hex subset glyph ids in that document. */
  hex: string[];
  /** All of {@link hex} in one string, when {@link plain}. */
  joined: string;
}

/** A glyph of a shaped run (fontkit's `Glyph`), as PDFKit's `encode` reads it. */
interface RunGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: number[];
}

/** The private parts of PDFKit's `EmbeddedFont` used here. */
interface EmbeddedFontInternals {
  readonly id: string;
  /** The fontkit font (shared across documents when it comes from the FontBook). */
  readonly font?: unknown;
  /** 1000 / unitsPerEm. */
  readonly scale: number;
  /** The document's subset of the font (fontkit's `Subset`). */
  readonly subset: { includeGlyph(id: number): number };
  /** Widths and code points by subset glyph id (the font's `/W` array and ToUnicode map). */
  readonly widths: (number | undefined)[];
  readonly unicode: (number[] | undefined)[];
  ref(): unknown;
  /** The shaped run of a piece of text (`shaping.ts` shares it across documents). */
  layoutCached(text: string): { readonly glyphs: readonly RunGlyph[]; readonly positions: readonly Position[] };
}

/** The private parts of PDFKit's document used here. */
interface DocInternals {
  _font?: EmbeddedFontInternals;
  _fontSize: number;
  x: number;
  y: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): unknown;
  widthOfString(s: string): number;
  endMarkedContent(): unknown;
}

/** The page part of {@link DocInternals} a shared text object needs: its open marked-content sequences. */
interface PageMarkings {
  readonly markings: readonly unknown[];
}

/** A text object shared by consecutive runs on one page, and the text state written inside it so far. */
interface TextObject {
  readonly page: object;
  font?: string;
  size?: number;
  color?: string;
}

/** The open shared text object per document. */
const openText = new WeakMap<object, TextObject>();

/** Each shaped run prepared ({@link PreparedRun}); weak, so a run dropped by the shaping cache goes with it. */
const preparedRuns = new WeakMap<object, PreparedRun>();

/**
 * Prepared runs by fontkit font and text, so a word drawn again (in this document or another) is found with one
 * lookup instead of going through `layoutCached` (a shaped run depends only on the fontkit font and the text:
 * `shaping.ts`). Bounded like the shaping cache: emptied when a run starts with {@link MAX_PREPARED_WORDS} words kept,
 * and whenever the shaping cache is emptied.
 */
let preparedByFont = new WeakMap<object, Map<string, PreparedRun>>();
let preparedWords = 0;
let preparedGeneration = sharedShapingGeneration();
export const MAX_PREPARED_WORDS = 20_000;

/** The words kept in the prepared runs (tests). */
export function preparedWordCount(): number {
  return preparedWords;
}

/** The prepared runs of `font`'s fontkit font by text, or undefined when it has none (not a fontkit font). */
function preparedOf(font: EmbeddedFontInternals): Map<string, PreparedRun> | undefined {
  const fontkitFont = font.font;
  if (typeof fontkitFont !== 'object' || fontkitFont === null) return undefined;
  // emptied here, before a run takes its map, so that the words of the run in progress never go into a dropped one
  // (the count may pass the bound by one run's words)
  if (preparedGeneration !== sharedShapingGeneration() || preparedWords >= MAX_PREPARED_WORDS) {
    preparedByFont = new WeakMap();
    preparedWords = 0;
    preparedGeneration = sharedShapingGeneration();
  }
  let byText = preparedByFont.get(fontkitFont);
  if (!byText) {
    byText = new Map();
    preparedByFont.set(fontkitFont, byText);
  }
  return byText;
}

/** Whether `doc` (with a font selected) has the internals {@link drawGlyphRun} relies on. */
export function supportsGlyphRuns(doc: Doc): boolean {
  const d = doc as unknown as Partial<DocInternals>;
  const f = d._font;
  return (
    !!f &&
    typeof f.layoutCached === 'function' &&
    typeof f.subset?.includeGlyph === 'function' &&
    typeof f.scale === 'number' &&
    Array.isArray(f.widths) &&
    Array.isArray(f.unicode) &&
    typeof f.ref === 'function' &&
    typeof f.id === 'string' &&
    typeof d._fontSize === 'number' &&
    typeof d.addContent === 'function' &&
    !!d.page &&
    'fonts' in d.page // (not read: PDFKit's getter adds a /Font dictionary to the page)
  );
}

/** PDFKit's number format for content operators (`PDFObject.number`). */
function num(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`handoutkit: unsupported number in content stream: ${n}`);
}

/** Width of a space in points per document font object and size (`doc.widthOfString(' ')`). */
const spaceByFont = new WeakMap<object, Map<number, number>>();

function spaceWidth(d: DocInternals, font: EmbeddedFontInternals, size: number): number {
  let sizes = spaceByFont.get(font);
  if (!sizes) {
    sizes = new Map();
    spaceByFont.set(font, sizes);
  }
  let w = sizes.get(size);
  if (w === undefined) {
    w = d.widthOfString(' ');
    sizes.set(size, w);
  }
  return w;
}

const NO_WORD: PreparedRun = {
  ids: new Uint32Array(0),
  metrics: new Float64Array(0),
  codePoints: [],
  plain: false,
  stamp: 0,
  hex: [],
  joined: '',
};

/** Subset glyph ids as PDFKit writes them (`0000${gid.toString(16)}`.slice(-4)), made once per id. */
const hexIds: string[] = [];

function hexId(gid: number): string {
  return (hexIds[gid] ??= `0000${gid.toString(16)}`.slice(-4));
}

/** `run` ({@link EmbeddedFontInternals.layoutCached}'s) read into a {@link PreparedRun}, not yet encoded for any document. */
function prepare(run: ReturnType<EmbeddedFontInternals['layoutCached']>, scale: number): PreparedRun {
  const { glyphs, positions } = run;
  const n = glyphs.length;
  const ids = new Uint32Array(n);
  const metrics = new Float64Array(n * METRICS);
  const codePoints = new Array<number[]>(n);
  let plain = true;
  for (let i = 0; i < n; i++) {
    const glyph = glyphs[i]!;
    const pos = positions[i]!;
    ids[i] = glyph.id;
    const m = i * METRICS;
    metrics[m] = pos.xAdvance;
    metrics[m + 1] = pos.advanceWidth;
    metrics[m + 2] = pos.xOffset;
    metrics[m + 3] = pos.yOffset;
    metrics[m + 4] = advanceWidthOf(glyph) * scale;
    codePoints[i] = glyph.codePoints;
    if (pos.xOffset || pos.yOffset || (i < n - 1 && pos.xAdvance !== pos.advanceWidth)) plain = false;
  }
  return { ids, metrics, codePoints, plain, stamp: 0, hex: [], joined: '' };
}

/** A number per document font object (PDFKit's `EmbeddedFont`, one per document and font), never 0. */
const fontStamps = new WeakMap<object, number>();
let lastStamp = 0;

/** The number {@link fontStamps} gives `font`. */
function stampOf(font: object): number {
  let stamp = fontStamps.get(font);
  if (stamp === undefined) {
    stamp = ++lastStamp;
    fontStamps.set(font, stamp);
  }
  return stamp;
}

/**
 * PDFKit's `EmbeddedFont.encode(word)` for a word its `layout` shapes as one piece (one that has no space or tab
 * before its end): the run from `layoutCached`, each glyph added to the subset with its width and code points, in
 * the same order, the first time the word is drawn in a document. A run remembers (by its stamp) the document font
 * object it was last encoded for; drawn with another (another document, or two built at once), it is encoded again,
 * which adds nothing new to a subset that has its glyphs already (`includeGlyph` returns the id they have).
 */
function encodeWord(font: EmbeddedFontInternals, stamp: number, byText: Map<string, PreparedRun> | undefined, word: string): PreparedRun {
  if (word.length === 0) return NO_WORD; // PDFKit's layout shapes nothing for ''
  let p = byText?.get(word);
  if (p === undefined) {
    const run = font.layoutCached(word);
    p = preparedRuns.get(run);
    if (p === undefined) {
      p = prepare(run, font.scale);
      preparedRuns.set(run, p);
    }
    if (byText) {
      byText.set(word, p);
      preparedWords++;
    }
  }
  if (p.stamp === stamp) return p;
  const n = p.ids.length;
  const hex = new Array<string>(n);
  let joined = '';
  for (let i = 0; i < n; i++) {
    const gid = font.subset.includeGlyph(p.ids[i]!);
    const h = hexId(gid);
    hex[i] = h;
    if (p.plain) joined += h;
    if (font.widths[gid] == null) font.widths[gid] = p.metrics[i * METRICS + 4]!;
    if (font.unicode[gid] == null) font.unicode[gid] = p.codePoints[i]!;
  }
  p.stamp = stamp;
  p.hex = hex;
  p.joined = joined;
  return p;
}

/**
 * Draws `text` in the current font, size and fill colour with its alphabetic baseline at (x, y)
 * (top-left page coordinates), adding `wordSpacing` points to each inter-word space — the same
 * content PDFKit's `doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic', wordSpacing })`
 * writes. Falls back to that call when PDFKit's internals are not what this module expects.
 */
export function drawGlyphRun(doc: Doc, text: string, x: number, y: number, wordSpacing: number): void {
  const shared = openText.get(doc);
  if (!supportsGlyphRuns(doc)) {
    if (shared) throw new Error('handoutkit: PDFKit internals changed: a glyph run cannot be written inside a shared text object');
    doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic', wordSpacing } as PDFKit.Mixins.TextOptions);
    return;
  }
  const d = doc as unknown as DocInternals;
  if (shared && shared.page !== d.page) throw new Error('handoutkit: a shared text object was left open across pages');
  const font = d._font!;
  d.x = x;
  d.y = y;
  if (wordSpacing) text = text.replace(/\s{2,}/g, ' ');
  if (text.indexOf('\n') < 0) fragment(d, font, text, x, y, wordSpacing, shared);
  else for (const line of text.split('\n')) fragment(d, font, line, x, y, wordSpacing, shared);
}

/**
 * Begins a text object (`BT`) that the following glyph runs on this page share, until
 * {@link endTextObject}; a no-op when one is open. Returns false (and begins none) when a
 * marked-content sequence is open, since one begun outside a text object must not end inside it,
 * or when PDFKit's internals are not what this module expects; runs are then drawn each in its own.
 * With `fresh`, an open one is ended and another begun at once, keeping its state: text extractors
 * such as MuPDF join the glyphs of one text object into lines by their order, so a run that is not
 * drawn in reading order (right-to-left text, drawn word by word from the right) gets its own.
 */
export function beginTextObject(doc: Doc, fresh = false): boolean {
  const shared = openText.get(doc);
  if (shared) {
    // ET BT: a new text object, same text state and colour (neither is reset by ET, and there is no Q)
    if (fresh) (doc as unknown as DocInternals).addContent('ET\nBT');
    return true;
  }
  const d = doc as unknown as Partial<DocInternals> & { page?: Partial<PageMarkings> };
  if (typeof d.addContent !== 'function' || typeof d.endMarkedContent !== 'function' || !d.page) return false;
  if (!Array.isArray(d.page.markings) || d.page.markings.length > 0) return false;
  d.addContent('BT');
  openText.set(doc, { page: d.page });
  return true;
}

/**
 * Ends the shared text object, if one is open (`ET`), after closing every marked-content sequence
 * begun inside it (an `EMC` PDFKit would otherwise write later, outside it, with nothing drawn between).
 */
export function endTextObject(doc: Doc): void {
  const shared = openText.get(doc);
  if (!shared) return;
  openText.delete(doc);
  const d = doc as unknown as DocInternals & { page: PageMarkings };
  if (d.page !== shared.page) throw new Error('handoutkit: a shared text object was left open across pages');
  while (d.page.markings.length > 0) d.endMarkedContent();
  d.addContent('ET');
}

/** Whether a shared text object is open in `doc` (tests). */
export function inTextObject(doc: Doc): boolean {
  return openText.has(doc);
}

/**
 * Sets the fill colour for the next glyph run (`doc.fillColor(color)`), skipping it inside a shared
 * text object when the previous run there set the same colour (nothing between them can change it).
 */
export function textFillColor(doc: Doc, color: string): void {
  const shared = openText.get(doc);
  if (shared?.color === color) return;
  doc.fillColor(color);
  if (shared) shared.color = color;
}

/**
 * The `TJ` arrays of a run, written glyph by glyph as PDFKit's `_fragment` writes them: glyphs gathered into one hex
 * string until a glyph whose advance differs from its width (its adjustment ends the string), a glyph with an offset
 * drawn alone at its own text matrix, and the matrix set back after it.
 */
class TjWriter {
  /** The lines written so far, each ending in a newline. */
  out = '';
  private commands = '';
  private hex = '';
  /** The adjustment after {@link hex}: its last glyph's advance minus its width (1000 units per em). */
  private adjustment = 0;
  private hadOffset = false;

  constructor(
    private x: number,
    private readonly y: number,
    /** The y axis's direction in the text matrix. */
    private readonly dy: number,
    /** Points per 1000 units. */
    private readonly scale: number,
  ) {}

  glyph(hex: string, xAdvance: number, advanceWidth: number, xOffset: number, yOffset: number): void {
    if (xOffset || yOffset) {
      this.flush();
      this.out += `1 0 0 ${this.dy} ${num(this.x + xOffset * this.scale)} ${num(this.y + this.dy * yOffset * this.scale)} Tm\n`;
      this.hex = hex;
      this.adjustment = xAdvance - advanceWidth;
      this.flush();
      this.hadOffset = true;
    } else {
      if (this.hadOffset) {
        this.out += `1 0 0 ${this.dy} ${num(this.x)} ${num(this.y)} Tm\n`;
        this.hadOffset = false;
      }
      this.hex += hex;
      this.adjustment = xAdvance - advanceWidth;
      if (this.adjustment !== 0) this.segment();
    }
    this.x += xAdvance * this.scale;
  }

  /**
   * The glyphs of a {@link PreparedRun.plain} run, encoded: what {@link glyph} writes for each of them in turn, their hex
   * ids added at once.
   */
  plain(p: PreparedRun): void {
    if (this.hadOffset) {
      this.out += `1 0 0 ${this.dy} ${num(this.x)} ${num(this.y)} Tm\n`;
      this.hadOffset = false;
    }
    this.hex += p.joined;
    const m = p.metrics;
    const end = m.length;
    this.adjustment = m[end - METRICS]! - m[end - METRICS + 1]!;
    if (this.adjustment !== 0) this.segment();
    for (let i = 0; i < end; i += METRICS) this.x += m[i]! * this.scale;
  }

  private segment(): void {
    if (this.hex.length === 0) return;
    const command = `<${this.hex}> ${num(-this.adjustment)}`;
    this.commands = this.commands.length === 0 ? command : `${this.commands} ${command}`;
    this.hex = '';
  }

  /** Ends the current `TJ` array (call once more after the last glyph). */
  flush(): void {
    this.segment();
    if (this.commands.length > 0) {
      this.out += `[${this.commands}] TJ\n`;
      this.commands = '';
    }
  }
}

function fragment(
  d: DocInternals,
  font: EmbeddedFontInternals,
  text: string,
  x: number,
  y: number,
  wordSpacing: number,
  shared: TextObject | undefined,
): void {
  if (text.length === 0) return;
  const size = d._fontSize;
  if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref();
  // The text matrix: alone, PDFKit's save(), transform(1, 0, 0, -1, 0, height), BT, Tm, Tf … ET, restore() — one write,
  // same bytes (each of its writes ends in a newline; the CTM is back where it was after restore, so it is not touched);
  // in a shared text object, the same text rendering matrix from the page's flipped space (dy: the y axis's direction).
  const dy = shared ? -1 : 1;
  if (!shared) y = d.page.height - y;
  let head = shared ? '' : `q\n1 0 0 -1 0 ${num(d.page.height)} cm\nBT\n`;
  head += `1 0 0 ${dy} ${num(x)} ${num(y)} Tm\n`;
  if (!shared || shared.font !== font.id || shared.size !== size) head += `/${font.id} ${num(size)} Tf\n`;
  if (shared) {
    shared.font = font.id;
    shared.size = size;
  }
  const byText = preparedOf(font);
  const stamp = stampOf(font);
  const w = new TjWriter(x, y, dy, size / 1000);
  w.out = head;
  if (wordSpacing) {
    // as PDFKit: words split at white space, the space glyph replaced by the word's last advance widened by `extra`;
    // each word's last glyph is held back until the next word with glyphs, since a word without any widens it again
    const extra = (wordSpacing + spaceWidth(d, font, size)) * (1000 / size);
    let held: string | undefined;
    let heldAdvance = 0;
    let heldWidth = 0;
    let heldX = 0;
    let heldY = 0;
    for (const word of text.trim().split(/\s+/)) {
      const { hex: g, metrics: m } = encodeWord(font, stamp, byText, word);
      if (g.length === 0) {
        heldAdvance += extra;
        continue;
      }
      if (held !== undefined) w.glyph(held, heldAdvance, heldWidth, heldX, heldY);
      const end = g.length - 1;
      for (let i = 0; i < end; i++) {
        const k = i * METRICS;
        w.glyph(g[i]!, m[k]!, m[k + 1]!, m[k + 2]!, m[k + 3]!);
      }
      const k = end * METRICS;
      held = g[end]!;
      heldAdvance = m[k]! + extra;
      heldWidth = m[k + 1]!;
      heldX = m[k + 2]!;
      heldY = m[k + 3]!;
    }
    if (held !== undefined) w.glyph(held, heldAdvance, heldWidth, heldX, heldY);
  } else {
    // PDFKit's layout: pieces ending after each space or tab, shaped and cached separately
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i === text.length ? start < i : text[i] === ' ' || text[i] === '\t') {
        const p = encodeWord(font, stamp, byText, text.slice(start, i + 1));
        const g = p.hex;
        if (p.plain && g.length > 0) w.plain(p);
        else {
          const m = p.metrics;
          for (let k = 0; k < g.length; k++) {
            const at = k * METRICS;
            w.glyph(g[k]!, m[at]!, m[at + 1]!, m[at + 2]!, m[at + 3]!);
          }
        }
        start = i + 1;
      }
    }
  }
  w.flush();
  const out = shared ? w.out : `${w.out}ET\nQ\n`;
  // one write: straight into the page's content when it collects it as one string and addContent is PDFKit's own (not
  // replaced on the document); else through PDFKit, which adds the final newline as for each operator
  if (Object.prototype.hasOwnProperty.call(d, 'addContent') || !appendPageContent(d.page, out)) d.addContent(out.slice(0, -1));
}
