/**
 * Page-quality checks on positioned page items (a PagedDocument), written
 * independently of the paginator: they look only at where text landed and at
 * the structure tree, never at penalties.
 */
import path from 'node:path';
import { Diagnostics } from '../../../src/diagnostics.js';
import { defaultSettings } from '../../../src/settings.js';
import { parse } from '../../../src/parse/parse.js';
import { resolve } from '../../../src/resolve/resolve.js';
import { applyTemplate } from '../../../src/template/apply-template.js';
import { layout } from '../../../src/layout/layout.js';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { loadClinic } from '../../../src/brand/load-clinic.js';
import { contentRootOf, sampleClinicPath } from '../../../src/build.js';
import { nodeWorld } from '../../../src/world.js';
import type { LayoutTree, PageTemplate } from '../../../src/types/layout-tree.js';
import type { PagedDocument, StructNode } from '../../../src/types/paged.js';
import { readFileSync } from 'node:fs';

/** A broken typesetting rule on a page (0-based). */
export interface QualityViolation {
  readonly page: number;
  readonly rule: 'heading-last' | 'heading-alone' | 'orphan' | 'widow' | 'split' | 'outside-margin' | 'paginator';
  readonly detail: string;
}

/** Runs parse → resolve → template → layout on a guide file with the sample clinic. */
export async function layoutGuide(
  file: string,
  source?: string,
): Promise<{ paged?: PagedDocument; tree?: LayoutTree; diags: Diagnostics }> {
  const diags = new Diagnostics();
  const settings = defaultSettings();
  const brand = await loadClinic(sampleClinicPath(), diags, nodeWorld);
  if (!brand) return { diags };
  const parsed = parse(file, source ?? readFileSync(file, 'utf8'), diags);
  if (!parsed) return { diags };
  const resolved = await resolve(
    { doc: parsed, brand, world: nodeWorld, roots: [path.dirname(path.resolve(file)), contentRootOf(path.resolve(file))] },
    settings,
    diags,
  );
  if (!resolved) return { diags };
  const tree = applyTemplate({ doc: resolved, world: nodeWorld }, settings, diags);
  if (!tree) return { diags };
  const paged = layout({ tree, fonts: sharedFontBook() }, settings, diags);
  return paged ? { paged, tree, diags } : { tree, diags };
}

const HEADING = /^H[1-6]$/;

/** The nearest ancestor (or self) with one of `roles`. */
function ancestor(nodes: readonly StructNode[], id: number, roles: ReadonlySet<string> | RegExp): StructNode | undefined {
  for (let n: StructNode | undefined = nodes[id]; n; n = n.parent === null ? undefined : nodes[n.parent]) {
    if (roles instanceof RegExp ? roles.test(n.role) : roles.has(n.role)) return n;
  }
  return undefined;
}

interface Line {
  readonly page: number;
  readonly y: number;
  /** Block the line belongs to: paragraph (P), heading, or another unit. */
  readonly block: StructNode | undefined;
  /** Lines it is worth after a heading (an image counts as two). */
  readonly weight: number;
}

const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TOCI', 'Caption', 'TD', 'TH']);
const UNSPLITTABLE = new Set(['TR', 'Figure', 'TOCI']);

/**
 * Checks every page: no heading is the last line of a page (nor followed by
 * fewer than two lines on its page), no paragraph leaves one line alone on
 * either side of a break, rows/figures/TOC entries are never split, and no
 * text leaves the margins. Paginator-reported emergency breaks count too.
 */
export function checkPages(doc: PagedDocument, page: PageTemplate): QualityViolation[] {
  const out: QualityViolation[] = [];
  const nodes = doc.structure;
  const lines: Line[] = [];
  const seenOn = new Map<number, Set<number>>();
  const left = page.margin.left - 0.5;
  const right = page.width - page.margin.right + 0.5;
  doc.pages.forEach((p, pageIndex) => {
    const keys = new Set<string>();
    for (const item of p.items) {
      if (item.kind === 'text' && item.text.trim() !== '') {
        if (item.x < left || item.x + item.width > right) {
          out.push({
            page: pageIndex,
            rule: 'outside-margin',
            detail: `"${item.text}" spans ${item.x.toFixed(1)}–${(item.x + item.width).toFixed(1)}`,
          });
        }
      }
      if (item.owner === null || item.kind === 'link') continue;
      const unit = ancestor(nodes, item.owner, UNSPLITTABLE);
      if (unit) {
        const pages = seenOn.get(unit.id) ?? new Set<number>();
        pages.add(pageIndex);
        seenOn.set(unit.id, pages);
      }
      if (item.kind === 'image') {
        lines.push({ page: pageIndex, y: item.y, block: ancestor(nodes, item.owner, new Set(['Figure'])), weight: 2 });
        continue;
      }
      if (item.kind !== 'text') continue;
      const block = ancestor(nodes, item.owner, BLOCKS);
      const key = `${block?.id ?? -1}@${Math.round(item.y * 10)}`;
      if (keys.has(key)) continue;
      keys.add(key);
      lines.push({ page: pageIndex, y: item.y, block, weight: 1 });
    }
  });
  lines.sort((a, b) => a.page - b.page || a.y - b.y);
  for (const [id, pages] of seenOn) {
    if (pages.size > 1)
      out.push({
        page: Math.min(...pages),
        rule: 'split',
        detail: `${nodes[id]!.role} #${id} is on pages ${[...pages].map((n) => n + 1).join(', ')}`,
      });
  }
  const lastPage = doc.pages.length - 1;
  for (let pageIndex = 0; pageIndex < lastPage; pageIndex++) {
    const onPage = lines.filter((l) => l.page === pageIndex);
    const last = onPage[onPage.length - 1];
    if (last?.block && HEADING.test(last.block.role))
      out.push({ page: pageIndex, rule: 'heading-last', detail: `${last.block.role} #${last.block.id}` });
  }
  // A heading needs two lines of something else after it on its page (unless the document ends).
  lines.forEach((l, i) => {
    if (!l.block || !HEADING.test(l.block.role)) return;
    if (lines[i + 1]?.block === l.block) return; // not the heading's last line
    let after = 0;
    let continues = false;
    for (let j = i + 1; j < lines.length && after < 2; j++) {
      continues = true;
      if (lines[j]!.page !== l.page) break;
      if (!lines[j]!.block || !HEADING.test(lines[j]!.block!.role)) after += lines[j]!.weight;
    }
    if (continues && after < 2 && l.page < lastPage)
      out.push({ page: l.page, rule: 'heading-alone', detail: `${l.block.role} #${l.block.id} has ${after} line(s) after it` });
  });
  // Orphans and widows: a paragraph split over pages keeps two lines on each side.
  const byParagraph = new Map<number, Map<number, number>>();
  for (const l of lines) {
    if (l.block?.role !== 'P') continue;
    const perPage = byParagraph.get(l.block.id) ?? new Map<number, number>();
    perPage.set(l.page, (perPage.get(l.page) ?? 0) + 1);
    byParagraph.set(l.block.id, perPage);
  }
  for (const [id, perPage] of byParagraph) {
    if (perPage.size < 2) continue;
    const pages = [...perPage.keys()].sort((a, b) => a - b);
    if (perPage.get(pages[0]!)! < 2) out.push({ page: pages[0]!, rule: 'orphan', detail: `P #${id}` });
    if (perPage.get(pages[pages.length - 1]!)! < 2) out.push({ page: pages[pages.length - 1]!, rule: 'widow', detail: `P #${id}` });
  }
  for (const v of doc.breakViolations) out.push({ page: v.page, rule: 'paginator', detail: v.rule });
  return out;
}
