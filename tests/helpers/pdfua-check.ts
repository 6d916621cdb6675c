/**
 * A structural PDF/UA-1 checker for tests, reading the file with MuPDF's low-level object API and
 * a small content-stream tokenizer of its own. It checks the machine-checkable subset of PDF/UA-1
 * that a renderer can get wrong (tagging, MCID ↔ structure tree, alt text, heading order, links,
 * fonts, metadata); it does not replace a full validator such as veraPDF.
 *
 * Pages are reported 1-based in messages; objects are named `obj N`.
 */
import type * as mupdf from 'mupdf';
import { collectFonts, describeFont, openPdf } from './pdf-read.js';

/** Rule ids reported by {@link checkPdfUa}, one per checked PDF/UA-1 requirement. */
export const PDFUA_RULES = {
  /** Catalog `/MarkInfo << /Marked true >>` (not `/Suspects true`) and a `/StructTreeRoot`. */
  tagged: 'ua-tagged',
  /** Catalog `/Lang` is a non-empty BCP 47 language tag. */
  lang: 'ua-lang',
  /** Info `/Title` is set and `/ViewerPreferences /DisplayDocTitle true`. */
  title: 'ua-title',
  /** XMP metadata stream with `dc:title` and `pdfuaid:part` 1. */
  xmp: 'ua-xmp',
  /** All text, paths and images are in an `/Artifact` or an MCID marked-content sequence; BDC/EMC balance. */
  contentMarked: 'ua-content-marked',
  /** MCIDs on pages and MCIDs referenced by the structure tree / ParentTree agree both ways. */
  mcidTree: 'ua-mcid-tree',
  /** Every `/Figure` has non-empty `/Alt` or `/ActualText`. */
  figureAlt: 'ua-figure-alt',
  /** Headings H1–H6 never skip a level going deeper (starting from H1). */
  headingOrder: 'ua-heading-order',
  /** Pages with annotations have `/Tabs /S`; Link annotations are tagged via `/OBJR` in a `/Link` and have `/Contents`. */
  annotations: 'ua-annotations',
  /** Every font is embedded and has a `/ToUnicode` CMap. */
  fonts: 'ua-fonts',
  /** Structure types are standard or role-mapped to a standard type; standard types are not remapped. */
  structTypes: 'ua-struct-types',
} as const;

/** One of the rule ids in {@link PDFUA_RULES}. */
export type PdfUaRule = (typeof PDFUA_RULES)[keyof typeof PDFUA_RULES];

/** One PDF/UA violation: the rule id and a message naming the object, the value and the fix. */
export interface PdfUaViolation {
  /** Rule id from {@link PDFUA_RULES}. */
  rule: PdfUaRule;
  /** Human-readable explanation. */
  message: string;
}

/** The standard structure types of PDF 1.7 (ISO 32000-1 §14.8.4), which PDF/UA-1 builds on. */
export const STANDARD_STRUCTURE_TYPES: ReadonlySet<string> = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody',
  'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot',
  'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP', 'Figure', 'Formula', 'Form',
]);

// ---------------------------------------------------------------------------------------------
// Content-stream tokenizer
// ---------------------------------------------------------------------------------------------

/** A name operand, e.g. `/F1`. */
export interface CsName {
  /** Discriminator. */
  kind: 'name';
  /** The name without the slash, `#xx` escapes decoded. */
  name: string;
}

/** A string operand (literal or hex), as raw bytes. */
export interface CsString {
  /** Discriminator. */
  kind: 'string';
  /** The string's bytes after escape decoding. */
  bytes: Uint8Array;
}

/** A dictionary operand (e.g. BDC properties or inline-image parameters). */
export interface CsDict {
  /** Discriminator. */
  kind: 'dict';
  /** Entries by key (without the slash). */
  entries: Map<string, CsValue>;
}

/** Any operand value in a content stream. */
export type CsValue = number | boolean | null | CsName | CsString | CsDict | CsValue[];

/** One content-stream operation. An inline image `BI … ID … EI` is one operation `BI` whose operand is its parameter dict. */
export interface CsOperation {
  /** The operator, e.g. `Tj`, `BDC`, `re`. */
  op: string;
  /** The operands that preceded it. */
  operands: CsValue[];
}

type Token =
  | { t: 'value'; v: CsValue }
  | { t: 'op'; op: string }
  | { t: 'open'; c: '[' | '<<' }
  | { t: 'close'; c: ']' | '>>' };

const isWhite = (c: number | undefined): boolean => c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
const isDelim = (c: number | undefined): boolean =>
  c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const hexVal = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
const utf8 = new TextDecoder('utf-8');
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** A byte-level lexer for content streams and CMaps. */
class Lexer {
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
      if (b[i] === 0x45 && b[i + 1] === 0x49 && (i === this.pos || isWhite(b[i - 1])) && (i + 2 >= b.length || isWhite(b[i + 2]) || isDelim(b[i + 2]))) {
        this.pos = i + 2;
        return;
      }
    }
    this.pos = b.length;
  }
}

/** Reads the rest of an array or dict whose opening token was just read. */
function readComposite(lexer: Lexer, open: '[' | '<<'): CsValue {
  const items: CsValue[] = [];
  for (;;) {
    const t = lexer.next();
    if (t === null) break;
    if (t.t === 'close') break;
    if (t.t === 'open') items.push(readComposite(lexer, t.c));
    else if (t.t === 'value') items.push(t.v);
    else if (t.op === 'R' && items.length >= 2) {
      // An indirect reference inside an inline dict (not valid in content streams, seen in CMaps): keep the object number.
      items.pop();
    }
  }
  if (open === '[') return items;
  const entries = new Map<string, CsValue>();
  for (let i = 0; i + 1 < items.length; i += 2) {
    const k = items[i];
    if (k !== null && typeof k === 'object' && !Array.isArray(k) && k.kind === 'name') entries.set(k.name, items[i + 1] ?? null);
  }
  return { kind: 'dict', entries };
}

/**
 * Tokenizes a content stream (or a CMap, which uses the same syntax) into operations. Handles
 * literal strings with escapes and nesting, hex strings, names with `#xx`, arrays, dicts, comments
 * and inline images (`BI … ID <data> EI`, returned as one `BI` operation).
 */
export function parseContentStream(bytes: Uint8Array): CsOperation[] {
  const lexer = new Lexer(bytes);
  const ops: CsOperation[] = [];
  let operands: CsValue[] = [];
  for (;;) {
    const t = lexer.next();
    if (t === null) break;
    if (t.t === 'value') operands.push(t.v);
    else if (t.t === 'open') operands.push(readComposite(lexer, t.c));
    else if (t.t === 'close') continue;
    else if (t.op === 'BI') {
      const entries = new Map<string, CsValue>();
      let key: string | null = null;
      for (;;) {
        const p = lexer.next();
        if (p === null || (p.t === 'op' && p.op === 'ID')) break;
        const v: CsValue = p.t === 'open' ? readComposite(lexer, p.c) : p.t === 'value' ? p.v : null;
        if (key === null) {
          if (v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'name') key = v.name;
        } else {
          entries.set(key, v);
          key = null;
        }
      }
      const params: CsDict = { kind: 'dict', entries };
      lexer.skipInlineImageData(params);
      ops.push({ op: 'BI', operands: [params] });
      operands = [];
    } else {
      ops.push({ op: t.op, operands });
      operands = [];
    }
  }
  return ops;
}

const isName = (v: CsValue | undefined): v is CsName => v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'name';
const isStr = (v: CsValue | undefined): v is CsString => v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'string';
const isDict = (v: CsValue | undefined): v is CsDict => v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'dict';

/** Decodes a PDF text string's bytes: UTF-16BE or UTF-8 with BOM, otherwise PDFDocEncoding (approximated as Latin-1). */
function decodeTextString(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8.decode(bytes.subarray(3));
  return String.fromCharCode(...bytes);
}

// ---------------------------------------------------------------------------------------------
// ToUnicode CMaps
// ---------------------------------------------------------------------------------------------

interface CodeSpace {
  lo: number[];
  hi: number[];
}

/** Decodes shown strings of one font to Unicode through its ToUnicode CMap. */
interface FontTextDecoder {
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
function fontDecoder(font: mupdf.PDFObject): FontTextDecoder {
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
        const cs = codespaces.find((r) => i + r.lo.length <= bytes.length && r.lo.every((lo, k) => (bytes[i + k] as number) >= lo && (bytes[i + k] as number) <= (r.hi[k] as number)));
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

// ---------------------------------------------------------------------------------------------
// Page content analysis
// ---------------------------------------------------------------------------------------------

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

const TEXT_OPS = new Set(['Tj', 'TJ', "'", '"']);
const PATH_PAINT_OPS = new Set(['f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's', 'sh']);
const IMAGE_OPS = new Set(['Do', 'BI']);

interface MarkedContext {
  tag: string;
  mcid: number | undefined;
  artifact: boolean;
  suppress: boolean;
}

interface McidText {
  text: string;
  lastY: number | undefined;
}

interface PageAnalysis {
  /** MCIDs in content order, with the text shown inside each. */
  mcids: Map<number, McidText>;
  duplicateMcids: Set<number>;
  untagged: { text: number; paths: number; images: number };
  problems: string[];
}

/** The page's content streams, concatenated. */
function pageContent(page: mupdf.PDFObject): Uint8Array {
  const contents = page.get('Contents');
  const streams: mupdf.PDFObject[] = [];
  if (contents.isArray()) contents.forEach((s) => streams.push(s));
  else if (contents.isStream()) streams.push(contents);
  const parts = streams
    .filter((s) => s.isStream())
    .map((s) => {
      const buf = s.readStream();
      const bytes = buf.asUint8Array().slice();
      buf.destroy();
      return bytes;
    });
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    out[at + p.length] = 10;
    at += p.length + 1;
  }
  return out;
}

/** Reads MCID and ActualText from BDC properties (inline dict or a name in /Resources /Properties). */
function markedProperties(props: CsValue | undefined, resources: mupdf.PDFObject): { mcid?: number; actualText?: string } {
  if (isDict(props)) {
    const mcid = props.entries.get('MCID');
    const actual = props.entries.get('ActualText');
    return { ...(typeof mcid === 'number' ? { mcid } : {}), ...(isStr(actual) ? { actualText: decodeTextString(actual.bytes) } : {}) };
  }
  if (isName(props)) {
    const dict = dig(resources, 'Properties', props.name);
    if (dict.isDictionary()) {
      const mcid = dict.get('MCID');
      const actual = dict.get('ActualText');
      return { ...(mcid.isNumber() ? { mcid: mcid.asNumber() } : {}), ...(actual.isString() ? { actualText: actual.asString() } : {}) };
    }
  }
  return {};
}

/** Walks one page's content: marked-content nesting, untagged painting, MCIDs and their text. */
function analysePage(page: mupdf.PDFObject): PageAnalysis {
  const resources = page.getInheritable('Resources');
  const result: PageAnalysis = { mcids: new Map(), duplicateMcids: new Set(), untagged: { text: 0, paths: 0, images: 0 }, problems: [] };
  const stack: MarkedContext[] = [];
  const decoders = new Map<string, FontTextDecoder>();
  let decoder: FontTextDecoder | null = null;
  let ctm: Matrix = IDENTITY;
  const ctmStack: Matrix[] = [];
  let tlm: Matrix = IDENTITY;
  let leading = 0;
  let unbalancedEmc = 0;

  const owner = (): MarkedContext | null => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const ctx = stack[i] as MarkedContext;
      if (ctx.suppress) return null;
      if (ctx.artifact) return null;
      if (ctx.mcid !== undefined) return ctx;
    }
    return null;
  };
  const tagged = (): boolean => stack.some((c) => c.artifact || c.mcid !== undefined);
  const append = (text: string, y: number | undefined): void => {
    const ctx = owner();
    if (!ctx || ctx.mcid === undefined) return;
    const entry = result.mcids.get(ctx.mcid);
    if (!entry) return;
    if (y !== undefined && entry.lastY !== undefined && Math.abs(entry.lastY - y) > 0.5 && entry.text !== '' && !/\s$/u.test(entry.text) && !/^\s/u.test(text)) {
      entry.text += ' ';
    }
    entry.text += text;
    if (y !== undefined) entry.lastY = y;
  };
  const lineY = (): number => mul(tlm, ctm)[5];
  const moveLine = (tx: number, ty: number): void => {
    tlm = mul([1, 0, 0, 1, tx, ty], tlm);
  };

  for (const { op, operands } of parseContentStream(pageContent(page))) {
    switch (op) {
      case 'q':
        ctmStack.push(ctm);
        break;
      case 'Q':
        ctm = ctmStack.pop() ?? IDENTITY;
        break;
      case 'cm':
        if (operands.length === 6 && operands.every((o) => typeof o === 'number')) ctm = mul(operands as Matrix, ctm);
        break;
      case 'BT':
        tlm = IDENTITY;
        break;
      case 'Tm':
        if (operands.length === 6 && operands.every((o) => typeof o === 'number')) tlm = operands as Matrix;
        break;
      case 'Td':
      case 'TD': {
        const [tx, ty] = operands;
        if (typeof tx === 'number' && typeof ty === 'number') {
          moveLine(tx, ty);
          if (op === 'TD') leading = -ty;
        }
        break;
      }
      case 'TL':
        if (typeof operands[0] === 'number') leading = operands[0];
        break;
      case 'T*':
        moveLine(0, -leading);
        break;
      case 'Tf': {
        const name = operands[0];
        if (isName(name)) {
          let d = decoders.get(name.name);
          if (!d) {
            d = fontDecoder(dig(resources, 'Font', name.name));
            decoders.set(name.name, d);
          }
          decoder = d;
        }
        break;
      }
      case 'BMC':
      case 'BDC': {
        const tag = isName(operands[0]) ? operands[0].name : '?';
        const props = op === 'BDC' ? markedProperties(operands[1], resources) : {};
        const artifact = tag === 'Artifact';
        const insideArtifact = stack.some((c) => c.artifact);
        if (props.mcid !== undefined) {
          if (insideArtifact) result.problems.push(`marked-content sequence /${tag} with MCID ${props.mcid} is nested inside an /Artifact; real content cannot be part of an artifact`);
          if (result.mcids.has(props.mcid)) result.duplicateMcids.add(props.mcid);
          else result.mcids.set(props.mcid, { text: '', lastY: undefined });
        }
        if (props.actualText !== undefined && !insideArtifact && !artifact) {
          const before = stack.length;
          stack.push({ tag, mcid: props.mcid, artifact, suppress: false });
          append(props.actualText, undefined);
          stack.length = before;
        }
        stack.push({ tag, mcid: props.mcid, artifact, suppress: props.actualText !== undefined });
        break;
      }
      case 'EMC':
        if (stack.length === 0) unbalancedEmc++;
        else stack.pop();
        break;
      default:
        break;
    }
    if (TEXT_OPS.has(op)) {
      if (!tagged()) result.untagged.text++;
      if (op === "'" || op === '"') moveLine(0, -leading);
      if (!decoder) continue;
      const y = lineY();
      if (op === 'TJ' && Array.isArray(operands[0])) {
        let s = '';
        for (const item of operands[0]) {
          if (isStr(item)) s += decoder.decode(item.bytes);
          else if (typeof item === 'number' && item < -300 && s !== '' && !/\s$/u.test(s)) s += ' ';
        }
        append(s, y);
      } else {
        const str = operands[operands.length - 1];
        if (isStr(str)) append(decoder.decode(str.bytes), y);
      }
    } else if (PATH_PAINT_OPS.has(op)) {
      if (!tagged()) result.untagged.paths++;
    } else if (IMAGE_OPS.has(op)) {
      if (!tagged()) result.untagged.images++;
    }
  }
  if (unbalancedEmc > 0) result.problems.push(`${unbalancedEmc} EMC operator(s) without a matching BMC/BDC`);
  if (stack.length > 0) result.problems.push(`${stack.length} marked-content sequence(s) not closed by EMC at the end of the page (innermost /${(stack[stack.length - 1] as MarkedContext).tag})`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Structure tree
// ---------------------------------------------------------------------------------------------

type StructKid =
  | { kind: 'elem'; elem: StructElem }
  | { kind: 'mcid'; page: number | null; mcid: number; inStream: boolean }
  | { kind: 'objr'; annot: number | null };

interface StructElem {
  num: number | null;
  type: string;
  /** The standard type after following RoleMap, or null when it cannot be mapped to one. */
  role: string | null;
  alt: string;
  actualText: string;
  kids: StructKid[];
}

interface StructTree {
  roots: StructElem[];
  /** All elements in pre-order. */
  all: StructElem[];
  roleMap: Map<string, string>;
  parentTree: Map<number, mupdf.PDFObject>;
}

const nameOf = (o: mupdf.PDFObject): string | null => (o.isName() ? o.asName() : null);
const stringOf = (o: mupdf.PDFObject): string => (o.isString() ? o.asString() : '');
const refOf = (o: mupdf.PDFObject): number | null => (o.isIndirect() ? o.asIndirect() : null);
/** `obj.get(...path)` that tolerates a missing (null) `obj` or missing intermediate keys. */
const dig = (obj: mupdf.PDFObject, ...path: (string | number)[]): mupdf.PDFObject => (obj.isNull() ? obj : obj.get(...path));

/** Follows RoleMap from `type` to a standard type (at most 16 hops), or null. */
function mapRole(type: string, roleMap: Map<string, string>): string | null {
  let t = type;
  for (let hop = 0; hop < 16; hop++) {
    if (STANDARD_STRUCTURE_TYPES.has(t)) return t;
    const next = roleMap.get(t);
    if (next === undefined) return null;
    t = next;
  }
  return null;
}

/** Reads a number tree (`/Nums`, `/Kids`) into a map. */
function readNumberTree(node: mupdf.PDFObject, out: Map<number, mupdf.PDFObject>, depth = 0): Map<number, mupdf.PDFObject> {
  if (!node.isDictionary() || depth > 32) return out;
  const nums = node.get('Nums');
  if (nums.isArray()) {
    for (let i = 0; i + 1 < nums.length; i += 2) {
      const k = nums.get(i);
      if (k.isNumber()) out.set(k.asNumber(), nums.get(i + 1));
    }
  }
  const kids = node.get('Kids');
  if (kids.isArray()) kids.forEach((kid) => readNumberTree(kid, out, depth + 1));
  return out;
}

/** Reads the structure tree below the StructTreeRoot. */
function readStructTree(structRoot: mupdf.PDFObject): StructTree {
  const roleMap = new Map<string, string>();
  const rm = structRoot.get('RoleMap');
  if (rm.isDictionary()) {
    rm.forEach((v, k) => {
      const to = nameOf(v);
      if (to !== null) roleMap.set(String(k), to);
    });
  }
  const all: StructElem[] = [];
  const seen = new Set<number>();

  const readKids = (k: mupdf.PDFObject, pg: number | null, depth: number): StructKid[] => {
    if (k.isArray()) {
      const out: StructKid[] = [];
      k.forEach((item) => out.push(...readKids(item, pg, depth)));
      return out;
    }
    if (k.isNumber()) return [{ kind: 'mcid', page: pg, mcid: k.asNumber(), inStream: false }];
    if (!k.isDictionary()) return [];
    const type = nameOf(k.get('Type'));
    if (type === 'MCR') {
      const page = refOf(k.get('Pg')) ?? pg;
      const mcid = k.get('MCID');
      return mcid.isNumber() ? [{ kind: 'mcid', page, mcid: mcid.asNumber(), inStream: !k.get('Stm').isNull() }] : [];
    }
    if (type === 'OBJR') return [{ kind: 'objr', annot: refOf(k.get('Obj')) }];
    const elem = readElem(k, pg, depth + 1);
    return elem ? [{ kind: 'elem', elem }] : [];
  };

  const readElem = (obj: mupdf.PDFObject, parentPg: number | null, depth: number): StructElem | null => {
    const num = refOf(obj);
    if (num !== null) {
      if (seen.has(num)) return null;
      seen.add(num);
    }
    if (depth > 256) return null;
    const type = nameOf(obj.get('S')) ?? '';
    const elem: StructElem = {
      num,
      type,
      role: mapRole(type, roleMap),
      alt: stringOf(obj.get('Alt')),
      actualText: stringOf(obj.get('ActualText')),
      kids: [],
    };
    all.push(elem);
    const pg = refOf(obj.get('Pg')) ?? parentPg;
    elem.kids = readKids(obj.get('K'), pg, depth);
    return elem;
  };

  const roots: StructElem[] = [];
  const k = structRoot.get('K');
  const rootItems: mupdf.PDFObject[] = [];
  if (k.isArray()) k.forEach((item) => rootItems.push(item));
  else if (k.isDictionary()) rootItems.push(k);
  for (const item of rootItems) {
    const e = readElem(item, null, 0);
    if (e) roots.push(e);
  }
  return { roots, all, roleMap, parentTree: readNumberTree(structRoot.get('ParentTree'), new Map()) };
}

/** Describes an element for messages, e.g. `/Figure (obj 12)`. */
const describeElem = (e: StructElem): string => `/${e.type || '(no /S)'}${e.num !== null ? ` (obj ${e.num})` : ''}`;

// ---------------------------------------------------------------------------------------------
// The checker
// ---------------------------------------------------------------------------------------------

interface LoadedDoc {
  doc: mupdf.PDFDocument;
  root: mupdf.PDFObject;
  pages: { obj: mupdf.PDFObject; num: number | null; analysis: PageAnalysis }[];
  pageIndexByNum: Map<number, number>;
  tree: StructTree | null;
}

function load(doc: mupdf.PDFDocument): LoadedDoc {
  const root = doc.getTrailer().get('Root');
  const pages: LoadedDoc['pages'] = [];
  const pageIndexByNum = new Map<number, number>();
  const count = doc.countPages();
  for (let i = 0; i < count; i++) {
    const obj = doc.findPage(i);
    const num = refOf(obj);
    if (num !== null) pageIndexByNum.set(num, i);
    pages.push({ obj, num, analysis: analysePage(obj) });
  }
  const structRoot = root.get('StructTreeRoot');
  return { doc, root, pages, pageIndexByNum, tree: structRoot.isDictionary() ? readStructTree(structRoot) : null };
}

const BCP47_RE = /^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$|^[Xx](?:-[A-Za-z0-9]{1,8})+$/;

function checkCatalog(d: LoadedDoc, add: (rule: PdfUaRule, message: string) => void): void {
  const { root } = d;
  // 1. MarkInfo and StructTreeRoot
  const markInfo = root.get('MarkInfo');
  const marked = dig(markInfo, 'Marked');
  if (!markInfo.isDictionary()) add(PDFUA_RULES.tagged, 'Catalog has no /MarkInfo; a tagged PDF needs /MarkInfo << /Marked true >> (PDFKit: tagged: true)');
  else if (!(marked.isBoolean() && marked.asBoolean())) add(PDFUA_RULES.tagged, `Catalog /MarkInfo /Marked is ${marked.isNull() ? 'missing' : marked.toString()}; it must be true`);
  const suspects = dig(markInfo, 'Suspects');
  if (suspects.isBoolean() && suspects.asBoolean()) add(PDFUA_RULES.tagged, 'Catalog /MarkInfo /Suspects is true; PDF/UA does not allow suspect tags');
  if (!root.get('StructTreeRoot').isDictionary()) add(PDFUA_RULES.tagged, 'Catalog has no /StructTreeRoot; the document has no structure tree');

  // 2. Lang
  const lang = root.get('Lang');
  if (!lang.isString() || lang.asString().trim() === '') {
    add(PDFUA_RULES.lang, `Catalog /Lang is ${lang.isNull() ? 'missing' : 'empty'}; set the document language as a BCP 47 tag, e.g. (en-US) (PDFKit: lang option)`);
  } else if (!BCP47_RE.test(lang.asString())) {
    add(PDFUA_RULES.lang, `Catalog /Lang "${lang.asString()}" is not a BCP 47 language tag; use e.g. "en", "en-US", "es-419"`);
  }

  // 3. Title
  const title = dig(d.doc.getTrailer(), 'Info', 'Title');
  if (!title.isString() || title.asString().trim() === '') {
    add(PDFUA_RULES.title, `Document information /Title is ${title.isNull() ? 'missing' : 'empty'}; set info.Title to the handout's title`);
  }
  const display = dig(root, 'ViewerPreferences', 'DisplayDocTitle');
  if (!(display.isBoolean() && display.asBoolean())) {
    add(PDFUA_RULES.title, `Catalog /ViewerPreferences /DisplayDocTitle is ${display.isNull() ? 'missing' : display.toString()}; it must be true so viewers show the title, not the file name (PDFKit: displayTitle: true)`);
  }

  // 4. XMP
  const metadata = root.get('Metadata');
  if (!metadata.isStream()) {
    add(PDFUA_RULES.xmp, 'Catalog has no /Metadata XMP stream; PDF/UA needs one with dc:title and pdfuaid:part (PDFKit: subset: "PDF/UA")');
  } else {
    const buf = metadata.readStream();
    const xml = utf8.decode(buf.asUint8Array().slice());
    buf.destroy();
    if (!/<dc:title[\s>]/.test(xml)) add(PDFUA_RULES.xmp, 'XMP metadata has no dc:title; it must carry the document title');
    const part = /pdfuaid:part\s*(?:>\s*|=\s*["']\s*)([^<"'\s]*)/.exec(xml);
    if (!part) add(PDFUA_RULES.xmp, 'XMP metadata has no pdfuaid:part; PDF/UA-1 files identify themselves with <pdfuaid:part>1</pdfuaid:part>');
    else if (part[1] !== '1') add(PDFUA_RULES.xmp, `XMP metadata pdfuaid:part is "${part[1] ?? ''}"; PDF/UA-1 requires 1`);
  }
}

function checkContent(d: LoadedDoc, add: (rule: PdfUaRule, message: string) => void): void {
  d.pages.forEach(({ analysis }, i) => {
    const p = i + 1;
    const { text, paths, images } = analysis.untagged;
    const fix = 'wrap it in /Artifact BMC … EMC or a tagged /Tag <</MCID n>> BDC … EMC';
    if (text > 0) add(PDFUA_RULES.contentMarked, `page ${p}: ${text} text-showing operator(s) (Tj/TJ/'/") outside any /Artifact or MCID marked-content sequence; ${fix}`);
    if (paths > 0) add(PDFUA_RULES.contentMarked, `page ${p}: ${paths} path-painting operator(s) (f/S/B/sh…) outside any /Artifact or MCID marked-content sequence; ${fix}`);
    if (images > 0) add(PDFUA_RULES.contentMarked, `page ${p}: ${images} image/XObject operator(s) (Do/BI) outside any /Artifact or MCID marked-content sequence; ${fix}`);
    for (const problem of analysis.problems) add(PDFUA_RULES.contentMarked, `page ${p}: ${problem}`);
  });
}

function checkMcids(d: LoadedDoc, tree: StructTree, add: (rule: PdfUaRule, message: string) => void): void {
  const pageLabel = (num: number | null): string => {
    const idx = num === null ? undefined : d.pageIndexByNum.get(num);
    return idx === undefined ? `unknown page (obj ${num ?? '?'})` : `page ${idx + 1}`;
  };
  // Tree side: which (page, MCID) each element references.
  const refs = new Map<string, StructElem>();
  for (const elem of tree.all) {
    for (const kid of elem.kids) {
      if (kid.kind !== 'mcid' || kid.inStream) continue;
      if (kid.page === null) {
        add(PDFUA_RULES.mcidTree, `structure element ${describeElem(elem)} references MCID ${kid.mcid} but neither it nor an ancestor has /Pg; add /Pg or use an /MCR with /Pg`);
        continue;
      }
      const key = `${kid.page}:${kid.mcid}`;
      const other = refs.get(key);
      if (other) add(PDFUA_RULES.mcidTree, `${pageLabel(kid.page)} MCID ${kid.mcid} is referenced by two structure elements, ${describeElem(other)} and ${describeElem(elem)}`);
      else refs.set(key, elem);
      const idx = d.pageIndexByNum.get(kid.page);
      const page = idx === undefined ? undefined : d.pages[idx];
      if (!page) add(PDFUA_RULES.mcidTree, `structure element ${describeElem(elem)} references MCID ${kid.mcid} on obj ${kid.page}, which is not a page of this document`);
      else if (!page.analysis.mcids.has(kid.mcid)) {
        add(PDFUA_RULES.mcidTree, `structure element ${describeElem(elem)} references MCID ${kid.mcid} on ${pageLabel(kid.page)}, but that page's content has no marked-content sequence with MCID ${kid.mcid}`);
      }
    }
  }
  // Page side: every MCID used is in the tree and in the ParentTree.
  d.pages.forEach(({ obj, num, analysis }, i) => {
    const p = i + 1;
    for (const dup of analysis.duplicateMcids) add(PDFUA_RULES.mcidTree, `page ${p}: MCID ${dup} is used by more than one marked-content sequence; MCIDs must be unique per page`);
    if (analysis.mcids.size === 0) return;
    const sp = obj.get('StructParents');
    const parentArray = sp.isNumber() ? tree.parentTree.get(sp.asNumber()) : undefined;
    if (!sp.isNumber()) add(PDFUA_RULES.mcidTree, `page ${p} has marked content with MCIDs but no /StructParents key into the ParentTree`);
    else if (!parentArray || !parentArray.isArray()) add(PDFUA_RULES.mcidTree, `page ${p}: /StructParents ${sp.asNumber()} has no array entry in the StructTreeRoot /ParentTree`);
    for (const mcid of analysis.mcids.keys()) {
      const elem = num === null ? undefined : refs.get(`${num}:${mcid}`);
      if (!elem) add(PDFUA_RULES.mcidTree, `page ${p}: MCID ${mcid} is not referenced from the structure tree (no element has it in /K); attach the content to a structure element or mark it as /Artifact`);
      if (parentArray && parentArray.isArray()) {
        const entry = parentArray.get(mcid);
        if (!entry.isDictionary()) add(PDFUA_RULES.mcidTree, `page ${p}: ParentTree entry for MCID ${mcid} is ${entry.isNull() ? 'missing or null' : entry.toString()}; it must be the structure element that owns the content`);
        else if (elem && elem.num !== null && refOf(entry) !== elem.num) {
          add(PDFUA_RULES.mcidTree, `page ${p}: ParentTree maps MCID ${mcid} to obj ${refOf(entry) ?? '?'}, but the element referencing it is ${describeElem(elem)}`);
        }
      }
    }
  });
}

function checkElements(tree: StructTree, add: (rule: PdfUaRule, message: string) => void): void {
  // 11. Standard types / RoleMap
  for (const [from, to] of tree.roleMap) {
    if (STANDARD_STRUCTURE_TYPES.has(from)) add(PDFUA_RULES.structTypes, `RoleMap remaps the standard structure type /${from} to /${to}; standard types must not be remapped`);
  }
  const unknown = new Map<string, number>();
  for (const e of tree.all) if (e.role === null) unknown.set(e.type, (unknown.get(e.type) ?? 0) + 1);
  for (const [type, n] of unknown) {
    const mapped = tree.roleMap.get(type);
    add(
      PDFUA_RULES.structTypes,
      `structure type /${type || '(no /S)'} (${n} element(s)) is not a standard structure type` +
        (mapped !== undefined ? ` and its RoleMap chain (→ /${mapped}) does not end in one` : ' and is not role-mapped') +
        `; use a standard type (e.g. /P, /H1, /Figure, /Note, /Span) or add /RoleMap << /${type || 'Type'} /P >> to the StructTreeRoot`,
    );
  }
  // 7. Figure alt text
  for (const e of tree.all) {
    if (e.role === 'Figure' && e.alt.trim() === '' && e.actualText.trim() === '') {
      add(PDFUA_RULES.figureAlt, `figure ${describeElem(e)} has no /Alt text; describe the image (PDFKit: doc.struct('Figure', { alt: '…' })) or mark a decorative image as /Artifact`);
    }
  }
  // 8. Heading order
  let previous = 0;
  let previousElem: StructElem | null = null;
  for (const e of tree.all) {
    const m = e.role === null ? null : /^H([1-6])$/.exec(e.role);
    if (!m) continue;
    const level = Number(m[1]);
    if (level > previous + 1) {
      add(
        PDFUA_RULES.headingOrder,
        previousElem
          ? `heading ${describeElem(e)} follows ${describeElem(previousElem)}, skipping level ${previous + 1}; use /H${previous + 1}`
          : `the first heading is ${describeElem(e)}; headings must start at /H1`,
      );
    }
    previous = level;
    previousElem = e;
  }
}

function checkAnnotations(d: LoadedDoc, tree: StructTree | null, add: (rule: PdfUaRule, message: string) => void): void {
  const owners = new Map<number, StructElem>();
  for (const e of tree?.all ?? []) for (const kid of e.kids) if (kid.kind === 'objr' && kid.annot !== null) owners.set(kid.annot, e);
  d.pages.forEach(({ obj }, i) => {
    const p = i + 1;
    const annots = obj.get('Annots');
    if (!annots.isArray() || annots.length === 0) return;
    const tabs = nameOf(obj.get('Tabs'));
    if (tabs !== 'S') add(PDFUA_RULES.annotations, `page ${p} has ${annots.length} annotation(s) but /Tabs is ${tabs === null ? 'missing' : `/${tabs}`}; it must be /S (structure order)`);
    annots.forEach((ref) => {
      if (nameOf(ref.get('Subtype')) !== 'Link') return;
      const num = refOf(ref);
      const uri = dig(ref, 'A', 'URI');
      const what = `Link annotation ${num !== null ? `obj ${num} ` : ''}on page ${p}${uri.isString() ? ` (${uri.asString()})` : ''}`;
      const owner = num === null ? undefined : owners.get(num);
      if (!owner) add(PDFUA_RULES.annotations, `${what} is not referenced by any structure element via /OBJR; add it to a /Link element (PDFKit: annotation option structParent)`);
      else if (owner.role !== 'Link') add(PDFUA_RULES.annotations, `${what} is referenced from ${describeElem(owner)}; it must be inside a /Link structure element`);
      else if (!ref.get('StructParent').isNumber()) add(PDFUA_RULES.annotations, `${what} has no /StructParent key into the ParentTree`);
      const contents = ref.get('Contents');
      if (!contents.isString() || contents.asString().trim() === '') {
        add(PDFUA_RULES.annotations, `${what} has no /Contents; give it a text alternative describing the link target (as a string, not a name)`);
      }
    });
  });
}

function checkFonts(d: LoadedDoc, add: (rule: PdfUaRule, message: string) => void): void {
  for (const found of collectFonts(d.doc)) {
    const info = describeFont(found.font);
    const where = `font ${info.name} (/${found.resourceName}, ${info.subtype}) on page ${found.page + 1}`;
    if (!info.embedded) add(PDFUA_RULES.fonts, `${where} is not embedded (no FontFile/FontFile2/FontFile3); register a font file instead of a standard-14 font`);
    if (!info.hasToUnicode) add(PDFUA_RULES.fonts, `${where} has no /ToUnicode CMap, so its text cannot be mapped to Unicode`);
  }
}

/**
 * Checks the machine-checkable PDF/UA-1 rules listed in {@link PDFUA_RULES}; an empty array means
 * the PDF passes them. Throws only when the bytes cannot be opened as a PDF.
 */
export function checkPdfUa(pdf: Uint8Array): PdfUaViolation[] {
  const doc = openPdf(pdf);
  try {
    const out: PdfUaViolation[] = [];
    const add = (rule: PdfUaRule, message: string): void => {
      out.push({ rule, message });
    };
    const d = load(doc);
    checkCatalog(d, add);
    checkContent(d, add);
    if (d.tree) {
      checkMcids(d, d.tree, add);
      checkElements(d.tree, add);
    }
    checkAnnotations(d, d.tree, add);
    checkFonts(d, add);
    const order = Object.values(PDFUA_RULES) as string[];
    return out.sort((a, b) => order.indexOf(a.rule) - order.indexOf(b.rule));
  } finally {
    doc.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Structure text
// ---------------------------------------------------------------------------------------------

const INLINE_TYPES = new Set([
  'Span', 'Quote', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP', 'Formula', 'Lbl', 'LBody', 'Em', 'Strong',
]);

/**
 * The text of the structure tree read in order: the text shown inside each MCID, decoded through
 * the fonts' ToUnicode CMaps, in the order the tree references it. Block-level elements (P, H1…,
 * LI, TD, Figure, …) each start a new line; inline ones (Span, Link, Lbl, LBody, Code, …) run on,
 * with a space after a list label. An element's /ActualText replaces its content. Whitespace runs
 * are collapsed to one space and blank lines dropped. Content inside form XObjects (MCR with /Stm)
 * is not read.
 */
export function structureText(pdf: Uint8Array): string {
  const doc = openPdf(pdf);
  try {
    const d = load(doc);
    if (!d.tree) return '';
    const lines: string[] = [];
    let cur = '';
    const flush = (): void => {
      const line = cur.replace(/\s+/gu, ' ').trim();
      if (line !== '') lines.push(line);
      cur = '';
    };
    const text = (s: string): void => {
      cur += s;
    };
    const visit = (e: StructElem): void => {
      const role = e.role ?? e.type;
      const block = !INLINE_TYPES.has(role);
      if (block) flush();
      if (e.actualText !== '') text(e.actualText);
      else {
        for (const kid of e.kids) {
          if (kid.kind === 'elem') visit(kid.elem);
          else if (kid.kind === 'mcid' && kid.page !== null && !kid.inStream) {
            const idx = d.pageIndexByNum.get(kid.page);
            const entry = idx === undefined ? undefined : d.pages[idx]?.analysis.mcids.get(kid.mcid);
            if (entry) text(entry.text);
          }
        }
      }
      if (role === 'Lbl') cur += ' ';
      if (block) flush();
    };
    for (const r of d.tree.roots) visit(r);
    flush();
    return lines.join('\n');
  } finally {
    doc.destroy();
  }
}
