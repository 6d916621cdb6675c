/**
 * Maps characters of an mdast text value back to the Markdown source, so a
 * diagnostic about a substring lands on its exact line:column and escaped
 * characters (`\{`) can be told apart from plain ones.
 */
import type { Node } from 'mdast';
import type { SourcePlace } from '../diagnostics.js';
import type { LineIndex } from '../parse/line-index.js';

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const CHARACTER_REFERENCE = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** Where each value character came from in the raw source slice. */
export interface ValueMap {
  /** Raw offset (relative to the slice) of each value character. */
  readonly offsets: readonly number[];
  /** Whether each value character was written as a backslash escape. */
  readonly escaped: readonly boolean[];
}

/**
 * Aligns a text value with the raw source it was parsed from. Skips what
 * CommonMark removes (escape backslashes, container prefixes, indentation)
 * and treats a character reference as one character.
 */
export function alignValue(value: string, raw: string): ValueMap {
  const offsets: number[] = [];
  const escaped: boolean[] = [];
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const from = j;
    let found = -1;
    let wasEscaped = false;
    while (j < raw.length) {
      const r = raw[j]!;
      if (r === '\\' && j + 1 < raw.length && ASCII_PUNCTUATION.test(raw[j + 1]!) && raw[j + 1] === c) {
        found = j;
        wasEscaped = true;
        j += 2;
        break;
      }
      if (r === c) {
        found = j;
        j += 1;
        break;
      }
      if (r === '&') {
        const ref = CHARACTER_REFERENCE.exec(raw.slice(j, j + 40));
        if (ref) {
          found = j;
          j += ref[0].length;
          break;
        }
      }
      j++;
    }
    if (found < 0) {
      // Not found (should not happen): keep the last position and do not advance.
      j = from;
      found = Math.min(from, Math.max(0, raw.length - 1));
    }
    offsets.push(found);
    escaped.push(wasEscaped);
  }
  return { offsets, escaped };
}

/** Resolves positions of characters inside one node's text value. */
export class NodeText {
  private map: ValueMap | undefined;

  /**
   * @param value the node's value (or the string being searched)
   * @param node the node that holds it (for its position)
   * @param file path for diagnostics
   * @param source the whole Markdown source, when known
   * @param index line index of `source`
   */
  constructor(
    private readonly value: string,
    private readonly node: Node,
    private readonly file: string,
    private readonly source: string | undefined,
    private readonly index: LineIndex | undefined,
  ) {}

  private valueMap(): ValueMap | undefined {
    const pos = this.node.position;
    if (!this.source || pos?.start.offset === undefined || pos.end.offset === undefined) return undefined;
    this.map ??= alignValue(this.value, this.source.slice(pos.start.offset, pos.end.offset));
    return this.map;
  }

  /** Source place of value character `i`. */
  placeAt(i: number): SourcePlace {
    const pos = this.node.position;
    const map = this.valueMap();
    if (map && this.index && pos?.start.offset !== undefined) {
      const off = map.offsets[i] ?? map.offsets[map.offsets.length - 1] ?? 0;
      return { file: this.file, ...this.index.at(pos.start.offset + off) };
    }
    return { file: this.file, line: pos?.start.line ?? 1, column: (pos?.start.column ?? 1) + i };
  }

  /** Whether value character `i` was written as a backslash escape. */
  isEscaped(i: number): boolean {
    return this.valueMap()?.escaped[i] ?? false;
  }
}

/** Source place of the first occurrence of `needle` inside a node's raw text (or the node start). */
export function placeOfNeedle(
  node: Node,
  needle: string,
  file: string,
  source: string | undefined,
  index: LineIndex | undefined,
): SourcePlace {
  const pos = node.position;
  const start = { file, line: pos?.start.line ?? 1, column: pos?.start.column ?? 1 };
  if (!source || !index || pos?.start.offset === undefined || pos.end.offset === undefined) return start;
  const at = source.slice(pos.start.offset, pos.end.offset).indexOf(needle);
  return at < 0 ? start : { file, ...index.at(pos.start.offset + at) };
}

/** Start place of a node. */
export function placeOfNode(node: Node, file: string): SourcePlace {
  return { file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}
