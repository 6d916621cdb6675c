/**
 * Safe conversion of a parsed YAML document to plain data, keeping the way
 * back from a data path to the YAML node (and so to a line and column).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { SourcePlace } from '../diagnostics.js';

/** Keys that could reach an object's prototype; refused anywhere in a file. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Core-schema tags a file may spell out explicitly. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Most nodes produced when expanding aliases (guards against "billion laughs"). */
export const MAX_YAML_NODES = 10_000;

/** A structural problem found while converting. */
export interface TreeProblem {
  readonly kind: 'forbidden-key' | 'complex-key' | 'custom-tag' | 'too-many-nodes';
  readonly node: Node | undefined;
  readonly detail: string;
}

/** Result of {@link yamlToPlain}. */
export interface PlainResult {
  readonly value: unknown;
  readonly problems: readonly TreeProblem[];
}

/** The string form of a scalar map key, or undefined for a complex key. */
export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) {
    const v = key.value;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    return v === null ? '' : undefined;
  }
  return undefined;
}

/**
 * Converts the document body to plain objects, arrays and scalars. Forbidden
 * keys and complex keys are left out (and reported); aliases are expanded up
 * to {@link MAX_YAML_NODES} nodes.
 */
export function yamlToPlain(doc: Document.Parsed): PlainResult {
  const problems: TreeProblem[] = [];
  let budget = MAX_YAML_NODES;
  const convert = (node: unknown): unknown => {
    if (--budget < 0) {
      if (budget === -1) problems.push({ kind: 'too-many-nodes', node: undefined, detail: `more than ${MAX_YAML_NODES} values` });
      return undefined;
    }
    if (isAlias(node)) return convert(node.resolve(doc));
    if (isScalar(node) || isMap(node) || isSeq(node)) {
      if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
        problems.push({ kind: 'custom-tag', node, detail: node.tag.replace(/^tag:yaml\.org,2002:/, '!!') });
        // Keep what the author wrote, so the tag is the only problem reported for this value.
        if (isScalar(node)) return typeof node.source === 'string' ? node.source : String(node.value);
      }
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map(convert);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (key === undefined) {
          problems.push({ kind: 'complex-key', node: pair.key as Node, detail: 'complex key' });
          continue;
        }
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push({ kind: 'forbidden-key', node: pair.key as Node, detail: key });
          continue;
        }
        Object.defineProperty(out, key, { value: convert(pair.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return null;
  };
  const value = doc.contents === null ? null : convert(doc.contents);
  return { value, problems };
}

/** What {@link lookup} found at a data path. */
export interface Lookup {
  /** The value node, when the key is present. */
  readonly node: Node | undefined;
  /** The key/value pair holding it, when the key is present. */
  readonly pair: Pair | undefined;
  /** The deepest mapping (or document body) reached along the path. */
  readonly container: Node | undefined;
}

/** Follows a data path through the YAML tree (resolving aliases). */
export function lookup(doc: Document.Parsed, path: readonly PropertyKey[]): Lookup {
  let current: unknown = doc.contents;
  let pair: Pair | undefined;
  let container: Node | undefined = doc.contents ?? undefined;
  for (const segment of path) {
    if (isAlias(current)) current = current.resolve(doc);
    if (!isMap(current)) return { node: undefined, pair: undefined, container };
    container = current;
    const found = current.items.find((p) => isPair(p) && keyText(p.key) === String(segment));
    if (!found) return { node: undefined, pair: undefined, container };
    pair = found;
    current = found.value;
  }
  if (isAlias(current)) current = current.resolve(doc);
  return { node: (current ?? undefined) as Node | undefined, pair, container };
}

/** Line and column of the start of `node` (or 1:1 when it has no range). */
export function placeOf(file: string, lc: LineCounter, node: { range?: readonly number[] | null } | undefined | null): SourcePlace {
  const start = node?.range?.[0];
  if (start === undefined) return { file, line: 1, column: 1 };
  const { line, col } = lc.linePos(start);
  return { file, line, column: col };
}
