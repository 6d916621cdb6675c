/**
 * Object streams and a cross-reference stream (ISO 32000-1 §7.5.7–7.5.8) written over PDFKit's
 * finished file. PDFKit 0.20 writes every object uncompressed and a classic xref table; this
 * rewrites that file in one pass, relying on the exact way PDFKit writes (`PDFReference.finalize`
 * and `PDFDocument._finalize`):
 *
 * - the header (`%PDF-1.7\n%\xFF\xFF\xFF\xFF\n`), then each object as `N 0 obj\n<value>\nendobj\n`, a
 *   stream as `N 0 obj\n<dict>\nstream\n<Length bytes>\nendstream\nendobj\n`;
 * - then `xref\n0 S\n`, one 20-byte entry per object, `trailer\n<<\n/Size S\n/Root r 0 R\n/Info i 0 R\n/ID [<…> <…>]\n>>\n`,
 *   `startxref\n<offset>\n%%EOF\n`.
 *
 * Streams stay where they are, byte for byte (their dictionaries and data unchanged); every other
 * object (all generation 0; PDFKit never encrypts here) moves, with its value text unchanged, into
 * FlateDecode `/Type /ObjStm` streams, and the trailer's entries move to the `/Type /XRef` stream.
 * Object numbers do not change. Anything else in the input is an error, so a PDFKit that writes
 * differently fails loudly (guarded by `tests/render/pdf-adapter/object-streams.test.ts`).
 */
import { deflateSync } from 'node:zlib';

/** At most this many objects per object stream. */
export const OBJECTS_PER_STREAM = 200;

/**
 * zlib settings of every stream this step writes (fixed, so the output is deterministic): zlib's default level, as
 * PDFKit's own streams. Level 9 made the seed handout's object streams about 110 bytes smaller for about 1 ms more
 * CPU per document.
 */
const DEFLATE = { level: 6 } as const;

const HEADER = '%PDF-1.7\n%\xFF\xFF\xFF\xFF\n';
const OBJ_END = '\nendobj\n';
const STREAM_END = '\nendstream\nendobj\n';
const TAIL = new RegExp(
  String.raw`xref\n0 (\d+)\n0000000000 65535 f \n((?:\d{10} 00000 n \n)*)` +
    String.raw`trailer\n<<\n/Size (\d+)\n/Root (\d+) 0 R\n/Info (\d+) 0 R\n/ID (\[<[0-9a-f]+> <[0-9a-f]+>\])\n>>\n` +
    String.raw`startxref\n(\d+)\n%%EOF\n$`,
);

/** One object of PDFKit's file. */
interface SourceObject {
  readonly num: number;
  readonly start: number;
  readonly end: number;
  /** Whether it is a stream (copied verbatim) rather than a value (moved into an object stream). */
  readonly stream: boolean;
}

function fail(what: string): never {
  throw new Error(`handoutkit: PDFKit's file layout changed (${what}); the object-stream writer needs updating`);
}

/** The objects of PDFKit's file, in file order, and its trailer entries. */
function readPdfKitFile(pdf: Buffer): { objects: SourceObject[]; root: number; info: number; id: string; headerEnd: number } {
  if (pdf.toString('latin1', 0, HEADER.length) !== HEADER) fail('header');
  const tailStart = pdf.lastIndexOf('\nxref\n') + 1;
  if (tailStart <= 0) fail('no xref table');
  const tail = TAIL.exec(pdf.toString('latin1', tailStart));
  if (!tail) fail('xref table or trailer');
  const [, count, entries, size, root, info, id, startxref] = tail;
  const offsets = entries!.match(/\d{10}/g)?.map(Number) ?? [];
  if (Number(count) !== offsets.length + 1 || Number(size) !== offsets.length + 1 || Number(startxref) !== tailStart) fail('xref size');
  const order = offsets.map((offset, i) => ({ num: i + 1, offset })).sort((a, b) => a.offset - b.offset);
  const objects: SourceObject[] = [];
  let expected = HEADER.length;
  for (let k = 0; k < order.length; k++) {
    const { num, offset } = order[k]!;
    const end = k + 1 < order.length ? order[k + 1]!.offset : tailStart;
    const head = `${num} 0 obj\n`;
    if (offset !== expected || pdf.toString('latin1', offset, offset + head.length) !== head) fail(`object ${num} offset`);
    const stream = pdf.toString('latin1', end - STREAM_END.length, end) === STREAM_END;
    if (stream) checkStream(pdf, num, offset + head.length, end);
    else if (pdf.toString('latin1', end - OBJ_END.length, end) !== OBJ_END) fail(`object ${num} end`);
    objects.push({ num, start: offset, end, stream });
    expected = end;
  }
  return { objects, root: Number(root), info: Number(info), id: id!, headerEnd: HEADER.length };
}

/** Checks a stream object's data length against its dictionary's `/Length`. */
function checkStream(pdf: Buffer, num: number, dictStart: number, end: number): void {
  const dataStart = pdf.indexOf('\nstream\n', dictStart, 'latin1') + '\nstream\n'.length;
  const length = /\n\/Length (\d+)\n/.exec(pdf.toString('latin1', dictStart, dataStart));
  if (!length || dataStart + Number(length[1]) !== end - STREAM_END.length) fail(`stream ${num} length`);
}

/** An indirect object `num` holding `dict` (its entries, without `<<`/`>>`) and compressed `data`. */
function streamObject(num: number, dict: string, data: Buffer): Buffer {
  const z = deflateSync(data, DEFLATE);
  return Buffer.concat([
    Buffer.from(`${num} 0 obj\n<<${dict}/Filter/FlateDecode/Length ${z.length}>>\nstream\n`, 'latin1'),
    z,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}

/** Object stream `num` holding `members` (their value text unchanged). */
function objectStream(pdf: Buffer, num: number, members: readonly SourceObject[]): Buffer {
  const pairs: string[] = [];
  const bodies: Buffer[] = [];
  let at = 0;
  for (const o of members) {
    const body = pdf.subarray(o.start + `${o.num} 0 obj\n`.length, o.end - OBJ_END.length + 1); // the value and one '\n'
    pairs.push(`${o.num} ${at}`);
    bodies.push(body);
    at += body.length;
  }
  const head = Buffer.from(`${pairs.join(' ')}\n`, 'latin1');
  return streamObject(num, `/Type/ObjStm/N ${members.length}/First ${head.length}`, Buffer.concat([head, ...bodies]));
}

/** Bytes needed for `n` (at least 1). */
function widthOf(n: number): number {
  let w = 1;
  while (n >= 256 ** w) w++;
  return w;
}

/**
 * Rewrites PDFKit's finished file with its non-stream objects in compressed object streams and a
 * compressed cross-reference stream (with the PNG Up predictor) instead of the xref table and trailer.
 * The same input always gives the same bytes.
 * @throws Error when the input is not laid out the way PDFKit 0.20 writes (see the module comment).
 */
export function packObjectStreams(pdf: Buffer): Buffer {
  const { objects, root, info, id, headerEnd } = readPdfKitFile(pdf);
  const size = objects.length + 1;
  const parts: Buffer[] = [pdf.subarray(0, headerEnd)];
  let offset = headerEnd;
  /** Per object number: [type, field 2, field 3]. */
  const entries: [number, number, number][] = [[0, 0, 0]];
  const push = (b: Buffer): number => {
    const at = offset;
    parts.push(b);
    offset += b.length;
    return at;
  };
  for (const o of objects) if (o.stream) entries[o.num] = [1, push(pdf.subarray(o.start, o.end)), 0];
  const values = objects.filter((o) => !o.stream).sort((a, b) => a.num - b.num);
  let next = size;
  for (let i = 0; i < values.length; i += OBJECTS_PER_STREAM) {
    const members = values.slice(i, i + OBJECTS_PER_STREAM);
    const num = next++;
    members.forEach((o, k) => (entries[o.num] = [2, num, k]));
    entries[num] = [1, push(objectStream(pdf, num, members)), 0];
  }
  const xrefNum = next;
  entries[xrefNum] = [1, offset, 0];
  if (entries.length !== xrefNum + 1 || entries.some((e) => e === undefined)) fail('object numbers');
  const w = [1, widthOf(offset), widthOf(Math.min(OBJECTS_PER_STREAM, values.length))];
  const row = w[0]! + w[1]! + w[2]!;
  // PNG Up predictor (/Predictor 12): each row is a filter-type byte 2 and the byte differences to the row above
  const table = Buffer.alloc((row + 1) * entries.length);
  const raw = Buffer.alloc(row * entries.length);
  entries.forEach((e, n) => {
    let at = n * row;
    for (let f = 0; f < 3; f++) for (let b = w[f]! - 1; b >= 0; b--) raw[at++] = Math.floor(e[f]! / 256 ** b) % 256;
  });
  for (let n = 0; n < entries.length; n++) {
    table[n * (row + 1)] = 2;
    for (let c = 0; c < row; c++) table[n * (row + 1) + 1 + c] = (raw[n * row + c]! - (n > 0 ? raw[(n - 1) * row + c]! : 0)) & 0xff;
  }
  const dict =
    `/Type/XRef/Size ${xrefNum + 1}/W[${w.join(' ')}]/Root ${root} 0 R/Info ${info} 0 R/ID ${id}` +
    `/DecodeParms<</Columns ${row}/Predictor 12>>`;
  const xrefAt = push(streamObject(xrefNum, dict, table));
  parts.push(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
