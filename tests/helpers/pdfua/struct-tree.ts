/**
 * The structure tree: reads the StructTreeRoot into elements with their kids (child elements,
 * MCIDs with their page, OBJR annotation references), resolves RoleMap to standard types and reads
 * the ParentTree number tree.
 */
import type * as mupdf from 'mupdf';
import { nameOf, refOf, stringOf } from './pdf-object.js';
import { STANDARD_STRUCTURE_TYPES } from './rules.js';

/** One kid of a structure element: a child element, a marked-content reference or an object reference. */
export type StructKid =
  | { kind: 'elem'; elem: StructElem }
  | { kind: 'mcid'; page: number | null; mcid: number; inStream: boolean }
  | { kind: 'objr'; annot: number | null };

/** A structure element as read from the tree. */
export interface StructElem {
  /** Object number, or null for a direct object. */
  num: number | null;
  /** The /S type as written. */
  type: string;
  /** The standard type after following RoleMap, or null when it cannot be mapped to one. */
  role: string | null;
  /** /Alt, or `''`. */
  alt: string;
  /** /ActualText, or `''`. */
  actualText: string;
  /** /K, flattened. */
  kids: StructKid[];
}

/** The document's structure tree. */
export interface StructTree {
  /** Elements directly below the StructTreeRoot. */
  roots: StructElem[];
  /** All elements in pre-order. */
  all: StructElem[];
  /** StructTreeRoot /RoleMap entries. */
  roleMap: Map<string, string>;
  /** StructTreeRoot /ParentTree entries by key. */
  parentTree: Map<number, mupdf.PDFObject>;
}

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
export function readStructTree(structRoot: mupdf.PDFObject): StructTree {
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
export const describeElem = (e: StructElem): string => `/${e.type || '(no /S)'}${e.num !== null ? ` (obj ${e.num})` : ''}`;
