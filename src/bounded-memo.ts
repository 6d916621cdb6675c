/**
 * A bounded memo of a pure function, for work a process repeats document after document: the typography
 * passes over the same guide text, the QR modules of the same address, the page-number format of a language.
 */

/**
 * `fn` remembered for up to `entries` keys (least recently used dropped first); a key for which `keep` is
 * false (e.g. a text too long to hold) is computed every time and never kept.
 */
export function boundedMemo<K, V>(fn: (key: K) => V, entries: number, keep: (key: K) => boolean = () => true): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    if (!keep(key)) return fn(key);
    let out: V;
    if (kept.has(key)) {
      out = kept.get(key)!;
      kept.delete(key); // most recently used last
    } else {
      out = fn(key);
      if (kept.size >= entries) kept.delete(kept.keys().next().value!);
    }
    kept.set(key, out);
    return out;
  };
}
