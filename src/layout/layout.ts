/**
 * The layout stage: measured, shaped, broken lines and pages. A pure
 * function of the layout tree and the font book.
 */
import { countOf, fileStart, type Diagnostics, type SourcePlace } from '../diagnostics.js';
import type { LayoutTree } from '../types/layout-tree.js';
import type { AnchorTarget, OutlineEntry, Page, PageItem, PagedDocument } from '../types/paged.js';
import type { FontBook } from './fonts/font-book.js';
import { Measurer } from './fonts/measure.js';
import { FlowBuilder, shiftItem, type Fragment } from './flow.js';
import { layoutBlocks } from './blocks/index.js';
import type { BlockContext } from './blocks/context.js';
import { StructureBuilder } from './structure.js';
import { paginate, PageLimitError } from './paginate.js';
import { fillFields, hasPageFields, keptRegionFragment, placeRegion, regionFragment } from './chrome.js';
import { PRINT_SAFE } from '../print-safe.js';
import type { Settings } from '../settings.js';
import { boundedMemo } from '../bounded-memo.js';

/** Input of the layout stage: the tree and the fonts it is measured with. */
export interface LayoutInput {
  readonly tree: LayoutTree;
  readonly fonts: FontBook;
}

/** Gap between the body area and the header/footer regions (points). */
const CHROME_GAP = 14;
/** Room left below the footer's last line box for descenders that reach past it (points). */
const DESCENT_ALLOWANCE = 3;

const measurers = new WeakMap<FontBook, Measurer>();

function measurerFor(fonts: FontBook): Measurer {
  let m = measurers.get(fonts);
  if (!m) {
    m = new Measurer(fonts);
    measurers.set(fonts, m);
  }
  return m;
}

/** Formats page numbers for a language: its default numbering system, no grouping (made once per language and process). */
export const pageNumberFormat = boundedMemo((lang: string): Intl.NumberFormat => {
  try {
    return new Intl.NumberFormat(lang, { useGrouping: false, maximumFractionDigits: 0 });
  } catch {
    return new Intl.NumberFormat('en', { useGrouping: false });
  }
}, 256);

/** Lays out a document into pages (at most `settings.limits.maxPages`). Returns undefined when an error was recorded. */
export function layout(input: LayoutInput, settings: Pick<Settings, 'limits'>, diags: Diagnostics): PagedDocument | undefined {
  const { tree } = input;
  const { maxPages } = settings.limits;
  const { page } = tree;
  const structure = new StructureBuilder();
  const bodyTop = page.margin.top;
  const bodyHeight = page.height - page.margin.top - page.margin.bottom;
  const width = page.width - page.margin.left - page.margin.right;
  const ctx: BlockContext = {
    measurer: measurerFor(input.fonts),
    diags: diags,
    structure,
    bodyHeight,
    tagged: true,
    direction: tree.info.direction,
  };

  const flow = new FlowBuilder();
  layoutBlocks(tree.body, flow, { x: page.margin.left, width, parent: 0 }, ctx);
  if (diags.hasErrors) return undefined;

  let paged;
  try {
    paged = paginate(flow.items, { pageHeight: bodyHeight, maxPages });
  } catch (e) {
    if (e instanceof PageLimitError) {
      // point at the guide (the first block that came from Markdown), not at the template's title block
      const fromGuide = tree.body.find((b) => 'place' in b && !b.place.file.endsWith('.hbs'));
      const first = fromGuide ?? tree.body[0];
      const place = first && 'place' in first ? first.place : fileStart(tree.info.title);
      diags.error(
        place,
        `document needs more than ${countOf(maxPages, 'page', 'pages')}; split the guide or raise the page limit (--max-pages)`,
        'page-limit',
      );
      return undefined;
    }
    throw e;
  }

  // First pass: where every anchor and outline entry landed (a table of contents points forward).
  const anchors = new Map<string, AnchorTarget>();
  const outline: OutlineEntry[] = [];
  paged.pages.forEach((p, index) => {
    for (const placed of p.boxes) {
      if (placed.repeated) continue;
      const y = bodyTop + placed.y;
      for (const m of flow.fragments[placed.ref]!.marks) {
        if (!anchors.has(m.anchor)) anchors.set(m.anchor, { page: index, y: y + m.dy });
        if (m.outline) outline.push({ title: m.outline.title, level: m.outline.level, page: index, y: y + m.dy, anchor: m.anchor });
      }
    }
  });

  // Second pass: page items, with chrome and page-number fields filled in.
  // page numbers in the document's numbering system (Persian, Bengali, Devanagari … digits where CLDR says so)
  const digits = pageNumberFormat(tree.info.lang);
  const total = digits.format(paged.pages.length);
  // a header without page numbers is the same on every page: laid out once (unless that recorded a problem, which
  // each page then records again, as before)
  const sameHeader = !hasPageFields(page.header);
  let header: Fragment | undefined;
  const pages: Page[] = paged.pages.map((p, index) => {
    const items: PageItem[] = [];
    const headerTop = Math.max(PRINT_SAFE, page.margin.top - page.headerHeight - CHROME_GAP);
    let pageHeader = header;
    if (!pageHeader) {
      const before = diags.list.length;
      pageHeader = keptRegionFragment(page.header, { page: digits.format(index + 1), pages: total }, page.margin.left, width, ctx);
      if (sameHeader && diags.list.length === before) header = pageHeader;
    }
    items.push(...placeRegion(pageHeader, headerTop).items);
    for (const placed of p.boxes) {
      const f = flow.fragments[placed.ref]!;
      const y = bodyTop + placed.y;
      for (const item of f.items) {
        const moved = shiftItem(item, 0, y);
        items.push(placed.repeated ? { ...moved, owner: null } : moved);
      }
      for (const field of f.fields ?? []) {
        const target = anchors.get(field.anchor);
        if (!target) continue;
        const text = digits.format(target.page + 1);
        const book = ctx.measurer.book;
        const font = book.font(field.font).hasGlyphForCodePoint(text.codePointAt(0)!)
          ? field.font
          : (book.fontFor('regular', text.codePointAt(0)!, tree.info.lang) ?? field.font);
        const w = ctx.measurer.width(font, field.size, text);
        items.push({
          kind: 'text',
          x: field.right - w,
          y: y + field.y,
          width: w,
          text,
          font,
          size: field.size,
          color: field.color,
          wordSpacing: 0,
          direction: 'ltr',
          underline: false,
          strike: false,
          owner: placed.repeated ? null : field.owner,
        });
      }
    }
    const numbers = { page: digits.format(index + 1), pages: total };
    const natural = page.height - page.margin.bottom + CHROME_GAP;
    const before = diags.list.length;
    const footer = keptRegionFragment(page.footer, numbers, page.margin.left, width, ctx);
    const probe = placeRegion(footer, natural);
    // a footer that would run into the unprintable strip moves up, as far as the body's bottom edge
    const lowest = page.height - PRINT_SAFE - DESCENT_ALLOWANCE - probe.height;
    const footerTop = Math.max(Math.min(natural, lowest), page.height - page.margin.bottom + 2);
    // the region at another y is the same layout moved (laid out again only to record its problems again, as before)
    const moved =
      diags.list.length === before
        ? footer
        : regionFragment(fillFields(page.footer, numbers.page, numbers.pages), page.margin.left, width, ctx);
    items.push(...(footerTop === natural ? probe.items : placeRegion(moved, footerTop).items));
    if (index === 0 && footerTop + probe.height > page.height - PRINT_SAFE - DESCENT_ALLOWANCE) {
      const first = page.footer.find((b) => 'place' in b) as { place: SourcePlace } | undefined;
      const need = Math.ceil(probe.height + PRINT_SAFE + DESCENT_ALLOWANCE + 2);
      diags.error(
        first?.place ?? fileStart(tree.info.title),
        `the footer is ${probe.height.toFixed(0)} pt tall and would print within ${PRINT_SAFE} pt of the page's bottom edge, ` +
          `where many printers cannot print; make it shorter or set margin-bottom on <page> to at least ${need}`,
        'print-safe',
      );
    }
    return { width: page.width, height: page.height, items };
  });
  if (diags.hasErrors) return undefined;
  const breakViolations = paged.violations.map((v) => ({ page: v.page, rule: v.rule }));
  return { info: tree.info, pages, anchors, outline, structure: structure.build(), breakViolations };
}
