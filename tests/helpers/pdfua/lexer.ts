/**
 * Byte-level lexer for PDF content-stream syntax, shared by the content-stream parser and the
 * ToUnicode CMap reader: whitespace and comments, literal and hex strings, names with `#xx`
 * escapes, numbers, keywords, array/dict delimiters and inline-image data.
 */
import type { CsDict, CsName, CsString, CsValue } from './content-stream.js';

/** One lexical token: an operand value, an operator keyword, or an array/dict delimiter. */
export type Token = { t: 'value'; v: CsValue } | { t: 'op'; op: string } | { t: 'open'; c: '[' | '<<' } | { t: 'close'; c: ']' | '>>' };

/** PDF whitespace: NUL, TAB, LF, FF, CR, SPACE. */
export const isWhite = (c: number | undefined): boolean => c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
/** PDF delimiter characters: `( ) < > [ ] { } / %`. */
export const isDelim = (c: number | undefined): boolean =>
  c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
/** The value of one hex digit character, or -1 when it is not one. */
export const hexVal = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
const utf8 = new TextDecoder('utf-8');
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** A byte-level lexer for content streams and CMaps. */
export class Lexer {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}

  get done(): boolean {
    this.skipWhite();
    return this.pos >= this.b.length;
  }

  private skipWhite(): void {
    const b = this.b;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (isWhite(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      } else break;
    }
  }

  private regular(): string {
    const start = this.pos;
    while (this.pos < this.b.length && !isWhite(this.b[this.pos]) && !isDelim(this.b[this.pos])) this.pos++;
    return utf8.decode(this.b.subarray(start, this.pos));
  }

  private literalString(): CsString {
    const b = this.b;
    const out: number[] = [];
    let depth = 1;
    this.pos++;
    while (this.pos < b.length) {
      const c = b[this.pos++] as number;
      if (c === 0x5c) {
        const e = b[this.pos++];
        if (e === undefined) break;
        if (e === 0x6e) out.push(10);
        else if (e === 0x72) out.push(13);
        else if (e === 0x74) out.push(9);
        else if (e === 0x62) out.push(8);
        else if (e === 0x66) out.push(12);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2; k++) {
            const d = b[this.pos];
            if (d === undefined || d < 0x30 || d > 0x37) break;
            v = v * 8 + (d - 0x30);
            this.pos++;
          }
          out.push(v & 0xff);
        } else if (e === 13) {
          if (b[this.pos] === 10) this.pos++;
        } else if (e !== 10) out.push(e);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        depth--;
        if (depth === 0) break;
        out.push(c);
      } else out.push(c);
    }
    return { kind: 'string', bytes: Uint8Array.from(out) };
  }

  private hexString(): CsString {
    const b = this.b;
    const digits: number[] = [];
    this.pos++;
    while (this.pos < b.length && b[this.pos] !== 0x3e) {
      const v = hexVal(b[this.pos] as number);
      if (v >= 0) digits.push(v);
      this.pos++;
    }
    this.pos++;
    if (digits.length % 2 === 1) digits.push(0);
    const bytes = new Uint8Array(digits.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = ((digits[2 * i] as number) << 4) | (digits[2 * i + 1] as number);
    return { kind: 'string', bytes };
  }

  private name(): CsName {
    this.pos++;
    const start = this.pos;
    while (this.pos < this.b.length && !isWhite(this.b[this.pos]) && !isDelim(this.b[this.pos])) this.pos++;
    const raw = this.b.subarray(start, this.pos);
    const bytes: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i] as number;
      const h1 = raw[i + 1];
      const h2 = raw[i + 2];
      if (c === 0x23 && h1 !== undefined && h2 !== undefined && hexVal(h1) >= 0 && hexVal(h2) >= 0) {
        bytes.push(hexVal(h1) * 16 + hexVal(h2));
        i += 2;
      } else bytes.push(c);
    }
    return { kind: 'name', name: utf8.decode(Uint8Array.from(bytes)) };
  }

  /** The next token, or null at the end. */
  next(): Token | null {
    this.skipWhite();
    const b = this.b;
    if (this.pos >= b.length) return null;
    const c = b[this.pos];
    if (c === 0x28) return { t: 'value', v: this.literalString() };
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return { t: 'open', c: '<<' };
      }
      return { t: 'value', v: this.hexString() };
    }
    if (c === 0x3e) {
      this.pos += b[this.pos + 1] === 0x3e ? 2 : 1;
      return { t: 'close', c: '>>' };
    }
    if (c === 0x5b) {
      this.pos++;
      return { t: 'open', c: '[' };
    }
    if (c === 0x5d) {
      this.pos++;
      return { t: 'close', c: ']' };
    }
    if (c === 0x2f) return { t: 'value', v: this.name() };
    if (c === 0x7b || c === 0x7d || c === 0x29) {
      this.pos++;
      return { t: 'op', op: String.fromCharCode(c) };
    }
    const word = this.regular();
    if (NUMBER_RE.test(word)) return { t: 'value', v: Number(word) };
    if (word === 'true') return { t: 'value', v: true };
    if (word === 'false') return { t: 'value', v: false };
    if (word === 'null') return { t: 'value', v: null };
    return { t: 'op', op: word };
  }

  /** Skips inline-image data after `ID` up to and including `EI`; uses `/L` or `/Length` when given. */
  skipInlineImageData(params: CsDict): void {
    const b = this.b;
    if (isWhite(b[this.pos])) this.pos++;
    const len = params.entries.get('L') ?? params.entries.get('Length');
    if (typeof len === 'number' && len >= 0 && this.pos + len <= b.length) {
      this.pos += len;
      const save = this.pos;
      const t = this.next();
      if (t && t.t === 'op' && t.op === 'EI') return;
      this.pos = save;
    }
    for (let i = this.pos; i + 1 < b.length; i++) {
      if (
        b[i] === 0x45 &&
        b[i + 1] === 0x49 &&
        (i === this.pos || isWhite(b[i - 1])) &&
        (i + 2 >= b.length || isWhite(b[i + 2]) || isDelim(b[i + 2]))
      ) {
        this.pos = i + 2;
        return;
      }
    }
    this.pos = b.length;
  }
}
