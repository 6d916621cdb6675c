/**
 * A bounded memo of a pure string → string function, for the typography passes: a batch runs them over
 * the same text for every variant of a guide, and they give the same result for the same text.
 */

/** `fn` remembered for up to `entries` inputs (least recently used dropped first); inputs longer than `maxLength` are never kept. */
export function memoString(fn: (s: string) => string, entries: number, maxLength: number): (s: string) => string {
  const kept = new Map<string, string>();
  return (s) => {
    if (s.length > maxLength) return fn(s);
    let out = kept.get(s);
    if (out === undefined) {
      out = fn(s);
      if (kept.size >= entries) kept.delete(kept.keys().next().value!);
    } else {
      kept.delete(s); // most recently used last
    }
    kept.set(s, out);
    return out;
  };
}
