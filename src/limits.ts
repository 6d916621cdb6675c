/**
 * Resource limits of a build, in one place, with safe defaults. A document
 * that goes past a limit stops with a positioned diagnostic; nothing crashes
 * or runs forever.
 */

/** Configurable resource limits. */
export interface Limits {
  /** Largest guide file, in bytes (default 20 MB). */
  readonly maxFileBytes: number;
  /** Most pages one handout may have (default 500). */
  readonly maxPages: number;
  /** Largest decoded image, width × height in pixels (default 40 megapixels). */
  readonly maxImagePixels: number;
  /** Deepest nesting of lists, block quotes and callouts (default 12). */
  readonly maxNestingDepth: number;
  /** Wall-clock time one document may take in a batch, in milliseconds (default 120 s). */
  readonly timeBudgetMs: number;
}

/**
 * The defaults — the only place they are written: generous for real guides, small enough to
 * stop runaway input. Every stage reads them from the build's `Settings.limits`.
 */
export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxFileBytes: 20 * 1024 * 1024,
  maxPages: 500,
  maxImagePixels: 40_000_000,
  maxNestingDepth: 12,
  timeBudgetMs: 120_000,
});

/** Names of the limits, for messages. */
export const LIMIT_NAMES: readonly (keyof Limits)[] = Object.freeze(Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]);

/**
 * Fills unset limits with the defaults.
 * @throws RangeError when a given limit is not a positive whole number (a caller bug, not a content problem).
 */
export function resolveLimits(given: Partial<Limits> = {}): Limits {
  const out: Record<keyof Limits, number> = { ...DEFAULT_LIMITS };
  for (const name of LIMIT_NAMES) {
    const v = given[name];
    if (v === undefined) continue;
    if (!Number.isSafeInteger(v) || v <= 0) throw new RangeError(`limit \`${name}\` must be a positive whole number; got ${String(v)}`);
    out[name] = v;
  }
  return Object.freeze(out);
}
