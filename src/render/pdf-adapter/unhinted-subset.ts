/**
 * Font subsets without hinting. fontkit's TrueType subset (`TTFSubset.encode`, used by PDFKit for
 * every embedded font) copies the font's whole `fpgm`, `prep` and `cvt ` tables and every glyph's
 * instructions; for Noto Sans that is several kilobytes per font and document that PDF viewers and
 * printers scale anyway. This rewrites the TrueType bytes fontkit encoded: those three tables are
 * dropped, each glyph's instructions removed (simple glyphs: the instruction length set to 0;
 * composite glyphs: `WE_HAVE_INSTRUCTIONS` cleared and the instructions cut), `loca` rebuilt in the
 * font's own format, table checksums and `head.checkSumAdjustment` recomputed. Outlines, metrics
 * and glyph ids are untouched. Guarded by `tests/render/pdf-adapter/unhinted-subset.test.ts`.
 */

/** Tables that exist only for hinting. */
const HINTING = new Set(['fpgm', 'prep', 'cvt ']);

interface Table {
  readonly tag: string;
  data: Uint8Array;
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  const padded = data.length % 4 === 0 ? data : concat([data, new Uint8Array(4 - (data.length % 4))]);
  const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One glyph's bytes without instructions, padded to an even length. */
function stripGlyph(glyph: Uint8Array): Uint8Array {
  if (glyph.length < 10) return glyph;
  const view = new DataView(glyph.buffer, glyph.byteOffset, glyph.byteLength);
  const contours = view.getInt16(0);
  let out: Uint8Array;
  if (contours >= 0) {
    const at = 10 + 2 * contours;
    const length = view.getUint16(at);
    if (length === 0) return glyph;
    out = concat([glyph.subarray(0, at), new Uint8Array(2), glyph.subarray(at + 2 + length)]);
  } else {
    let at = 10;
    let flags = 0;
    let lastFlagsAt = 10;
    do {
      lastFlagsAt = at;
      flags = view.getUint16(at);
      at += 4 + (flags & 0x0001 ? 4 : 2);
      if (flags & 0x0008) at += 2;
      else if (flags & 0x0040) at += 4;
      else if (flags & 0x0080) at += 8;
    } while (flags & 0x0020);
    if (!(flags & 0x0100)) return glyph;
    out = glyph.slice(0, at);
    new DataView(out.buffer).setUint16(lastFlagsAt, flags & ~0x0100);
  }
  return out.length % 2 === 0 ? out : concat([out, new Uint8Array(1)]);
}

/** Whether `font` is TrueType (sfnt version 1.0 or `true`), not CFF data (CFF subsets are left alone). */
export function isTrueType(font: Uint8Array): boolean {
  if (font.length < 12) return false;
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength).getUint32(0);
  return v === 0x00010000 || v === 0x74727565;
}

/**
 * The TrueType font `ttf` (as fontkit's subset encodes it) without hinting.
 * @throws Error when `ttf` is not a TrueType font with `head`, `loca` and `glyf` tables.
 */
export function unhintedSubset(ttf: Uint8Array): Uint8Array {
  const view = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  if (!isTrueType(ttf)) throw new Error('handoutkit: not a TrueType subset');
  const count = view.getUint16(4);
  const records: { tag: string; offset: number; length: number }[] = [];
  for (let i = 0; i < count; i++) {
    const r = 12 + 16 * i;
    const tag = String.fromCharCode(ttf[r]!, ttf[r + 1]!, ttf[r + 2]!, ttf[r + 3]!);
    records.push({ tag, offset: view.getUint32(r + 8), length: view.getUint32(r + 12) });
  }
  const byTag = new Map(records.map((r) => [r.tag, r]));
  const head = byTag.get('head');
  const loca = byTag.get('loca');
  const glyf = byTag.get('glyf');
  if (!head || !loca || !glyf) throw new Error('handoutkit: not a TrueType subset (head, loca, glyf)');
  const longLoca = view.getInt16(head.offset + 50) === 1;
  const glyphCount = loca.length / (longLoca ? 4 : 2) - 1;
  const offsetAt = (i: number): number => (longLoca ? view.getUint32(loca.offset + 4 * i) : 2 * view.getUint16(loca.offset + 2 * i));

  const glyphs: Uint8Array[] = [];
  const newLoca = new Uint8Array((glyphCount + 1) * (longLoca ? 4 : 2));
  const locaView = new DataView(newLoca.buffer);
  let at = 0;
  for (let i = 0; i <= glyphCount; i++) {
    if (longLoca) locaView.setUint32(4 * i, at);
    else locaView.setUint16(2 * i, at / 2);
    if (i === glyphCount) break;
    const g = stripGlyph(ttf.subarray(glyf.offset + offsetAt(i), glyf.offset + offsetAt(i + 1)));
    glyphs.push(g);
    at += g.length;
  }
  const tables: Table[] = [...records]
    .sort((a, b) => a.offset - b.offset)
    .filter((r) => !HINTING.has(r.tag))
    .map((r) => ({ tag: r.tag, data: ttf.slice(r.offset, r.offset + r.length) }));
  for (const t of tables) {
    if (t.tag === 'glyf') t.data = concat(glyphs);
    else if (t.tag === 'loca') t.data = newLoca;
    else if (t.tag === 'head') new DataView(t.data.buffer).setUint32(8, 0); // checkSumAdjustment, set below
  }

  // the table directory, in tag order, then the tables (4-byte aligned) in their original order
  const n = tables.length;
  const exp = Math.floor(Math.log2(n));
  const dirSize = 12 + 16 * n;
  const out = new Uint8Array(dirSize + tables.reduce((s, t) => s + t.data.length + ((4 - (t.data.length % 4)) % 4), 0));
  const o = new DataView(out.buffer);
  o.setUint32(0, view.getUint32(0));
  o.setUint16(4, n);
  o.setUint16(6, 2 ** exp * 16);
  o.setUint16(8, exp);
  o.setUint16(10, n * 16 - 2 ** exp * 16);
  const offsets = new Map<string, number>();
  let pos = dirSize;
  for (const t of tables) {
    out.set(t.data, pos);
    offsets.set(t.tag, pos);
    pos += t.data.length + ((4 - (t.data.length % 4)) % 4);
  }
  [...tables]
    .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
    .forEach((t, i) => {
      const r = 12 + 16 * i;
      for (let k = 0; k < 4; k++) out[r + k] = t.tag.charCodeAt(k);
      o.setUint32(r + 4, checksum(t.data));
      o.setUint32(r + 8, offsets.get(t.tag)!);
      o.setUint32(r + 12, t.data.length);
    });
  o.setUint32(offsets.get('head')! + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
