/**
 * Loading a document for checking: analyses each page's content and reads the structure tree once,
 * for both the rule checks and {@link structureText}.
 */
import type * as mupdf from 'mupdf';
import { analysePage, type PageAnalysis } from './page-content.js';
import { refOf } from './pdf-object.js';
import { readStructTree, type StructTree } from './struct-tree.js';

/** A document with every page analysed and its structure tree read. */
export interface LoadedDoc {
  /** The open document. */
  doc: mupdf.PDFDocument;
  /** The catalog. */
  root: mupdf.PDFObject;
  /** Pages in order, with object number and content analysis. */
  pages: { obj: mupdf.PDFObject; num: number | null; analysis: PageAnalysis }[];
  /** 0-based page index by page object number. */
  pageIndexByNum: Map<number, number>;
  /** The structure tree, or null without a StructTreeRoot. */
  tree: StructTree | null;
}

/** Analyses every page and reads the structure tree of an open document. */
export function load(doc: mupdf.PDFDocument): LoadedDoc {
  const root = doc.getTrailer().get('Root');
  const pages: LoadedDoc['pages'] = [];
  const pageIndexByNum = new Map<number, number>();
  const count = doc.countPages();
  for (let i = 0; i < count; i++) {
    const obj = doc.findPage(i);
    const num = refOf(obj);
    if (num !== null) pageIndexByNum.set(num, i);
    pages.push({ obj, num, analysis: analysePage(obj) });
  }
  const structRoot = root.get('StructTreeRoot');
  return { doc, root, pages, pageIndexByNum, tree: structRoot.isDictionary() ? readStructTree(structRoot) : null };
}
