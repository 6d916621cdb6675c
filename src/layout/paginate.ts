/**
 * Page breaking: a pure function from a vertical list of measured items to
 * pages. Breaks are chosen TeX-style, one page at a time: every legal break
 * (a penalty with finite cost) that fits gets a cost (penalty + underfill),
 * and when the content overflows the page the cheapest break seen is taken
 * (ties go to the latest). Layout is never re-run; no fonts, no PDF.
 *
 * Page indices (`pageHeight(page)`, {@link BreakViolation.page}) are 0-based
 * indices into {@link PaginateResult.pages}.
 */
import { countOf } from '../diagnostics.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { underfillCost } from './paginate/cost.js';
import { groupsOuterFirst, popGroup, pushGroup, type OpenGroup } from './paginate/groups.js';

/** Vertical list items, in document order. */
export type FlowItem =
  /** Unbreakable content (a line of text, an image, a table row, a whole list item...). `ref` is the caller's id. */
  | { readonly kind: 'box'; readonly height: number; readonly ref: number }
  /** Vertical space. Discarded when it falls at the top of a page or right at a break. */
  | { readonly kind: 'glue'; readonly height: number }
  /** A legal break point. cost: 0 = fine, >0 = discouraged, Infinity = never (keep rule), -Infinity = forced break. */
  | { readonly kind: 'penalty'; readonly cost: number; readonly rule?: string }
  /**
   * Opens a group whose header box must be repeated at the top of each continuation page (table header rows).
   * The caller also emits the header itself as a box with `ref === headerRef`, either right before this item or
   * as the group's first box; a page never ends right after that box while the group is open (emergencies
   * break before the header instead).
   */
  | { readonly kind: 'repeat-start'; readonly headerHeight: number; readonly headerRef: number }
  /** Closes the innermost open repeat group. */
  | { readonly kind: 'repeat-end' };

/** A box placed on a page. */
export interface PlacedBox {
  readonly ref: number;
  /** Top of the box, from the top of the page's body area. */
  readonly y: number;
  readonly height: number;
  /** true for a repeated header copy */
  readonly repeated: boolean;
}

/** One page of placed boxes. */
export interface PaginatedPage {
  readonly boxes: readonly PlacedBox[];
  /** used height */
  readonly height: number;
}

/** A break that broke a keep rule (an emergency break). */
export interface BreakViolation {
  /** 0-based index of the page that ends at the break. */
  readonly page: number;
  /** The Infinity penalty's `rule` ('keep' when it had none), or 'no-break-point'. */
  readonly rule: string;
  /** `ref` of the last box before the break. */
  readonly ref: number;
}

/** Output of {@link paginate}. */
export interface PaginateResult {
  /** At least one page (an empty list gives one empty page). */
  readonly pages: readonly PaginatedPage[];
  /** breaks taken at an Infinity penalty or inside a box sequence with no legal break (emergency) */
  readonly violations: readonly BreakViolation[];
  /** boxes taller than a page (placed alone, overflowing) */
  readonly overflows: readonly number[];
}

/** Options of {@link paginate}. */
export interface PaginateOptions {
  /** Body height in points, or a function of the 0-based page index. */
  readonly pageHeight: number | ((page: number) => number);
  /** Stops runaway documents (default `DEFAULT_LIMITS.maxPages`): more pages throw {@link PageLimitError}. */
  readonly maxPages?: number;
}

/** Thrown when a document needs more than `maxPages` pages; the caller turns it into a diagnostic. */
export class PageLimitError extends Error {
  /** The limit that was exceeded. */
  readonly limit: number;
  constructor(limit: number) {
    super(
      `the document needs more than ${countOf(limit, 'page', 'pages')}, the page limit; ` +
        'check for a runaway repetition or split the guide into several documents',
    );
    this.name = 'PageLimitError';
    this.limit = limit;
  }
}

/** Emergency breaks per 100 pages (the page-quality figure); 0 for no pages. */
export function countViolationsPer100Pages(result: PaginateResult): number {
  if (result.pages.length === 0) return 0;
  return (result.violations.length * 100) / result.pages.length;
}

/** Tolerance for floating-point sums of heights. */
const EPSILON = 1e-6;

/** State of a page at a possible break. */
interface Mark {
  /** Item index where the page ends; the next page starts scanning at `index + 1`. */
  readonly index: number;
  /** Number of placed boxes (repeated headers included) kept on the page. */
  readonly placed: number;
  /** Used height. */
  readonly bottom: number;
  /** Open groups after `index`. */
  readonly stack: OpenGroup | null;
  /** `ref` of the last box before the break. */
  readonly ref: number;
}

/** A mark right after a placed box. */
interface BoxMark extends Mark {
  /** The group whose in-flow header this box is, if any. */
  readonly headerOf: OpenGroup | null;
}

/** One page's outcome. */
interface PageFill {
  readonly page: PaginatedPage;
  readonly next: number;
  readonly stack: OpenGroup | null;
  readonly violation: { readonly rule: string; readonly ref: number } | null;
  readonly overflows: readonly number[];
}

/**
 * Breaks `items` into pages. See the module comment and {@link FlowItem} for
 * the semantics. Linear in the number of items (plus the lookback from an
 * overflow to the chosen break, at most one page of items).
 *
 * @throws PageLimitError when more than `maxPages` pages are needed.
 * @throws RangeError when a page height is not a positive finite number.
 */
export function paginate(items: readonly FlowItem[], options: PaginateOptions): PaginateResult {
  const { pageHeight } = options;
  const heightOf = typeof pageHeight === 'function' ? pageHeight : (): number => pageHeight;
  const maxPages = options.maxPages ?? DEFAULT_LIMITS.maxPages;
  const boxCount = countBoxes(items);
  const pages: PaginatedPage[] = [];
  const violations: BreakViolation[] = [];
  const overflows: number[] = [];
  let next = 0;
  let stack: OpenGroup | null = null;
  for (;;) {
    // Glue and penalties at the top of a page are discarded; markers still open/close groups.
    let first = next;
    for (; first < items.length; first++) {
      const item = items[first]!;
      if (item.kind === 'box') break;
      if (item.kind === 'repeat-start') stack = openGroup(items, first, stack);
      else if (item.kind === 'repeat-end') stack = popGroup(stack);
    }
    if (first >= items.length) break;
    if (pages.length >= maxPages) throw new PageLimitError(maxPages);
    const index = pages.length;
    const height = heightOf(index);
    if (!(height > 0) || !Number.isFinite(height)) {
      throw new RangeError(`page height of page ${index + 1} must be a positive number of points, got ${height}`);
    }
    const fill = fillPage(items, first, stack, height, boxCount);
    pages.push(fill.page);
    if (fill.violation) violations.push({ page: index, ...fill.violation });
    overflows.push(...fill.overflows);
    next = fill.next;
    stack = fill.stack;
  }
  if (pages.length === 0) pages.push({ boxes: [], height: 0 });
  return { pages, violations, overflows };
}

/** Pushes the group opened by the `repeat-start` at `index`. */
function openGroup(items: readonly FlowItem[], index: number, stack: OpenGroup | null): OpenGroup {
  const item = items[index] as Extract<FlowItem, { kind: 'repeat-start' }>;
  const before = items[index - 1];
  const headerBefore = before !== undefined && before.kind === 'box' && before.ref === item.headerRef;
  return pushGroup(stack, index, item.headerHeight, item.headerRef, headerBefore);
}

/** `out[i]` = number of boxes in `items[0..i)`. */
function countBoxes(items: readonly FlowItem[]): Uint32Array {
  const out = new Uint32Array(items.length + 1);
  for (let i = 0; i < items.length; i++) out[i + 1] = out[i]! + (items[i]!.kind === 'box' ? 1 : 0);
  return out;
}

/** Fills one page starting at box `first`, and chooses where it ends. */
function fillPage(
  items: readonly FlowItem[],
  first: number,
  startStack: OpenGroup | null,
  pageHeight: number,
  boxCount: Uint32Array,
): PageFill {
  const placed: PlacedBox[] = [];
  const overflowAt: { readonly placed: number; readonly ref: number }[] = [];
  let bottom = 0;
  // Repeat the headers of groups that already have boxes on earlier pages.
  for (const group of groupsOuterFirst(startStack)) {
    if (boxCount[first]! > boxCount[group.from]!) {
      placed.push({ ref: group.headerRef, y: bottom, height: group.headerHeight, repeated: true });
      bottom += group.headerHeight;
    }
  }

  let stack = startStack;
  let glue = 0;
  let bodyBoxes = 0;
  let lastBox: BoxMark | null = null;
  let prevBox: BoxMark | null = null;
  let best: Mark | null = null;
  let bestCost = Infinity;
  let lastKeep: { readonly mark: Mark; readonly rule: string } | null = null;

  const take = (mark: Mark, rule: string | null): PageFill => ({
    page: { boxes: placed.slice(0, mark.placed), height: mark.bottom },
    next: mark.index + 1,
    stack: mark.stack,
    violation: rule === null ? null : { rule, ref: mark.ref },
    overflows: overflowAt.filter((o) => o.placed < mark.placed).map((o) => o.ref),
  });

  for (let j = first; j < items.length; j++) {
    const item = items[j]!;
    switch (item.kind) {
      case 'box': {
        const top = bottom + glue;
        const end = top + item.height;
        if (end > pageHeight + EPSILON && bodyBoxes > 0 && lastBox !== null) {
          // Overflow: cheapest feasible break, else the last keep penalty, else after the last box that fits.
          if (best) return take(best, null);
          if (lastKeep) return take(lastKeep.mark, lastKeep.rule);
          const at = lastBox.headerOf !== null && prevBox !== null ? prevBox : lastBox;
          return take(at, 'no-break-point');
        }
        // The first body box of a page is placed even when it does not fit (oversize).
        const headerOf = stack !== null && item.ref === stack.headerRef && boxCount[j] === boxCount[stack.from] ? stack : null;
        if (end > pageHeight + EPSILON) overflowAt.push({ placed: placed.length, ref: item.ref });
        placed.push({ ref: item.ref, y: top, height: item.height, repeated: false });
        bottom = end;
        glue = 0;
        if (headerOf === null) bodyBoxes++;
        prevBox = lastBox;
        lastBox = { index: j, placed: placed.length, bottom, stack, ref: item.ref, headerOf };
        break;
      }
      case 'glue':
        glue += item.height;
        break;
      case 'penalty': {
        if (lastBox === null) break;
        const mark: Mark = { index: j, placed: placed.length, bottom, stack, ref: lastBox.ref };
        if (item.cost === -Infinity) return take(mark, null);
        const headerAlone = lastBox.headerOf !== null && stack === lastBox.headerOf;
        if (Number.isFinite(item.cost) && !headerAlone) {
          const cost = item.cost + underfillCost(pageHeight - bottom, pageHeight);
          if (cost <= bestCost) {
            best = mark;
            bestCost = cost;
          }
        } else if (!headerAlone) {
          lastKeep = { mark, rule: item.rule ?? 'keep' };
        }
        break;
      }
      case 'repeat-start':
        stack = openGroup(items, j, stack);
        if (lastBox !== null && lastBox.index === j - 1 && lastBox.ref === item.headerRef) {
          // The box just placed is this group's header (emitted before repeat-start).
          const header: BoxMark = lastBox;
          if (header.headerOf === null) bodyBoxes--;
          lastBox = { ...header, headerOf: stack };
        }
        break;
      case 'repeat-end':
        stack = popGroup(stack);
        break;
    }
  }
  // The rest of the document fits: the last page.
  return take({ index: items.length, placed: placed.length, bottom, stack, ref: lastBox?.ref ?? -1 }, null);
}
