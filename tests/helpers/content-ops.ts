/**
 * A small PDF content-stream reader for tests: tokenizes a page's operators and follows the state
 * that decides where and how text lands (CTM and `q`/`Q`, text objects and matrices, font and size,
 * fill colour, marked content). Each text-showing operator becomes a {@link TextShow}: what a
 * reader would place (the glyph codes with their adjustments), where (the text rendering matrix
 * at its start), in which font, size and colour, and inside which marked-content sequences. It
 * also records operators that break the nesting rules of text objects (PDF 32000-1 §8.2, §9.4,
 * §14.6): a graphics-state, path or XObject operator inside `BT … ET`, nested `BT`, and a
 * marked-content sequence begun inside a text object that ends outside it (or the reverse).
 * It shares no code with the writer (operators are read by `pdfua/content-stream.ts`).
 */
import { isDict, isName, parseContentStream, type CsValue } from './pdfua/content-stream.js';
import { IDENTITY, multiply, type Matrix } from './pdfua/matrix.js';

export type { Matrix } from './pdfua/matrix.js';

/** One `TJ`/`Tj` operator as a reader places it. */
export interface TextShow {
  /** The marked-content sequences around it, outermost first (`P#3`, `Artifact:Pagination`, `Span=<…>`, `Span@<…>`). */
  readonly marks: readonly string[];
  readonly font: string;
  readonly size: number;
  /** The fill colour space and operands (`DeviceRGB 0.1 0.2 0.3`). */
  readonly fill: string;
  /**
   * The text matrix as last set by `Tm` (or `BT`) times the CTM, font size not applied: where the operator
   * starts when it follows a `Tm` (the advance of glyphs shown before it in the same text object is not followed).
   */
  readonly matrix: Matrix;
  /** The operand as written (glyph codes as hex, and adjustments). */
  readonly shown: string;
}

/** What {@link readContent} found on a page. */
export interface ContentReading {
  readonly shows: readonly TextShow[];
  /** Nesting or text-object rule violations, each described with the operator's index. */
  readonly violations: readonly string[];
  /** How many text objects (`BT`) the page has. */
  readonly textObjects: number;
}

/** An operand as text: names with their slash, strings as hex, arrays and numbers as written. */
function show(v: CsValue | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(show).join(' ')}]`;
  if (isName(v)) return `/${v.name}`;
  if (isDict(v)) return `<<${[...v.entries].map(([k, e]) => `/${k} ${show(e)}`).join(' ')}>>`;
  return `<${Buffer.from(v.bytes).toString('hex')}>`;
}

const numbers = (args: readonly CsValue[]): Matrix => args.map(Number) as unknown as Matrix;

/** Operators that may not appear inside a text object (graphics state stack, CTM, paths, painting, XObjects, images). */
const NOT_IN_TEXT = new Set([
  'q',
  'Q',
  'cm',
  'm',
  'l',
  'c',
  'v',
  'y',
  'h',
  're',
  'S',
  's',
  'f',
  'F',
  'f*',
  'B',
  'B*',
  'b',
  'b*',
  'n',
  'W',
  'W*',
  'Do',
  'BI',
  'sh',
]);

function describeMark(tag: CsValue | undefined, props: CsValue | undefined): string {
  let s = show(tag).slice(1);
  if (!isDict(props)) return s;
  const e = props.entries;
  if (e.has('MCID')) s += `#${show(e.get('MCID'))}`;
  if (e.has('Type')) s += `:${show(e.get('Type')).slice(1)}`;
  if (e.has('ActualText')) s += `=${show(e.get('ActualText'))}`;
  if (e.has('Lang')) s += `@${show(e.get('Lang'))}`;
  return s;
}

/** Follows a page's content and lists its text as a reader places it (see the module comment). */
export function readContent(content: string): ContentReading {
  interface Graphics {
    ctm: Matrix;
    fill: string;
    font: string;
    size: number;
    space: string;
  }
  let g: Graphics = { ctm: IDENTITY, fill: 'DeviceGray 0', font: '', size: 0, space: 'DeviceGray' };
  const stack: Graphics[] = [];
  const marks: { name: string; textObject: number }[] = [];
  const shows: TextShow[] = [];
  const violations: string[] = [];
  let tm: Matrix = IDENTITY;
  let textObject = 0; // the number of the open text object, 0 when none
  let textObjects = 0;
  parseContentStream(Buffer.from(content, 'latin1')).forEach(({ op, operands: args }, index) => {
    const at = `${op} (operator ${index})`;
    if (textObject && NOT_IN_TEXT.has(op)) violations.push(`${at} inside a text object`);
    switch (op) {
      case 'q':
        stack.push({ ...g });
        break;
      case 'Q':
        g = stack.pop() ?? g;
        break;
      case 'cm':
        g.ctm = multiply(numbers(args), g.ctm);
        break;
      case 'BT':
        if (textObject) violations.push(`${at}: nested text object`);
        textObject = ++textObjects;
        tm = IDENTITY;
        break;
      case 'ET':
        if (!textObject) violations.push(`${at} outside a text object`);
        if (marks.some((m) => m.textObject === textObject)) violations.push(`${at}: marked content begun inside is still open`);
        textObject = 0;
        break;
      case 'Tm':
        tm = numbers(args);
        break;
      case 'Tf':
        g.font = show(args[0]);
        g.size = Number(args[1]);
        break;
      case 'cs':
        g.space = show(args[0]).slice(1);
        break;
      case 'sc':
      case 'scn':
        g.fill = `${g.space} ${args.map(show).join(' ')}`;
        break;
      case 'rg':
        g.space = 'DeviceRGB';
        g.fill = `DeviceRGB ${args.map(show).join(' ')}`;
        break;
      case 'g':
        g.space = 'DeviceGray';
        g.fill = `DeviceGray ${args.map(show).join(' ')}`;
        break;
      case 'BDC':
      case 'BMC':
        marks.push({ name: describeMark(args[0], args[1]), textObject });
        break;
      case 'EMC': {
        const m = marks.pop();
        if (!m) violations.push(`${at} with no open marked content`);
        else if (m.textObject !== textObject) violations.push(`${at}: ends ${m.name} across a text object boundary`);
        break;
      }
      case 'TJ':
      case 'Tj':
        if (!textObject) violations.push(`${at} outside a text object`);
        shows.push({
          marks: marks.map((m) => m.name),
          font: g.font,
          size: g.size,
          fill: g.fill,
          matrix: multiply(tm, g.ctm),
          shown: show(args[0]),
        });
        break;
      default:
        break;
    }
  });
  if (textObject) violations.push('a text object is still open at the end');
  return { shows, violations, textObjects };
}
