/**
 * Content-stream parser: turns the bytes of a page content stream (or a CMap, which uses the same
 * syntax) into operations with typed operands (`Cs*` types), plus small operand type guards and
 * PDF text-string decoding.
 */
import { Lexer } from './lexer.js';

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

/** Whether an operand is a name. */
export const isName = (v: CsValue | undefined): v is CsName =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'name';
/** Whether an operand is a string. */
export const isStr = (v: CsValue | undefined): v is CsString =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'string';
/** Whether an operand is a dictionary. */
export const isDict = (v: CsValue | undefined): v is CsDict =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'dict';

const utf8 = new TextDecoder('utf-8');

/** Decodes a PDF text string's bytes: UTF-16BE or UTF-8 with BOM, otherwise PDFDocEncoding (approximated as Latin-1). */
export function decodeTextString(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8.decode(bytes.subarray(3));
  return String.fromCharCode(...bytes);
}
