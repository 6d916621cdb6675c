/**
 * The FontBook loads every bundled font once per process and answers which
 * font draws which character. Layout measures with the same fontkit objects
 * that render hands to PDFKit, so measured and drawn widths agree.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import type { FontFace } from '../../types/layout-tree.js';
import type { FontKey } from '../../types/paged.js';

/** One bundled font file. */
export interface FontSpec {
  readonly key: FontKey;
  readonly file: string;
  /** For collections (.ttc): the PostScript name of the face to use. */
  readonly postscriptName?: string;
}

/** The fonts every document can use, with the fallback chain of each face. */
export interface FontBook {
  /** The parsed fontkit font for a key. */
  font(key: FontKey): Font;
  /** Keys of all loaded fonts. */
  readonly keys: readonly FontKey[];
  /** Fallback chain (primary first) for a face. */
  chain(face: FontFace): readonly FontKey[];
  /** First font of the face's chain that has a glyph for `codePoint`, or undefined. */
  fontFor(face: FontFace, codePoint: number): FontKey | undefined;
}

/** Folder of the bundled fonts (`fonts/` at the package root). */
export function bundledFontsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'fonts');
    if (existsSync(path.join(candidate, 'OFL.txt'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('handoutkit: bundled fonts folder not found');
}

const LATIN: readonly FontSpec[] = [
  { key: 'sans-regular', file: 'NotoSans-Regular.ttf' },
  { key: 'sans-bold', file: 'NotoSans-Bold.ttf' },
  { key: 'sans-italic', file: 'NotoSans-Italic.ttf' },
  { key: 'sans-bolditalic', file: 'NotoSans-BoldItalic.ttf' },
  { key: 'mono', file: 'NotoSansMono-Regular.ttf' },
  { key: 'symbols2', file: 'NotoSansSymbols2-Regular.ttf' },
  { key: 'symbols', file: 'NotoSansSymbols-Regular.ttf' },
];

const PRIMARY: Record<FontFace, FontKey> = {
  regular: 'sans-regular',
  bold: 'sans-bold',
  italic: 'sans-italic',
  boldItalic: 'sans-bolditalic',
  mono: 'mono',
};

const SHARED_FALLBACK: readonly FontKey[] = ['sans-regular', 'symbols2', 'symbols'];

function openFont(dir: string, spec: FontSpec): Font {
  const opened = fontkit.openSync(path.join(dir, spec.file), spec.postscriptName);
  if (!('layout' in opened)) throw new Error(`handoutkit: ${spec.file} is a collection; name a face`);
  return opened;
}

class LoadedFontBook implements FontBook {
  private readonly fonts = new Map<FontKey, Font>();
  private readonly chains = new Map<FontFace, readonly FontKey[]>();
  private readonly coverage = new Map<string, FontKey | null>();

  constructor(dir: string, specs: readonly FontSpec[]) {
    for (const spec of specs) this.fonts.set(spec.key, openFont(dir, spec));
    for (const face of Object.keys(PRIMARY) as FontFace[]) {
      const chain = [PRIMARY[face], ...SHARED_FALLBACK.filter((k) => k !== PRIMARY[face])];
      this.chains.set(face, chain.filter((k) => this.fonts.has(k)));
    }
  }

  get keys(): readonly FontKey[] {
    return [...this.fonts.keys()];
  }

  font(key: FontKey): Font {
    const f = this.fonts.get(key);
    if (!f) throw new Error(`handoutkit: unknown font key ${key}`);
    return f;
  }

  chain(face: FontFace): readonly FontKey[] {
    return this.chains.get(face) ?? [];
  }

  fontFor(face: FontFace, codePoint: number): FontKey | undefined {
    const cacheKey = `${face}:${codePoint}`;
    const cached = this.coverage.get(cacheKey);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.chain(face).find((k) => this.font(k).hasGlyphForCodePoint(codePoint));
    this.coverage.set(cacheKey, found ?? null);
    return found;
  }
}

let shared: FontBook | undefined;

/** The process-wide font book (fonts parsed once, on first use). */
export function sharedFontBook(): FontBook {
  shared ??= new LoadedFontBook(bundledFontsDir(), LATIN);
  return shared;
}

/** A font book over explicit files (tests, custom themes). */
export function createFontBook(dir: string, specs: readonly FontSpec[] = LATIN): FontBook {
  return new LoadedFontBook(dir, specs);
}
