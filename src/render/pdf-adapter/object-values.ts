/**
 * PDFKit's indirect objects written without its `PDFObject.convert` — PDFKit 0.20 internals (`PDFReference.finalize`,
 * its `id`, `gen`, `data`, `buffer`, `offset` and `document`; the document's `_write`, `_offset`, `_refEnd` and
 * `_security`), guarded by `tests/render/pdf-adapter/object-values.test.ts`.
 *
 * A tagged handout has hundreds of objects that are not streams (structure elements, annotations, the page tree,
 * the outline), and PDFKit writes each value through `PDFObject.convert`, which tries six `instanceof` tests and a
 * `{}.toString.call` on every value before it gets to numbers, builds an array per dictionary and per array, and
 * writes the object in three pieces. For an object that is not a stream (and a document that is not encrypted), the
 * finalize installed here writes the same text in one piece: names, numbers (`PDFObject.number`), booleans, null,
 * arrays, plain dictionaries, references and text strings (`String` objects: PDFDocEncoding bytes as they are, or
 * UTF-16BE with its byte order mark, escaped as PDFKit escapes them). An object holding anything else (dates, byte
 * strings, name trees, spot colours) and every stream is left to PDFKit's own finalize.
 */
import type { Doc } from './document.js';

/** The private parts of PDFKit's document used here. */
interface WriterInternals {
  _security?: unknown;
  _offset: number;
  _write(data: string | Uint8Array): void;
  _refEnd(ref: unknown): void;
}

/** The private parts of PDFKit's `PDFReference` used here. */
interface RefInternals {
  readonly id: number;
  readonly gen: number;
  readonly data: unknown;
  readonly buffer: unknown;
  readonly document: WriterInternals;
  offset?: number;
}

type Finalize = (this: RefInternals) => void;

/** `PDFReference.prototype` of each PDFKit copy patched, with its own `finalize`. */
const patched = new Map<object, Finalize>();

/** Characters PDFKit escapes in literal strings (`escapableRe` and `escapable`). */
const ESCAPABLE = /[\n\r\t\b\f()\\]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  '\\': '\\\\',
  '(': '\\(',
  ')': '\\)',
};

/** A text string as PDFKit writes a `String` object (without encryption). */
function literal(s: string): string {
  let unicode = false;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      unicode = true;
      break;
    }
  }
  let bytes = s; // PDFDocEncoding: each character (all below 0x80) is its own byte
  if (unicode) {
    bytes = '\xFE\xFF';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      bytes += String.fromCharCode(c >> 8, c & 0xff);
    }
  }
  return `(${bytes.replace(ESCAPABLE, (c) => ESCAPES[c]!)})`;
}

/**
 * The text `PDFObject.convert(value)` gives for `value` (unencrypted), or undefined when `value` holds something this
 * module leaves to PDFKit (see the module comment). `refProto` is `PDFReference.prototype`.
 */
export function valueText(value: unknown, refProto: object): string | undefined {
  switch (typeof value) {
    case 'string':
      return `/${value}`;
    case 'number':
      return value > -1e21 && value < 1e21 ? `${Math.round(value * 1e6) / 1e6}` : undefined; // else PDFKit throws
    case 'boolean':
      return `${value}`;
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const e: unknown = value[i];
          const t = valueText(e === undefined ? null : e, refProto);
          if (t === undefined) return undefined;
          out += i === 0 ? t : ` ${t}`;
        }
        return `${out}]`;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Object.prototype) {
        let out = '<<';
        const dict = value as Record<string, unknown>;
        for (const key in dict) {
          const v = dict[key];
          if (v === undefined) continue;
          const t = valueText(v, refProto);
          if (t === undefined) return undefined;
          out += `\n/${key} ${t}`;
        }
        return `${out}\n>>`;
      }
      if (proto === refProto) return `${(value as RefInternals).id} ${(value as RefInternals).gen} R`;
      if (proto === String.prototype) return literal((value as { valueOf(): string }).valueOf());
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Whether `ref` (a `PDFReference` of `doc`) has the internals {@link writeObjectsDirectly} relies on. */
export function supportsObjectValues(doc: unknown, ref: unknown): boolean {
  const d = doc as Partial<WriterInternals> | null | undefined;
  const r = ref as Partial<RefInternals> & { finalize?: unknown; toString?: () => string };
  if (!d || typeof d._write !== 'function' || typeof d._refEnd !== 'function' || typeof d._offset !== 'number') return false;
  if (!r || typeof r.finalize !== 'function' || typeof r.id !== 'number' || r.gen !== 0 || r.document !== doc) return false;
  // a reference writes itself as `id gen R`, and one not yet written has an empty list of chunks
  return Array.isArray(r.buffer) && String(r) === `${r.id} ${r.gen} R`;
}

/**
 * Makes PDFKit write the objects of `doc` that are not streams directly (see the module comment): installed once on
 * `PDFReference.prototype`, found from the document's catalog. A no-op when PDFKit's internals are not what this module
 * expects.
 */
export function writeObjectsDirectly(doc: Doc): void {
  const root = (doc as unknown as { _root?: unknown })._root;
  if (!supportsObjectValues(doc, root)) return;
  const proto = Object.getPrototypeOf(root) as { finalize: Finalize };
  if (patched.has(proto)) return;
  const pdfKitFinalize = proto.finalize;
  patched.set(proto, pdfKitFinalize);
  proto.finalize = function finalize(this: RefInternals): void {
    const d = this.document;
    if (!d._security && Array.isArray(this.buffer) && this.buffer.length === 0) {
      const text = valueText(this.data, proto);
      if (text !== undefined) {
        // PDFKit's three writes (`N 0 obj`, the value, `endobj`, each with its newline) in one
        this.offset = d._offset;
        d._write(`${this.id} ${this.gen} obj\n${text}\nendobj`);
        d._refEnd(this);
        return;
      }
    }
    pdfKitFinalize.call(this);
  };
}

/** PDFKit's own `finalize` of the `PDFReference` class `ref` belongs to, when {@link writeObjectsDirectly} replaced it (tests). */
export function pdfKitFinalizeOf(ref: object): ((this: unknown) => void) | undefined {
  return patched.get(Object.getPrototypeOf(ref) as object) as ((this: unknown) => void) | undefined;
}
