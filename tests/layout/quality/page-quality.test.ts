/** The independent page-quality checker must catch what it claims to catch. */
import { describe, expect, it } from 'vitest';
import type { PageTemplate } from '../../../src/types/layout-tree.js';
import type { Page, PagedDocument, StructNode, TextItem } from '../../../src/types/paged.js';
import { checkPages } from './page-quality.js';

const TEMPLATE: PageTemplate = {
  width: 612,
  height: 792,
  margin: { top: 90, right: 60, bottom: 80, left: 60 },
  header: [],
  headerHeight: 0,
  footer: [],
  footerHeight: 0,
};

function text(owner: number, y: number, x = 60, width = 300): TextItem {
  return {
    kind: 'text',
    x,
    y,
    width,
    text: 'words',
    font: 'f',
    size: 10,
    color: '#000000',
    wordSpacing: 0,
    direction: 'ltr',
    underline: false,
    strike: false,
    owner,
  };
}

/** Nodes: 0 Document, 1 H2, 2 P, 3 P. */
const STRUCTURE: StructNode[] = [
  { id: 0, role: 'Document', parent: null, children: [1, 2, 3] },
  { id: 1, role: 'H2', parent: 0, children: [] },
  { id: 2, role: 'P', parent: 0, children: [] },
  { id: 3, role: 'P', parent: 0, children: [] },
];

function doc(pages: TextItem[][]): PagedDocument {
  return {
    info: { title: 'T', lang: 'en', author: 'A', subject: 'S', created: new Date(0), direction: 'ltr' },
    pages: pages.map((items): Page => ({ width: 612, height: 792, items })),
    anchors: new Map(),
    outline: [],
    structure: STRUCTURE,
    breakViolations: [],
  };
}

describe('checkPages', () => {
  it('accepts a clean break', () => {
    const d = doc([
      [text(2, 100), text(2, 115), text(1, 140), text(3, 160), text(3, 175)],
      [text(3, 100), text(3, 115)],
    ]);
    expect(checkPages(d, TEMPLATE)).toEqual([]);
  });

  it('flags a heading that ends a page', () => {
    const d = doc([
      [text(2, 100), text(2, 115), text(1, 140)],
      [text(3, 100), text(3, 115)],
    ]);
    expect(checkPages(d, TEMPLATE).map((v) => v.rule)).toContain('heading-last');
  });

  it('flags a heading followed by only one line on its page', () => {
    const d = doc([
      [text(1, 100), text(3, 120)],
      [text(3, 100), text(3, 115)],
    ]);
    const rules = checkPages(d, TEMPLATE).map((v) => v.rule);
    expect(rules).toContain('heading-alone');
    expect(rules).toContain('orphan');
  });

  it('flags a widow and text outside the margins', () => {
    const d = doc([[text(3, 100), text(3, 115), text(3, 130)], [text(3, 100, 60, 520)]]);
    const rules = checkPages(d, TEMPLATE).map((v) => v.rule);
    expect(rules).toContain('widow');
    expect(rules).toContain('outside-margin');
  });
});
