/**
 * Total-fit paragraph line breaking (Knuth & Plass, "Breaking Paragraphs into
 * Lines", 1981), over measured segments instead of TeX's box/glue/penalty list:
 * a segment is a box, its trailing space is glue, and the break opportunity
 * after it is a penalty (with a hyphen width when a hyphen is drawn).
 *
 * Justify mode: interword glue stretches by ½ and shrinks by ⅓ of a space,
 * fitness classes with adjacent-class demerits, flagged demerits for
 * consecutive hyphens, last line filled with infinite stretch.
 * Ragged mode: interword spaces are fixed and each line end has stretch of
 * about 3em (like TeX's \raggedright); demerits grow with the squared gap, so line
 * ends are evenly ragged.
 *
 * Passes (the first that finds a solution wins): no hyphenation at a tight
 * tolerance; hyphenation at the tolerance; a looser tolerance; an emergency
 * pass that allows every break, accepts any line that is not overfull and,
 * when nothing fits, sets an over-wide piece on its own overfull line.
 */
import { LineWidths } from './line-widths.js';
import {
  EXPENSIVE_COST,
  KIND_ALLOWED,
  KIND_MANDATORY,
  KIND_NONE,
  SHRINK_PER_SPACE,
  STRETCH_PER_SPACE,
  ParagraphScratch,
  prepareParagraph,
  type PreparedParagraph,
} from './paragraph.js';
import type { BreakMode, BreakOptions, LineBreak, Segment } from './types.js';

export type { BreakMode, BreakOptions, LineBreak, Segment } from './types.js';

/** TeX's \linepenalty: cost of every line, favours fewer lines. */
const LINE_PENALTY = 10;
/** Badness of a line that cannot stretch enough ("infinitely bad"). */
const INF_BAD = 10000;
/** TeX's \adjdemerits: visually incompatible neighbouring lines. */
const ADJ_DEMERITS = 10000;
/** Most hyphenated lines in a row (as typesetters' "hyphen ladder" limit); only the emergency pass may exceed it. */
const MAX_HYPHEN_RUN = 2;
/** TeX's \doublehyphendemerits: two hyphenated lines in a row. */
const DOUBLE_HYPHEN_DEMERITS = 10000;
/** Demerits for a hyphen on the line before the last (a word fragment alone on the last line). Very high: avoid whenever possible. */
const FINAL_HYPHEN_DEMERITS = 1e7;
/** Default TeX-style tolerance of the main pass. */
const DEFAULT_TOLERANCE = 200;
/** Tolerance of the first (no hyphenation) pass, TeX's \pretolerance. */
const PRETOLERANCE = 100;
/** Ragged-right line-end stretch in space widths (≈ 3em: a space is ≈ ¼–⅓ em). */
const RAGGED_STRETCH_SPACES = 10;
/**
 * Extra stretch per line in the emergency pass, in space widths (≈ 3em, TeX's
 * \emergencystretch): it only affects how badness is rated there, so that very loose
 * lines are still told apart instead of all being "infinitely bad".
 */
const EMERGENCY_STRETCH_SPACES = 10;
/** Segment count above which the emergency pass stops tracking fitness classes separately. */
const MERGE_FITNESS_ABOVE = 20_000;
/** Comparison slack for widths (points). */
const EPS = 1e-6;

const VERY_LOOSE = 0;
const LOOSE = 1;
const DECENT = 2;
const TIGHT = 3;

interface Pass {
  /** Largest badness accepted. */
  readonly threshold: number;
  /** Whether breaks that draw a hyphen are considered. */
  readonly hyphens: boolean;
  /** Whether breaks costing ≥ EXPENSIVE_COST are considered. */
  readonly expensive: boolean;
  /** Final pass: accept anything not overfull, force overfull lines when nothing fits. */
  readonly emergency: boolean;
}

/** TeX badness of an adjustment ratio: 100·|r|³, capped at INF_BAD. */
function badness(r: number): number {
  const a = r < 0 ? -r : r;
  if (a === Infinity) return INF_BAD;
  const b = 100 * a * a * a;
  return b > INF_BAD ? INF_BAD : b;
}

function fitnessOf(r: number): number {
  if (r < -0.5) return TIGHT;
  if (r <= 0.5) return DECENT;
  if (r <= 1) return LOOSE;
  return VERY_LOOSE;
}

/**
 * Break nodes (struct of arrays); node 0 is the paragraph start. Only the first `count` entries are the
 * current pass's: the arrays are kept from pass to pass and paragraph to paragraph (see {@link BreakScratch}).
 */
class Nodes {
  count = 0;
  pos: number[] = [];
  line: number[] = [];
  fit: number[] = [];
  total: number[] = [];
  prev: number[] = [];
  /** Hyphenated lines in a row ending at this node (0 when its line does not end with a hyphen). */
  hyph: number[] = [];

  reset(): void {
    this.count = 0;
  }

  add(pos: number, line: number, fit: number, total: number, prev: number, hyph: number): number {
    const i = this.count++;
    this.pos[i] = pos;
    this.line[i] = line;
    this.fit[i] = fit;
    this.total[i] = total;
    this.prev[i] = prev;
    this.hyph[i] = hyph;
    return i;
  }
}

/** Best way found so far to reach the current breakpoint, per (line class, fitness). */
class Candidates {
  count = 0;
  key: number[] = [];
  total: number[] = [];
  prev: number[] = [];
  fit: number[] = [];
  line: number[] = [];
  run: number[] = [];

  reset(): void {
    this.count = 0;
  }

  offer(key: number, total: number, prev: number, fit: number, line: number, run: number): void {
    for (let i = 0; i < this.count; i++) {
      if (this.key[i] === key) {
        // `<=`: on a tie prefer the later start (shorter last line, fuller earlier lines).
        if (total <= (this.total[i] as number)) {
          this.total[i] = total;
          this.prev[i] = prev;
          this.fit[i] = fit;
          this.line[i] = line;
          this.run[i] = run;
        }
        return;
      }
    }
    const i = this.count++;
    this.key[i] = key;
    this.total[i] = total;
    this.prev[i] = prev;
    this.fit[i] = fit;
    this.line[i] = line;
    this.run[i] = run;
  }
}

class Breaker {
  private readonly justify: boolean;
  private readonly raggedStretch: number;
  private readonly emergencyStretch: number;

  constructor(
    private readonly p: PreparedParagraph,
    private readonly widths: LineWidths,
    mode: BreakMode,
    private readonly scratch: BreakScratch,
  ) {
    this.justify = mode === 'justify';
    const fallback = widths.get(0) / 10;
    const s = p.meanSpace > 0 ? RAGGED_STRETCH_SPACES * p.meanSpace : fallback;
    this.raggedStretch = s > EPS ? s : 1;
    const e = p.meanSpace > 0 ? EMERGENCY_STRETCH_SPACES * p.meanSpace : fallback;
    this.emergencyStretch = e > EPS ? e : 1;
  }

  /** Runs one pass; returns the chosen final node and the node store, or null when the pass found no solution. */
  run(pass: Pass): { nodes: Nodes; last: number } | null {
    const p = this.p;
    const { kind, cost, hyphenWidth, space, sumWidth, sumStretch, sumShrink } = p;
    const widths = this.widths;
    const justify = this.justify;
    const raggedStretch = this.raggedStretch;
    const extraStretch = pass.emergency && justify ? this.emergencyStretch : 0;
    const nodes = this.scratch.nodes;
    const cands = this.scratch.cands;
    nodes.reset();
    cands.reset();
    nodes.add(-1, 0, DECENT, 0, -1, 0);
    let active: number[] = [0];
    let next: number[] = [];
    const n = p.count;
    const nPos = nodes.pos;
    const nLine = nodes.line;
    const nFit = nodes.fit;
    const nTotal = nodes.total;
    const nHyph = nodes.hyph;
    const easyLine = widths.easyLine;
    const easyWidth = widths.get(easyLine);
    const threshold = pass.threshold;
    // Huge paragraphs (e.g. a long run of characters split for emergencies): one node per
    // position in the emergency pass instead of one per fitness class keeps it ~3× faster.
    const mergeFitness = pass.emergency && n > MERGE_FITNESS_ABOVE;

    for (let b = 0; b < n; b++) {
      const k = kind[b] as number;
      if (k === KIND_NONE) continue;
      const c = cost[b] as number;
      const hw = hyphenWidth[b] as number;
      if (k === KIND_ALLOWED) {
        if (c >= EXPENSIVE_COST && !pass.expensive) continue;
        if (hw > 0 && !pass.hyphens) continue;
      }
      const forced = k === KIND_MANDATORY;
      const hyph = hw > 0 ? 1 : 0;
      const endWidth = (sumWidth[b + 1] as number) - (space[b] as number) + hw;
      const endStretch = (sumStretch[b + 1] as number) - (space[b] as number) * (justify ? STRETCH_PER_SPACE : 0);
      const endShrink = (sumShrink[b + 1] as number) - (space[b] as number) * (justify ? SHRINK_PER_SPACE : 0);
      const penaltyDemerits = forced ? 0 : c >= 0 ? c * c : -c * c;

      cands.reset();
      next.length = 0;
      let artificial = -1;
      for (let ai = 0; ai < active.length; ai++) {
        const a = active[ai] as number;
        const start = (nPos[a] as number) + 1;
        const lineNo = nLine[a] as number;
        const L = lineNo >= easyLine ? easyWidth : widths.get(lineNo);
        const nat = endWidth - (sumWidth[start] as number);
        let r: number;
        if (justify) {
          if (nat < L - EPS) {
            if (forced) r = 0;
            else {
              const st = endStretch - (sumStretch[start] as number) + extraStretch;
              r = st > EPS ? (L - nat) / st : Infinity;
            }
          } else if (nat > L + EPS) {
            const sh = endShrink - (sumShrink[start] as number);
            r = sh > EPS ? (L - nat) / sh : -Infinity;
          } else r = 0;
        } else if (nat > L + EPS) r = -Infinity;
        else r = forced ? 0 : (L - nat) / raggedStretch;

        if (r < -1 - 1e-9) {
          // Overfull from this node: it can never start a fitting line ending here or later.
          if (
            artificial < 0 ||
            (nPos[a] as number) > (nPos[artificial] as number) ||
            ((nPos[a] as number) === (nPos[artificial] as number) && (nTotal[a] as number) < (nTotal[artificial] as number))
          ) {
            artificial = a;
          }
          continue;
        }
        if (!forced) next.push(a);
        const bad = badness(r);
        if (bad > threshold) continue;
        const prevRun = nHyph[a] as number;
        // no third hyphenated line in a row, unless nothing else works (emergency pass)
        if (hyph === 1 && prevRun >= MAX_HYPHEN_RUN && !pass.emergency) continue;
        const run = hyph === 1 ? Math.min(prevRun + 1, MAX_HYPHEN_RUN) : 0;

        let d: number;
        let fit: number;
        if (justify) {
          const lb = LINE_PENALTY + bad;
          d = lb * lb;
          fit = fitnessOf(r);
          const df = fit - (nFit[a] as number);
          if (df > 1 || df < -1) d += ADJ_DEMERITS;
        } else {
          const g = 100 * r;
          d = LINE_PENALTY * LINE_PENALTY + g * g;
          fit = DECENT;
        }
        d += penaltyDemerits;
        if (prevRun > 0) {
          if (hyph === 1) d += DOUBLE_HYPHEN_DEMERITS;
          if (forced) d += FINAL_HYPHEN_DEMERITS;
        }
        const newLine = lineNo + 1;
        // paths that differ in line class, fitness or hyphen run do not compete: each may win later
        cands.offer(
          ((newLine < easyLine ? newLine : easyLine) * 4 + (mergeFitness ? 0 : fit)) * (MAX_HYPHEN_RUN + 1) + run,
          (nTotal[a] as number) + d,
          a,
          fit,
          newLine,
          run,
        );
      }

      if (cands.count === 0 && next.length === 0 && pass.emergency && artificial >= 0) {
        // Nothing fits: set the over-wide material on its own (overfull) line.
        const lb = LINE_PENALTY + INF_BAD;
        const newLine = (nodes.line[artificial] as number) + 1;
        cands.offer(0, (nodes.total[artificial] as number) + lb * lb + penaltyDemerits, artificial, DECENT, newLine, 0);
      }

      if (cands.count > 0) {
        let min = Infinity;
        for (let i = 0; i < cands.count; i++) min = Math.min(min, cands.total[i] as number);
        const limit = min + ADJ_DEMERITS;
        for (let i = 0; i < cands.count; i++) {
          const t = cands.total[i] as number;
          if (t <= limit)
            next.push(nodes.add(b, cands.line[i] as number, cands.fit[i] as number, t, cands.prev[i] as number, cands.run[i] as number));
        }
      }
      const swap = active;
      active = next;
      next = swap;
      if (active.length === 0) return null;
    }

    let best = -1;
    for (const a of active) {
      if (best < 0 || (nodes.total[a] as number) < (nodes.total[best] as number)) best = a;
    }
    return best < 0 ? null : { nodes, last: best };
  }

  /** Turns the chain of nodes ending at `last` into lines. */
  lines(nodes: Nodes, last: number): LineBreak[] {
    const chain: number[] = [];
    for (let a = last; a > 0; a = nodes.prev[a] as number) chain.push(a);
    chain.reverse();
    const out: LineBreak[] = [];
    let start = 0;
    for (let i = 0; i < chain.length; i++) {
      const b = nodes.pos[chain[i] as number] as number;
      out.push(this.describe(start, b, i));
      start = b + 1;
    }
    return out;
  }

  private describe(start: number, b: number, lineNo: number): LineBreak {
    const p = this.p;
    const L = this.widths.get(lineNo);
    const sp = p.space[b] as number;
    const hw = p.hyphenWidth[b] as number;
    const nat = (p.sumWidth[b + 1] as number) - (p.sumWidth[start] as number) - sp + hw;
    const forced = p.kind[b] === KIND_MANDATORY;
    let adjustment = 0;
    let overfull: boolean;
    if (this.justify) {
      const inner = (p.sumSpace[b + 1] as number) - (p.sumSpace[start] as number) - sp;
      const sh = inner * SHRINK_PER_SPACE;
      if (inner > EPS) {
        if (nat > L + EPS) adjustment = Math.max(L - nat, -sh);
        else if (!forced) adjustment = L - nat;
      }
      overfull = nat - sh > L + EPS;
    } else {
      overfull = nat > L + EPS;
    }
    return { start, end: b + 1, naturalWidth: nat, hyphenated: hw > 0, adjustment, overfull };
  }
}

function passesFor(p: PreparedParagraph, tolerance: number): Pass[] {
  const all: Pass[] = [
    { threshold: Math.min(PRETOLERANCE, tolerance), hyphens: false, expensive: false, emergency: false },
    { threshold: tolerance, hyphens: true, expensive: false, emergency: false },
    { threshold: Math.max(5 * tolerance, 1000), hyphens: true, expensive: false, emergency: false },
    { threshold: Infinity, hyphens: true, expensive: true, emergency: true },
  ];
  // Drop passes that could not find anything the previous one did not.
  const seen = new Set<string>();
  return all.filter((pass) => {
    const sig = `${pass.threshold}|${pass.hyphens && p.hasHyphenBreaks}|${pass.expensive && p.hasExpensiveBreaks}|${pass.emergency}`;
    if (seen.has(sig)) return false;
    seen.add(sig);
    return true;
  });
}

/**
 * Chooses line breaks for a paragraph of measured segments, minimising total
 * demerits over the whole paragraph (Knuth–Plass). Never throws on content:
 * when nothing fits, over-wide material is put on its own line marked
 * `overfull`. A segment with `breakAfter: 'none'` never ends a line (except the
 * last segment, which always ends the paragraph); 'mandatory' always does.
 *
 * @param segments the paragraph, in logical order
 * @param options mode, available width per line and tolerance
 * @returns the lines in order; [] for no segments
 */
export function breakLines(segments: readonly Segment[], options: BreakOptions): LineBreak[] {
  if (segments.length === 0) return [];
  // the scratch arrays are free again once the lines are described (the line-width callback could break another
  // paragraph); a huge paragraph gets arrays of its own, so the scratch stays small
  const own = scratchFree && segments.length <= MAX_SCRATCH_SEGMENTS;
  scratchFree = false;
  try {
    return breakPrepared(prepareParagraph(segments, options.mode, own ? scratch : undefined), options, own);
  } finally {
    if (own) scratchFree = true;
  }
}

/** The break nodes and candidates of a pass, kept for the next (their arrays only grow). */
interface BreakScratch {
  readonly nodes: Nodes;
  readonly cands: Candidates;
}

/** Largest paragraph (segments) prepared in the reused scratch arrays (about 270 KB of them). */
const MAX_SCRATCH_SEGMENTS = 4096;
/** Most break nodes the kept arrays may hold after a pass (else they are dropped, not kept at that size). */
const MAX_SCRATCH_NODES = 1 << 16;
const scratch = new ParagraphScratch();
let breakScratch: BreakScratch = { nodes: new Nodes(), cands: new Candidates() };
let scratchFree = true;

function breakPrepared(p: PreparedParagraph, options: BreakOptions, own: boolean): LineBreak[] {
  const widths = new LineWidths(options.lineWidth);
  const rawTol = options.tolerance;
  const tolerance = rawTol !== undefined && Number.isFinite(rawTol) && rawTol >= 0 ? rawTol : DEFAULT_TOLERANCE;
  const kept = own ? breakScratch : { nodes: new Nodes(), cands: new Candidates() };
  try {
    return breakWith(p, widths, tolerance, options.mode, kept);
  } finally {
    if (own && kept.nodes.pos.length > MAX_SCRATCH_NODES) breakScratch = { nodes: new Nodes(), cands: new Candidates() };
  }
}

function breakWith(p: PreparedParagraph, widths: LineWidths, tolerance: number, mode: BreakMode, kept: BreakScratch): LineBreak[] {
  const breaker = new Breaker(p, widths, mode, kept);
  for (const pass of passesFor(p, tolerance)) {
    const found = breaker.run(pass);
    if (found) return breaker.lines(found.nodes, found.last);
  }
  // Unreachable: the emergency pass always finds a solution.
  throw new Error('breakLines: emergency pass found no solution');
}
export { layoutQuality, type LayoutQuality } from './quality.js';
