/**
 * The FontBook knows every bundled font, opens each one lazily (once per
 * process for the shared book) and answers which font draws which character.
 * Layout measures with the same fontkit objects that render hands to PDFKit,
 * so measured and drawn widths agree.
 */
import { keepCodePoints } from '../../render/pdf-adapter/glyphs.js';
import { knownFontBytesDigest } from '../../render/pdf-adapter/font-bytes-digest.js';
import { lazyCffSubsets } from '../../render/pdf-adapter/lazy-cff-subset.js';
import { deferPostTable } from './post-table.js';
import { readBundledFont } from './font-read.js';
import { inCoverage, stampedCoverage } from './font-stamps.js';
import { bundledFontsDir } from './fonts-dir.js';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import type { FontFace } from '../../types/layout-tree.js';
import type { FontKey } from '../../types/paged.js';
import { CJK_REGIONS, LATIN_FONTS, SCRIPT_FONTS, cjkFonts, cjkRegionFor, type FontSpec, type ScriptFontSpec } from './bundled-fonts.js';

export type { FontSpec } from './bundled-fonts.js';

/** The fonts every document can use, with the fallback chain of each face. */
export interface FontBook {
  /** The parsed fontkit font for a key (opened on first use). */
  font(key: FontKey): Font;
  /** Keys of the fonts opened so far (every font layout has used). */
  readonly keys: readonly FontKey[];
  /** Fallback chain (primary first) for a face; `lang` picks regional CJK forms. */
  chain(face: FontFace, lang?: string): readonly FontKey[];
  /** First font of the face's chain that has a glyph for `codePoint`, or undefined. */
  fontFor(face: FontFace, codePoint: number, lang?: string): FontKey | undefined;
}

export { bundledFontsDir } from './fonts-dir.js';

const PRIMARY: Record<FontFace, FontKey> = {
  regular: 'sans-regular',
  bold: 'sans-bold',
  italic: 'sans-italic',
  boldItalic: 'sans-bolditalic',
  mono: 'mono',
  heading: 'sans-bold',
};

const SYMBOLS: readonly FontKey[] = ['symbols2', 'symbols'];

function isBold(face: FontFace): boolean {
  return face === 'bold' || face === 'boldItalic' || face === 'heading';
}

/**
 * Opens a bundled font (the package's `fonts/`, read-only): parsed once per process, outside the World, as
 * the run fingerprint hashes these files by content (`incremental/fingerprint.ts`); a clinic's own fonts
 * are read through the build's World instead.
 */
function openFont(dir: string, spec: FontSpec): Font {
  const { bytes, sha256 } = readBundledFont(dir, spec.file); // what fontkit.openSync reads, and its stamped digest
  const opened = fontkit.create(bytes, spec.postscriptName);
  if (sha256 !== undefined) knownFontBytesDigest(bytes, sha256);
  if (!('layout' in opened)) throw new Error(`handoutkit: ${spec.file} is a collection; name a face`);
  keepCodePoints(opened);
  lazyCffSubsets(opened); // a CFF font's table is decoded only if a subset of it is encoded
  deferPostTable(opened); // its glyph names are decoded only if something asks for them
  return opened;
}

/** Every bundled font spec (Latin, scripts, CJK in every region). */
export function allBundledSpecs(): FontSpec[] {
  const specs: FontSpec[] = [...LATIN_FONTS];
  const scripts: ScriptFontSpec[] = [...SCRIPT_FONTS, ...CJK_REGIONS.map(cjkFonts)];
  for (const s of scripts) {
    specs.push(s.regular);
    if (s.bold) specs.push(s.bold);
  }
  return specs;
}

class LoadedFontBook implements FontBook {
  private readonly specs = new Map<FontKey, FontSpec>();
  private readonly fonts = new Map<FontKey, Font>();
  private readonly chains = new Map<string, readonly FontKey[]>();
  /** First font with a code point, by face, CJK region and code point (no string built per character). */
  private readonly coverage = new Map<FontFace, Map<string, Map<number, FontKey | null>>>();
  /** Does a font have this code point (cached per key and code point). */
  private readonly has = new Map<FontKey, Map<number, boolean>>();
  /** The stamped coverage of fonts not opened yet, by key (null: none, the font is opened to know). */
  private readonly stamped = new Map<FontKey, readonly number[] | null>();

  constructor(
    private readonly dir: string,
    specs: readonly FontSpec[],
  ) {
    for (const spec of specs) this.specs.set(spec.key, spec);
  }

  get keys(): readonly FontKey[] {
    return [...this.fonts.keys()];
  }

  font(key: FontKey): Font {
    let f = this.fonts.get(key);
    if (f) return f;
    const spec = this.specs.get(key);
    if (!spec) throw new Error(`handoutkit: unknown font key ${key}`);
    f = openFont(this.dir, spec);
    this.fonts.set(key, f);
    return f;
  }

  chain(face: FontFace, lang?: string): readonly FontKey[] {
    const region = cjkRegionFor(lang);
    const cacheKey = `${face}:${region}`;
    let chain = this.chains.get(cacheKey);
    if (chain) return chain;
    const bold = isBold(face);
    const keys: FontKey[] = [PRIMARY[face]];
    if (face !== 'regular') keys.push(PRIMARY.regular);
    // script fonts, then the handout symbols (✓ ☐ → ★ ☎), then CJK (which also has symbols, in full-width forms)
    const add = (s: ScriptFontSpec): void => {
      if (bold && s.bold) keys.push(s.bold.key);
      keys.push(s.regular.key);
    };
    SCRIPT_FONTS.forEach(add);
    keys.push(...SYMBOLS);
    add(cjkFonts(region));
    chain = keys.filter((k, i) => this.specs.has(k) && keys.indexOf(k) === i);
    this.chains.set(cacheKey, chain);
    return chain;
  }

  /** Whether font `key` has a glyph for `codePoint`. */
  hasGlyph(key: FontKey, codePoint: number): boolean {
    let byCodePoint = this.has.get(key);
    if (!byCodePoint) {
      byCodePoint = new Map();
      this.has.set(key, byCodePoint);
    }
    let v = byCodePoint.get(codePoint);
    if (v === undefined) {
      // a font not opened yet whose stamped coverage lacks the code point is passed over without opening it
      const covered = this.fonts.has(key) ? null : this.coverageOf(key);
      v = covered && !inCoverage(covered, codePoint) ? false : this.font(key).hasGlyphForCodePoint(codePoint);
      byCodePoint.set(codePoint, v);
    }
    return v;
  }

  /** The stamped coverage of a single font (`font-stamps.ts`), or null (a collection, or no stamp that holds). */
  private coverageOf(key: FontKey): readonly number[] | null {
    let c = this.stamped.get(key);
    if (c === undefined) {
      const spec = this.specs.get(key);
      c = spec && !spec.postscriptName ? (stampedCoverage(this.dir, spec.file) ?? null) : null;
      this.stamped.set(key, c);
    }
    return c;
  }

  fontFor(face: FontFace, codePoint: number, lang?: string): FontKey | undefined {
    const region = cjkRegionFor(lang);
    let byRegion = this.coverage.get(face);
    if (!byRegion) {
      byRegion = new Map();
      this.coverage.set(face, byRegion);
    }
    let byCodePoint = byRegion.get(region);
    if (!byCodePoint) {
      byCodePoint = new Map();
      byRegion.set(region, byCodePoint);
    }
    const cached = byCodePoint.get(codePoint);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.chain(face, lang).find((k) => this.hasGlyph(k, codePoint));
    byCodePoint.set(codePoint, found ?? null);
    return found;
  }
}

let shared: FontBook | undefined;

/** The process-wide font book (each font parsed once, on first use). */
export function sharedFontBook(): FontBook {
  shared ??= new LoadedFontBook(bundledFontsDir(), allBundledSpecs());
  return shared;
}

