/**
 * fontkit decodes a font's whole `post` table the first time anything reads from it — layout reads the underline
 * metrics, PDFKit the italic angle and fixed-pitch flag for the font descriptor — and for a TrueType font of version 2
 * that means every glyph's name: about 16 ms for Noto Sans in a new process (5 ms once its code is warm), per font, for
 * fields that sit in the table's first 32 bytes.
 *
 * {@link deferPostTable} puts a stand-in into fontkit's table cache (`font._tables.post`, which its `post` getter
 * returns; guarded by `tests/layout/fonts/post-table.test.ts`): it answers the header fields from those bytes, decoded
 * as fontkit's `restructure` types decode them, and the first time anything else is asked of it (a glyph's name), it
 * decodes the whole table as fontkit would and puts that in the cache instead. Only for plain TrueType/OpenType files
 * (not WOFF, whose tables are compressed), and only when fontkit has not decoded the table yet.
 */
import type { Font } from 'fontkit';

/** The header fields of the `post` table, in fontkit's decoding (the version and italic angle are 16.16 fixed). */
const HEADER_FIELDS = new Set([
  'version',
  'italicAngle',
  'underlinePosition',
  'underlineThickness',
  'isFixedPitch',
  'minMemType42',
  'maxMemType42',
  'minMemType1',
  'maxMemType1',
]);

/** The fontkit internals used here. */
interface FontInternals {
  readonly type?: string;
  readonly directory?: { readonly tables?: Record<string, { readonly offset: number; readonly length: number } | undefined> };
  readonly stream?: { readonly buffer?: Uint8Array };
  _tables?: Record<string, unknown>;
  _decodeTable?(table: unknown): unknown;
}

/** The header of the `post` table at `offset` of `bytes`, as fontkit decodes it. */
function postHeader(bytes: Uint8Array, offset: number): Record<string, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 32);
  return {
    version: view.getInt32(0) / 65536,
    italicAngle: view.getInt32(4) / 65536,
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
}

/** Defers decoding `font`'s `post` table beyond its header (see the module comment); does nothing it cannot do safely. */
export function deferPostTable(font: Font): void {
  const f = font as unknown as FontInternals;
  const table = f.directory?.tables?.post;
  const bytes = f.stream?.buffer;
  const tables = f._tables;
  if (f.type !== 'TTF' || !table || !(bytes instanceof Uint8Array) || !tables || typeof f._decodeTable !== 'function') return;
  if ('post' in tables || table.length < 32 || table.offset < 0 || table.offset + 32 > bytes.length) return;
  const header = postHeader(bytes, table.offset);
  let full: object | undefined;
  const decoded = (): object => {
    if (!full) {
      full = f._decodeTable!.call(f, table) as object;
      tables.post = full; // from now on fontkit's getter returns the real table
    }
    return full;
  };
  tables.post = new Proxy(header, {
    get: (target, key): unknown => {
      if (typeof key === 'string' && HEADER_FIELDS.has(key)) return target[key];
      return Reflect.get(decoded(), key) as unknown;
    },
    has: (_, key) => Reflect.has(decoded(), key),
    ownKeys: () => Reflect.ownKeys(decoded()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(decoded(), key);
      return d && { ...d, configurable: true }; // (a proxy may not report a property its target lacks as non-configurable)
    },
  });
}
