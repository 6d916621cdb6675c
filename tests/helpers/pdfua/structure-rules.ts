/**
 * Structure-level PDF/UA-1 rule checks, one function per rule: MCIDs against the structure tree
 * and ParentTree, structure types and RoleMap, figure alt text, heading order and link annotations.
 * The tree-based checks report nothing when there is no structure tree ({@link PDFUA_RULES.tagged}
 * already reports that).
 */
import type { LoadedDoc } from './document.js';
import { dig, nameOf, refOf } from './pdf-object.js';
import { PDFUA_RULES, STANDARD_STRUCTURE_TYPES, type AddViolation } from './rules.js';
import { describeElem, type StructElem } from './struct-tree.js';

/** {@link PDFUA_RULES.mcidTree}: page MCIDs and the MCIDs referenced by the tree / ParentTree agree both ways. */
export function checkMcidTree(d: LoadedDoc, add: AddViolation): void {
  const { tree } = d;
  if (!tree) return;
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
        add(
          PDFUA_RULES.mcidTree,
          `structure element ${describeElem(elem)} references MCID ${kid.mcid} but neither it nor an ancestor has /Pg; add /Pg or use an /MCR with /Pg`,
        );
        continue;
      }
      const key = `${kid.page}:${kid.mcid}`;
      const other = refs.get(key);
      if (other)
        add(
          PDFUA_RULES.mcidTree,
          `${pageLabel(kid.page)} MCID ${kid.mcid} is referenced by two structure elements, ${describeElem(other)} and ${describeElem(elem)}`,
        );
      else refs.set(key, elem);
      const idx = d.pageIndexByNum.get(kid.page);
      const page = idx === undefined ? undefined : d.pages[idx];
      if (!page)
        add(
          PDFUA_RULES.mcidTree,
          `structure element ${describeElem(elem)} references MCID ${kid.mcid} on obj ${kid.page}, which is not a page of this document`,
        );
      else if (!page.analysis.mcids.has(kid.mcid)) {
        add(
          PDFUA_RULES.mcidTree,
          `structure element ${describeElem(elem)} references MCID ${kid.mcid} on ${pageLabel(kid.page)}, but that page's content has no marked-content sequence with MCID ${kid.mcid}`,
        );
      }
    }
  }
  // Page side: every MCID used is in the tree and in the ParentTree.
  d.pages.forEach(({ obj, num, analysis }, i) => {
    const p = i + 1;
    for (const dup of analysis.duplicateMcids)
      add(PDFUA_RULES.mcidTree, `page ${p}: MCID ${dup} is used by more than one marked-content sequence; MCIDs must be unique per page`);
    if (analysis.mcids.size === 0) return;
    const sp = obj.get('StructParents');
    const parentArray = sp.isNumber() ? tree.parentTree.get(sp.asNumber()) : undefined;
    if (!sp.isNumber()) add(PDFUA_RULES.mcidTree, `page ${p} has marked content with MCIDs but no /StructParents key into the ParentTree`);
    else if (!parentArray || !parentArray.isArray())
      add(PDFUA_RULES.mcidTree, `page ${p}: /StructParents ${sp.asNumber()} has no array entry in the StructTreeRoot /ParentTree`);
    for (const mcid of analysis.mcids.keys()) {
      const elem = num === null ? undefined : refs.get(`${num}:${mcid}`);
      if (!elem)
        add(
          PDFUA_RULES.mcidTree,
          `page ${p}: MCID ${mcid} is not referenced from the structure tree (no element has it in /K); attach the content to a structure element or mark it as /Artifact`,
        );
      if (parentArray && parentArray.isArray()) {
        const entry = parentArray.get(mcid);
        if (!entry.isDictionary())
          add(
            PDFUA_RULES.mcidTree,
            `page ${p}: ParentTree entry for MCID ${mcid} is ${entry.isNull() ? 'missing or null' : entry.toString()}; it must be the structure element that owns the content`,
          );
        else if (elem && elem.num !== null && refOf(entry) !== elem.num) {
          add(
            PDFUA_RULES.mcidTree,
            `page ${p}: ParentTree maps MCID ${mcid} to obj ${refOf(entry) ?? '?'}, but the element referencing it is ${describeElem(elem)}`,
          );
        }
      }
    }
  });
}

/** {@link PDFUA_RULES.structTypes}: types are standard or role-mapped to one; standard types are not remapped. */
export function checkStructTypes(d: LoadedDoc, add: AddViolation): void {
  const { tree } = d;
  if (!tree) return;
  for (const [from, to] of tree.roleMap) {
    if (STANDARD_STRUCTURE_TYPES.has(from))
      add(PDFUA_RULES.structTypes, `RoleMap remaps the standard structure type /${from} to /${to}; standard types must not be remapped`);
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
}

/** {@link PDFUA_RULES.figureAlt}: every `/Figure` has `/Alt` or `/ActualText`. */
export function checkFigureAlt(d: LoadedDoc, add: AddViolation): void {
  const { tree } = d;
  if (!tree) return;
  for (const e of tree.all) {
    if (e.role === 'Figure' && e.alt.trim() === '' && e.actualText.trim() === '') {
      add(
        PDFUA_RULES.figureAlt,
        `figure ${describeElem(e)} has no /Alt text; describe the image (PDFKit: doc.struct('Figure', { alt: '…' })) or mark a decorative image as /Artifact`,
      );
    }
  }
}

/** {@link PDFUA_RULES.headingOrder}: headings start at H1 and never skip a level going deeper. */
export function checkHeadingOrder(d: LoadedDoc, add: AddViolation): void {
  const { tree } = d;
  if (!tree) return;
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

/** {@link PDFUA_RULES.annotations}: `/Tabs /S` on pages with annotations; links tagged via `/OBJR` in a `/Link`, with `/Contents`. */
export function checkAnnotations(d: LoadedDoc, add: AddViolation): void {
  const { tree } = d;
  const owners = new Map<number, StructElem>();
  for (const e of tree?.all ?? []) for (const kid of e.kids) if (kid.kind === 'objr' && kid.annot !== null) owners.set(kid.annot, e);
  d.pages.forEach(({ obj }, i) => {
    const p = i + 1;
    const annots = obj.get('Annots');
    if (!annots.isArray() || annots.length === 0) return;
    const tabs = nameOf(obj.get('Tabs'));
    if (tabs !== 'S')
      add(
        PDFUA_RULES.annotations,
        `page ${p} has ${annots.length} annotation(s) but /Tabs is ${tabs === null ? 'missing' : `/${tabs}`}; it must be /S (structure order)`,
      );
    annots.forEach((ref) => {
      if (nameOf(ref.get('Subtype')) !== 'Link') return;
      const num = refOf(ref);
      const uri = dig(ref, 'A', 'URI');
      const what = `Link annotation ${num !== null ? `obj ${num} ` : ''}on page ${p}${uri.isString() ? ` (${uri.asString()})` : ''}`;
      const owner = num === null ? undefined : owners.get(num);
      if (!owner)
        add(
          PDFUA_RULES.annotations,
          `${what} is not referenced by any structure element via /OBJR; add it to a /Link element (PDFKit: annotation option structParent)`,
        );
      else if (owner.role !== 'Link')
        add(PDFUA_RULES.annotations, `${what} is referenced from ${describeElem(owner)}; it must be inside a /Link structure element`);
      else if (!ref.get('StructParent').isNumber()) add(PDFUA_RULES.annotations, `${what} has no /StructParent key into the ParentTree`);
      const contents = ref.get('Contents');
      if (!contents.isString() || contents.asString().trim() === '') {
        add(
          PDFUA_RULES.annotations,
          `${what} has no /Contents; give it a text alternative describing the link target (as a string, not a name)`,
        );
      }
    });
  });
}
