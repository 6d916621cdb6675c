/**
 * Shaping shared across documents — the one place that reaches into PDFKit's
 * private font internals (`doc._font`, `EmbeddedFont.layoutCached`/`layoutRun`,
 * PDFKit 0.20). `tests/render/pdf-adapter/shaping.test.ts` fails if they change.
 *
 * PDFKit shapes every drawn run again with fontkit, word by word, through a
 * cache that lives on the per-document font object, so each new document
 * starts cold; shaping was about a fifth of a warm build. A shaped word
 * depends only on the fontkit font and the text (PDFKit's `layoutRun` scales
 * positions by 1000 / unitsPerEm, a property of the font), and PDFKit never
 * mutates a cached run (word spacing copies the positions it changes), so
 * runs can be shared by every document that uses the same fontkit font. The
 * per-document parts (subset, widths, ToUnicode) stay on PDFKit's own object.
 *
 * Safe for concurrent documents in one process: the cache is a memo of a
 * deterministic function and is filled synchronously. Worker threads each
 * have their own. Bounded: emptied when it reaches {@link MAX_RUNS} words.
 */
import { shapedRun } from './shape-store.js';
import type { Doc } from './document.js';

/** A shaped run as PDFKit's `EmbeddedFont.layoutRun` returns it (opaque here). */
type Run = object;

/** The private parts of PDFKit's `EmbeddedFont` this module uses. */
interface EmbeddedFontInternals {
  /** The fontkit font (shared across documents when it comes from the FontBook). */
  readonly font?: object;
  /** Shapes `text` with fontkit and scales the positions to PDF glyph space. */
  layoutRun?(text: string, features?: unknown): Run;
  /** 1000 / unitsPerEm (what `layoutRun` scales positions by). */
  readonly scale?: number;
  /** PDFKit's per-document memo of `layoutRun(text)`; replaced on the instance. */
  layoutCached?(text: string): Run;
}

/** Words kept across all fonts before the cache is emptied (a few MB at most). */
export const MAX_RUNS = 20_000;

/** Shaped runs by fontkit font (weak: a font no longer used elsewhere is dropped with its runs). */
let runsByFont = new WeakMap<object, Map<string, Run>>();
/** Runs cached across all fonts. */
let total = 0;
const patched = new WeakSet<object>();

/** How many times the cache was emptied: what is kept from its runs elsewhere (`glyph-text.ts`) is dropped with them. */
let generation = 0;

/** Empties the shared cache (tests, long-running processes). */
export function clearSharedShaping(): void {
  runsByFont = new WeakMap();
  total = 0;
  generation++;
}

/** The number of times the shared cache was emptied so far. */
export function sharedShapingGeneration(): number {
  return generation;
}

/** Number of shaped words currently cached (tests). */
export function sharedShapingSize(): number {
  return total;
}

/** Whether this PDFKit build has the internals {@link shareShaping} relies on. */
export function supportsSharedShaping(font: unknown): boolean {
  const f = font as EmbeddedFontInternals | null | undefined;
  return !!f && typeof f.layoutRun === 'function' && typeof f.layoutCached === 'function' && typeof f.font === 'object' && f.font !== null;
}

/**
 * Makes the document's current font (`doc.font(...)` just called) shape
 * through the process-wide cache. Cheap when already done for that font
 * object; a no-op if PDFKit's internals are not what this module expects.
 */
export function shareShaping(doc: Doc): void {
  const ef = (doc as unknown as { _font?: EmbeddedFontInternals })._font;
  if (!ef || patched.has(ef)) return;
  patched.add(ef);
  if (!supportsSharedShaping(ef)) return;
  const fontkitFont = ef.font!;
  const layoutRun = ef.layoutRun!.bind(ef);
  ef.layoutCached = (text: string): Run => {
    let runs = runsByFont.get(fontkitFont);
    let run = runs?.get(text);
    if (run === undefined) {
      // the store shared across processes when the build workers turned it on (`shape-store.ts`)
      run = (typeof ef.scale === 'number' ? shapedRun(fontkitFont, text, ef.scale) : undefined) ?? layoutRun(text);
      if (total >= MAX_RUNS) clearSharedShaping();
      runs = runsByFont.get(fontkitFont);
      if (!runs) {
        runs = new Map();
        runsByFont.set(fontkitFont, runs);
      }
      runs.set(text, run);
      total++;
    }
    return run;
  };
}
