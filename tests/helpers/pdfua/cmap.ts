/**
 * ToUnicode CMaps: parsing `codespacerange` / `bfchar` / `bfrange`, and building a per-font decoder
 * that maps the bytes of shown strings to Unicode text.
 */
import type * as mupdf from 'mupdf';
import { isName, isStr, parseContentStream } from './content-stream.js';

/** One `codespacerange` entry: the low and high bytes of a code of that length. */
interface CodeSpace {
  lo: number[];
  hi: number[];
}

/** Decodes shown strings of one font to Unicode through its ToUnicode CMap. */
export interface FontTextDecoder {
  /** Decodes the bytes of one shown string. */
  decode(bytes: Uint8Array): string;
}

const bytesToInt = (bytes: Uint8Array): number => bytes.reduce((acc, b) => acc * 256 + b, 0);
const utf16 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  return s;
};

/** Parses the `codespacerange`, `bfchar` and `bfrange` sections of a ToUnicode CMap. */
export function parseToUnicodeCMap(text: Uint8Array): { codespaces: { lo: number[]; hi: number[] }[]; map: Map<string, string> } {
  const codespaces: CodeSpace[] = [];
  // Keys are `${byteLength}:${code}` so that <00 41> and <41> stay distinct.
  const map = new Map<string, string>();
  for (const { op, operands } of parseContentStream(text)) {
    if (op === 'endcodespacerange') {
      for (let i = 0; i + 1 < operands.length; i += 2) {
        const lo = operands[i];
        const hi = operands[i + 1];
        if (isStr(lo) && isStr(hi) && lo.bytes.length === hi.bytes.length) codespaces.push({ lo: [...lo.bytes], hi: [...hi.bytes] });
      }
    } else if (op === 'endbfchar') {
      for (let i = 0; i + 1 < operands.length; i += 2) {
        const src = operands[i];
        const dst = operands[i + 1];
        if (isStr(src) && isStr(dst)) map.set(`${src.bytes.length}:${bytesToInt(src.bytes)}`, utf16(dst.bytes));
        else if (isStr(src) && isName(dst)) map.set(`${src.bytes.length}:${bytesToInt(src.bytes)}`, dst.name);
      }
    } else if (op === 'endbfrange') {
      for (let i = 0; i + 2 < operands.length; i += 3) {
        const lo = operands[i];
        const hi = operands[i + 1];
        const dst = operands[i + 2];
        if (!isStr(lo) || !isStr(hi)) continue;
        const len = lo.bytes.length;
        const from = bytesToInt(lo.bytes);
        const to = Math.min(bytesToInt(hi.bytes), from + 0xffff);
        if (Array.isArray(dst)) {
          for (let code = from; code <= to; code++) {
            const d = dst[code - from];
            if (isStr(d)) map.set(`${len}:${code}`, utf16(d.bytes));
          }
        } else if (isStr(dst) && dst.bytes.length >= 2) {
          const units: number[] = [];
          for (let k = 0; k + 1 < dst.bytes.length; k += 2) units.push(((dst.bytes[k] as number) << 8) | (dst.bytes[k + 1] as number));
          for (let code = from; code <= to; code++) {
            const last = (units[units.length - 1] as number) + (code - from);
            map.set(`${len}:${code}`, String.fromCharCode(...units.slice(0, -1), last));
          }
        }
      }
    }
  }
  return { codespaces, map };
}

/** Builds a decoder for a font dictionary: ToUnicode when present, else Latin-1 for simple fonts and U+FFFD for CID fonts. */
export function fontDecoder(font: mupdf.PDFObject): FontTextDecoder {
  const isType0 = font.get('Subtype').isName() && font.get('Subtype').asName() === 'Type0';
  const toUnicode = font.get('ToUnicode');
  let codespaces: CodeSpace[] = [];
  let map = new Map<string, string>();
  if (toUnicode.isStream()) {
    const buf = toUnicode.readStream();
    const parsed = parseToUnicodeCMap(buf.asUint8Array().slice());
    buf.destroy();
    codespaces = parsed.codespaces;
    map = parsed.map;
  }
  if (codespaces.length === 0) codespaces = [isType0 ? { lo: [0, 0], hi: [255, 255] } : { lo: [0], hi: [255] }];
  codespaces.sort((a, b) => a.lo.length - b.lo.length);
  return {
    decode(bytes) {
      let out = '';
      let i = 0;
      while (i < bytes.length) {
        const cs = codespaces.find(
          (r) =>
            i + r.lo.length <= bytes.length &&
            r.lo.every((lo, k) => (bytes[i + k] as number) >= lo && (bytes[i + k] as number) <= (r.hi[k] as number)),
        );
        const len = cs ? cs.lo.length : 1;
        const code = bytesToInt(bytes.subarray(i, i + len));
        const mapped = map.get(`${len}:${code}`);
        out += mapped ?? (isType0 ? '\uFFFD' : String.fromCharCode(code));
        i += len;
      }
      return out;
    },
  };
}
