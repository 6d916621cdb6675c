/**
 * Page content analysis: walks one page's content streams tracking marked-content nesting, the
 * graphics/text matrices and fonts, to find untagged painting, the MCIDs used and the text shown
 * inside each MCID.
 */
import type * as mupdf from 'mupdf';
import { fontDecoder, type FontTextDecoder } from './cmap.js';
import { decodeTextString, isDict, isName, isStr, parseContentStream, type CsValue } from './content-stream.js';
import { dig } from './pdf-object.js';
import { IDENTITY, multiply as mul, type Matrix } from './matrix.js';

/** Whether an operator's operands are the six numbers of a matrix. */
const isMatrix = (operands: readonly CsValue[]): operands is Matrix =>
  operands.length === 6 && operands.every((o) => typeof o === 'number');

const TEXT_OPS = new Set(['Tj', 'TJ', "'", '"']);
const PATH_PAINT_OPS = new Set(['f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's', 'sh']);
const IMAGE_OPS = new Set(['Do', 'BI']);

interface MarkedContext {
  tag: string;
  mcid: number | undefined;
  artifact: boolean;
  suppress: boolean;
}

/** The text shown inside one MCID sequence. */
export interface McidText {
  /** The decoded text, with a space inserted between lines. */
  text: string;
  /** The baseline y of the last text appended, to detect line changes. */
  lastY: number | undefined;
}

/** What {@link analysePage} found on one page. */
export interface PageAnalysis {
  /** MCIDs in content order, with the text shown inside each. */
  mcids: Map<number, McidText>;
  /** MCIDs used by more than one marked-content sequence. */
  duplicateMcids: Set<number>;
  /** Counts of painting operators outside any /Artifact or MCID sequence. */
  untagged: { text: number; paths: number; images: number };
  /** Marked-content nesting problems, as messages. */
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
export function analysePage(page: mupdf.PDFObject): PageAnalysis {
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
    if (
      y !== undefined &&
      entry.lastY !== undefined &&
      Math.abs(entry.lastY - y) > 0.5 &&
      entry.text !== '' &&
      !/\s$/u.test(entry.text) &&
      !/^\s/u.test(text)
    ) {
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
        if (isMatrix(operands)) ctm = mul(operands, ctm);
        break;
      case 'BT':
        tlm = IDENTITY;
        break;
      case 'Tm':
        if (isMatrix(operands)) tlm = operands;
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
          if (insideArtifact)
            result.problems.push(
              `marked-content sequence /${tag} with MCID ${props.mcid} is nested inside an /Artifact; real content cannot be part of an artifact`,
            );
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
  if (stack.length > 0)
    result.problems.push(
      `${stack.length} marked-content sequence(s) not closed by EMC at the end of the page (innermost /${(stack[stack.length - 1] as MarkedContext).tag})`,
    );
  return result;
}
