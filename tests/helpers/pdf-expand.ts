/**
 * Our PDFs keep their non-stream objects in compressed object streams (`src/render/pdf-adapter/object-streams.ts`),
 * so a test that looks at raw bytes (`/Lang (ar)`, `/Widget`, a personal value) must look at the expanded file.
 * {@link expandPdf} reads a PDF with a cross-reference stream or a classic xref table and writes every object
 * plainly, in object-number order. It shares no code with the writer.
 */
import { inflateSync } from 'node:zlib';

/** How to expand. */
export interface ExpandOptions {
  /** Also inflate FlateDecode streams (their data then appears decompressed; the dictionaries are unchanged). */
  inflateStreams?: boolean;
}

/** One object as text (latin1), or a stream's dictionary text and data. */
type PlainObject = { value: string } | { dict: string; data: Buffer };

const latin1 = (b: Uint8Array, from = 0, to = b.length): string =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', from, to);

/** Reads the indirect object at `offset`: `N G obj … endobj`, a stream's data by its direct `/Length`. */
function objectAt(pdf: Buffer, offset: number, num: number): PlainObject {
  const head = /^(\d+) (\d+) obj\s*/.exec(latin1(pdf, offset, offset + 40));
  if (!head || Number(head[1]) !== num) throw new Error(`expandPdf: object ${num} is not at offset ${offset}`);
  const start = offset + head[0].length;
  const text = latin1(pdf, start, pdf.indexOf('endobj', start, 'latin1'));
  const stream = />>\s*stream\r?\n/.exec(text);
  if (!stream) return { value: text.trimEnd() };
  const dict = text.slice(0, stream.index + 2);
  const length = /\/Length (\d+)(?!\d|\s+\d+\s+R)/.exec(dict);
  if (!length) throw new Error(`expandPdf: stream ${num} has no direct /Length`);
  const dataStart = start + stream.index + stream[0].length;
  return { dict, data: pdf.subarray(dataStart, dataStart + Number(length[1])) };
}

/** A FlateDecode stream's data, undoing a PNG predictor (`/Predictor` ≥ 10, one byte per sample) when `predict`. */
function decode(dict: string, data: Buffer, predict = true): Buffer {
  if (!/\/Filter\s*\/FlateDecode/.test(dict)) throw new Error(`expandPdf: unsupported filter in ${dict}`);
  const raw = inflateSync(data);
  const predictor = Number(/\/Predictor (\d+)/.exec(dict)?.[1] ?? 1);
  if (predictor < 10 || !predict) return raw;
  const columns = Number(/\/Columns (\d+)/.exec(dict)?.[1] ?? 1);
  const rows = raw.length / (columns + 1);
  const out = Buffer.alloc(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = raw[r * (columns + 1)]!;
    for (let c = 0; c < columns; c++) {
      const up = r > 0 ? out[(r - 1) * columns + c]! : 0;
      const left = c > 0 ? out[r * columns + c - 1]! : 0;
      const x = raw[r * (columns + 1) + 1 + c]!;
      if (type === 0) out[r * columns + c] = x;
      else if (type === 1) out[r * columns + c] = (x + left) & 0xff;
      else if (type === 2) out[r * columns + c] = (x + up) & 0xff;
      else throw new Error(`expandPdf: PNG predictor type ${type} not supported`);
    }
  }
  return out;
}

/** The trailer entries a test may look at, as written. */
function trailerText(dict: string): string {
  const keys = ['Root', 'Info', 'ID', 'Encrypt'];
  return keys
    .map((k) => new RegExp(`/${k}\\s*(\\d+ \\d+ R|\\[[^\\]]*\\])`).exec(dict))
    .map((m, i) => (m ? `/${keys[i]} ${m[1]!.replace(/\s+/g, ' ')}` : ''))
    .filter(Boolean)
    .join('\n');
}

/** Every object of `pdf` by number, and its trailer entries. */
export function readObjects(pdf: Uint8Array): { header: string; objects: Map<number, PlainObject>; trailer: string } {
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const header = latin1(buf, 0, buf.indexOf('\n'));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(latin1(buf, buf.length - 64));
  if (!startxref) throw new Error('expandPdf: no startxref');
  const at = Number(startxref[1]);
  const objects = new Map<number, PlainObject>();
  if (latin1(buf, at, at + 4) === 'xref') {
    const end = buf.indexOf('trailer', at, 'latin1');
    const lines = latin1(buf, at + 4, end)
      .trim()
      .split(/\r?\n/);
    for (let i = 0; i < lines.length;) {
      const [first, count] = lines[i++]!.trim().split(/\s+/).map(Number) as [number, number];
      for (let k = 0; k < count; k++, i++) {
        const [off, , kind] = lines[i]!.trim().split(/\s+/);
        if (kind === 'n') objects.set(first + k, objectAt(buf, Number(off), first + k));
      }
    }
    return { header, objects, trailer: trailerText(latin1(buf, end)) };
  }
  const num = Number(/^(\d+) 0 obj/.exec(latin1(buf, at, at + 20))?.[1]);
  const xref = objectAt(buf, at, num);
  if (!('dict' in xref) || !/\/Type\s*\/XRef/.test(xref.dict)) throw new Error('expandPdf: startxref points at no xref stream');
  if (/\/Prev\b/.test(xref.dict)) throw new Error('expandPdf: incremental updates are not supported');
  const w = /\/W\s*\[(\d+) (\d+) (\d+)\]/.exec(xref.dict)!.slice(1).map(Number) as [number, number, number];
  const size = Number(/\/Size (\d+)/.exec(xref.dict)![1]);
  const index = /\/Index\s*\[([\d\s]+)\]/.exec(xref.dict)?.[1]?.trim().split(/\s+/).map(Number) ?? [0, size];
  const table = decode(xref.dict, xref.data);
  const field = (row: number, f: 0 | 1 | 2): number => {
    let v = 0;
    const start = row * (w[0] + w[1] + w[2]) + (f > 0 ? w[0] : 0) + (f > 1 ? w[1] : 0);
    for (let b = 0; b < w[f]; b++) v = v * 256 + table[start + b]!;
    return f === 0 && w[0] === 0 ? 1 : v;
  };
  const inStreams: [number, number, number][] = [];
  let row = 0;
  for (let s = 0; s < index.length; s += 2) {
    for (let k = 0; k < index[s + 1]!; k++, row++) {
      const n = index[s]! + k;
      const type = field(row, 0);
      if (type === 1) objects.set(n, objectAt(buf, field(row, 1), n));
      else if (type === 2) inStreams.push([n, field(row, 1), field(row, 2)]);
    }
  }
  const unpacked = new Map<number, string[]>();
  for (const [n, container, i] of inStreams) {
    let members = unpacked.get(container);
    if (!members) {
      const stm = objects.get(container);
      if (!stm || !('dict' in stm)) throw new Error(`expandPdf: object stream ${container} missing`);
      const data = latin1(decode(stm.dict, stm.data));
      const count = Number(/\/N (\d+)/.exec(stm.dict)![1]);
      const first = Number(/\/First (\d+)/.exec(stm.dict)![1]);
      const pairs = data.slice(0, first).trim().split(/\s+/).map(Number);
      members = [];
      for (let k = 0; k < count; k++) {
        const from = first + pairs[2 * k + 1]!;
        const to = k + 1 < count ? first + pairs[2 * k + 3]! : data.length;
        if (pairs[2 * k] === undefined) throw new Error(`expandPdf: object stream ${container} header too short`);
        members.push(data.slice(from, to).trimEnd());
      }
      unpacked.set(container, members);
      objects.delete(container);
    }
    objects.set(n, { value: members[i]! });
  }
  objects.delete(num);
  return { header, objects, trailer: trailerText(xref.dict) };
}

/**
 * `pdf` with every object written plainly (`N 0 obj\n<value>\nendobj\n`, streams as `stream … endstream`), in
 * object-number order, then the trailer's `/Root`, `/Info`, `/ID` (and `/Encrypt`); object streams and the
 * cross-reference stream themselves are left out. The result is for looking at, not a PDF a reader could open.
 * A file with the same objects and trailer always expands to the same bytes, whether or not it used object streams.
 */
export function expandPdf(pdf: Uint8Array, options: ExpandOptions = {}): Buffer {
  const { header, objects, trailer } = readObjects(pdf);
  const parts: Buffer[] = [Buffer.from(`${header}\n`, 'latin1')];
  for (const n of [...objects.keys()].sort((a, b) => a - b)) {
    const o = objects.get(n)!;
    if ('value' in o) {
      parts.push(Buffer.from(`${n} 0 obj\n${o.value}\nendobj\n`, 'latin1'));
      continue;
    }
    const data = options.inflateStreams && /\/Filter\s*\/FlateDecode/.test(o.dict) ? decode(o.dict, o.data, false) : o.data;
    parts.push(Buffer.from(`${n} 0 obj\n${o.dict}\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }
  parts.push(Buffer.from(`trailer\n${trailer}\n`, 'latin1'));
  return Buffer.concat(parts);
}
