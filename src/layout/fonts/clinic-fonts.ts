/**
 * A clinic's own fonts (`fonts: { body, bold, italic, boldItalic, heading }` in clinic.yaml) in front of
 * the bundled fallback chain. Each font is parsed once per process and known by its content digest
 * (`clinic-<sha256 prefix>` is its {@link FontKey}), so every cache keyed by font key or by fontkit
 * object (measurement, shaping, subsets) stays correct across clinics; a handout whose clinic names no
 * font uses the bundled book itself, untouched.
 */
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { keepCodePoints } from '../../render/pdf-adapter/glyphs.js';
import type { FontFace } from '../../types/layout-tree.js';
import type { FontKey } from '../../types/paged.js';
import type { ClinicFontRole } from '../../types/brand.js';
import type { FontBook } from './font-book.js';

/** The slots of `fonts:` in clinic.yaml. */
export const CLINIC_FONT_ROLES: readonly ClinicFontRole[] = ['body', 'bold', 'italic', 'boldItalic', 'heading'];

/** One clinic font: its content digest (SHA-256, hex) and bytes. */
export interface ClinicFontData {
  readonly digest: string;
  readonly data: Buffer;
}

/** Largest clinic font file accepted (bytes; a CJK font is about 20 MB). */
export const MAX_CLINIC_FONT_BYTES = 40 * 1024 * 1024;

/** Parsed clinic fonts by digest (bounded: a process serves a handful of clinics). */
const parsed = new Map<string, Font>();
const MAX_PARSED = 64;

/** Sample text a font must shape and subset to be accepted. */
const SAMPLE = 'Handout 0123456789';

/** The font key of a clinic font: its identity is its content. */
export function clinicFontKey(digest: string): FontKey {
  return `clinic-${digest.slice(0, 24)}`;
}

/** A parsed clinic font, or why the file is not a usable one. */
export type OpenedClinicFont = { readonly ok: true; readonly font: Font } | { readonly ok: false; readonly reason: string };

/**
 * Parses a font file (TTF or OTF) once per process. Returns the font, or a short reason why it is not
 * a usable font (not a font, a collection, no glyphs, tables fontkit cannot read).
 */
export function openClinicFont(font: ClinicFontData): OpenedClinicFont {
  const cached = parsed.get(font.digest);
  if (cached) return { ok: true, font: cached };
  let opened: Font;
  try {
    const f = fontkit.create(font.data);
    if (!('layout' in f)) return { ok: false, reason: 'it is a font collection (.ttc); name a single TTF or OTF file' };
    opened = f;
    if (!(opened.unitsPerEm > 0) || opened.numGlyphs < 2) return { ok: false, reason: 'it has no glyphs' };
    if (!opened.postscriptName) return { ok: false, reason: 'it has no PostScript name (`name` table)' };
    // read the tables a build will use now, so a damaged file is refused here and not in the middle of a render
    if (opened.characterSet.length === 0) return { ok: false, reason: 'it maps no characters (empty `cmap` table)' };
    const run = opened.layout(SAMPLE);
    const subset = opened.createSubset();
    for (const g of run.glyphs) subset.includeGlyph(g);
    subset.encode();
  } catch (e) {
    const detail = e instanceof Error ? e.message.split('\n')[0]!.slice(0, 120) : 'unknown reason';
    return { ok: false, reason: `it is not a TrueType or OpenType font that can be read (${detail})` };
  }
  keepCodePoints(opened);
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(font.digest, opened);
  return { ok: true, font: opened };
}

/** The face a clinic font slot stands for. */
const FACE_OF: Readonly<Record<ClinicFontRole, FontFace>> = {
  body: 'regular',
  bold: 'bold',
  italic: 'italic',
  boldItalic: 'boldItalic',
  heading: 'heading',
};

/** A font book with a clinic's fonts first in the chain of their faces, then the bundled chain. */
class ClinicFontBook implements FontBook {
  private readonly own = new Map<FontKey, Font>();
  private readonly primary = new Map<FontFace, FontKey>();
  private readonly chains = new Map<string, readonly FontKey[]>();
  private readonly has = new Map<FontKey, Map<number, boolean>>();

  constructor(
    private readonly base: FontBook,
    fonts: ReadonlyMap<FontFace, { readonly key: FontKey; readonly font: Font }>,
  ) {
    for (const [face, { key, font }] of fonts) {
      this.own.set(key, font);
      this.primary.set(face, key);
    }
  }

  get keys(): readonly FontKey[] {
    return [...this.base.keys, ...this.own.keys()];
  }

  font(key: FontKey): Font {
    return this.own.get(key) ?? this.base.font(key);
  }

  chain(face: FontFace, lang?: string): readonly FontKey[] {
    const first = this.primary.get(face);
    if (first === undefined) return this.base.chain(face, lang);
    const cacheKey = `${face}:${lang ?? ''}`;
    let chain = this.chains.get(cacheKey);
    if (!chain) {
      chain = [first, ...this.base.chain(face, lang).filter((k) => k !== first)];
      this.chains.set(cacheKey, chain);
    }
    return chain;
  }

  fontFor(face: FontFace, codePoint: number, lang?: string): FontKey | undefined {
    const first = this.primary.get(face);
    if (first !== undefined && this.hasGlyph(first, codePoint)) return first;
    return this.base.fontFor(face, codePoint, lang);
  }

  private hasGlyph(key: FontKey, codePoint: number): boolean {
    let byCodePoint = this.has.get(key);
    if (!byCodePoint) {
      byCodePoint = new Map();
      this.has.set(key, byCodePoint);
    }
    let v = byCodePoint.get(codePoint);
    if (v === undefined) {
      v = this.own.get(key)!.hasGlyphForCodePoint(codePoint);
      byCodePoint.set(codePoint, v);
    }
    return v;
  }
}

/** Clinic books by base book and font digests, so a long-running process reuses one (and its measurements). */
const books = new WeakMap<FontBook, Map<string, FontBook>>();

/**
 * The font book of a clinic: `base` itself when the clinic names no font, else a book with the clinic's
 * fonts in front of `base`'s chains (headings fall back to the clinic's bold font, then the bundled bold).
 * Fonts must have been accepted by {@link openClinicFont} (the clinic loader does that).
 */
export function clinicFontBook(base: FontBook, fonts: Readonly<Partial<Record<ClinicFontRole, ClinicFontData>>> | undefined): FontBook {
  if (!fonts) return base;
  const roles = CLINIC_FONT_ROLES.filter((r) => fonts[r] !== undefined);
  if (roles.length === 0) return base;
  const id = roles.map((r) => `${r}=${fonts[r]!.digest}`).join(',');
  let byId = books.get(base);
  if (!byId) {
    byId = new Map();
    books.set(base, byId);
  }
  let book = byId.get(id);
  if (book) return book;
  const faces = new Map<FontFace, { key: FontKey; font: Font }>();
  for (const role of roles) {
    const data = fonts[role]!;
    const opened = openClinicFont(data);
    if (!opened.ok) throw new Error(`handoutkit: clinic font ${role} was not checked before use (${opened.reason})`);
    faces.set(FACE_OF[role], { key: clinicFontKey(data.digest), font: opened.font });
  }
  const bold = faces.get('bold');
  if (!faces.has('heading') && bold) faces.set('heading', bold);
  book = new ClinicFontBook(base, faces);
  if (byId.size >= MAX_PARSED) byId.clear();
  byId.set(id, book);
  return book;
}
