/**
 * {@link structureText}: the document's text read in structure-tree order, for asserting reading
 * order and content in tests.
 */
import { openPdf } from '../pdf-read.js';
import { load } from './document.js';
import type { StructElem } from './struct-tree.js';

const INLINE_TYPES = new Set([
  'Span',
  'Quote',
  'Reference',
  'BibEntry',
  'Code',
  'Link',
  'Annot',
  'Ruby',
  'RB',
  'RT',
  'RP',
  'Warichu',
  'WT',
  'WP',
  'Formula',
  'Lbl',
  'LBody',
  'Em',
  'Strong',
]);

/**
 * The text of the structure tree read in order: the text shown inside each MCID, decoded through
 * the fonts' ToUnicode CMaps, in the order the tree references it. Block-level elements (P, H1…,
 * LI, TD, Figure, …) each start a new line; inline ones (Span, Link, Lbl, LBody, Code, …) run on,
 * with a space after a list label. An element's /ActualText replaces its content. Whitespace runs
 * are collapsed to one space and blank lines dropped. Content inside form XObjects (MCR with /Stm)
 * is not read.
 */
export function structureText(pdf: Uint8Array): string {
  const doc = openPdf(pdf);
  try {
    const d = load(doc);
    if (!d.tree) return '';
    const lines: string[] = [];
    let cur = '';
    const flush = (): void => {
      const line = cur.replace(/\s+/gu, ' ').trim();
      if (line !== '') lines.push(line);
      cur = '';
    };
    const text = (s: string): void => {
      cur += s;
    };
    const visit = (e: StructElem): void => {
      const role = e.role ?? e.type;
      const block = !INLINE_TYPES.has(role);
      if (block) flush();
      if (e.actualText !== '') text(e.actualText);
      else {
        for (const kid of e.kids) {
          if (kid.kind === 'elem') visit(kid.elem);
          else if (kid.kind === 'mcid' && kid.page !== null && !kid.inStream) {
            const idx = d.pageIndexByNum.get(kid.page);
            const entry = idx === undefined ? undefined : d.pages[idx]?.analysis.mcids.get(kid.mcid);
            if (entry) text(entry.text);
          }
        }
      }
      if (role === 'Lbl') cur += ' ';
      if (block) flush();
    };
    for (const r of d.tree.roots) visit(r);
    flush();
    return lines.join('\n');
  } finally {
    doc.destroy();
  }
}
