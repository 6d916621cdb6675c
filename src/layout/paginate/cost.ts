/**
 * Break costs for the paginator: a ragged-bottom underfill cost added to the
 * caller's penalty at every feasible page break.
 */

/**
 * Weight of the underfill cost: a page left half empty costs
 * `UNDERFILL_WEIGHT / 4` (= 100), so a cost-50 break near the bottom is
 * preferred to a free break that would leave the page half empty, while
 * pushing a heading and two lines (a few percent of the page) costs almost
 * nothing.
 */
export const UNDERFILL_WEIGHT = 400;

/**
 * Cost of ending a page with `unused` points of the body left blank:
 * `UNDERFILL_WEIGHT · (unused / pageHeight)²`, 0 when the page is full or
 * overfull.
 */
export function underfillCost(unused: number, pageHeight: number): number {
  if (unused <= 0 || pageHeight <= 0) return 0;
  const ratio = unused / pageHeight;
  return UNDERFILL_WEIGHT * ratio * ratio;
}
