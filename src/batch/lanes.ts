/**
 * Which document a build worker takes next. A worker's first document of a script costs far more than the next
 * ones (its fonts, hyphenation patterns and shaping plans are loaded and warmed: a Korean guide about 0.7 s, the
 * worker's very first document about 1 s), so each worker keeps to the scripts it has built ({@link laneKey}): a
 * worker takes the first waiting document of one of its scripts, else of a script no worker has taken yet, else —
 * only when that script still has a backlog — of another worker's script. A batch of 20 outputs in English,
 * Spanish, Vietnamese and Korean with 2 workers opens the Korean fonts once, not twice; a long batch ends with every
 * worker building every script.
 */
import path from 'node:path';

/** Documents of a script another worker has taken are taken too only while at least this many of them wait. */
export const STEAL_BACKLOG = 8;

/**
 * The affinity key of a document: the likely script of its language (`content/guides/<id>/<lang>.md` → `ko` →
 * `Kore`; `en`, `es`, `vi` → `Latn`), else the file name. What a worker warms for a language is mostly its script's
 * fonts (a Korean document opens the 19 MB CJK collection); languages of one script share them, so they share a lane
 * and any worker that has built one builds the others at little cost.
 */
export function laneKey(guide: string): string {
  const lang = path.basename(guide).replace(/\.md$/i, '');
  try {
    return new Intl.Locale(lang).maximize().script ?? lang.toLowerCase();
  } catch {
    return lang.toLowerCase();
  }
}

/** Hands out the indices of `keys` (one key per document) to workers (lanes), each index once. */
export class LaneQueue {
  private readonly taken: boolean[];
  private readonly waiting = new Map<string, number>();
  private readonly owners = new Map<string, Set<number>>();
  private low = 0;

  /** `keys`: one per document; `lanes`: the number of workers (one worker takes the documents in order). */
  constructor(
    private readonly keys: readonly string[],
    private readonly lanes = 2,
  ) {
    this.taken = keys.map(() => false);
    for (const k of keys) this.waiting.set(k, (this.waiting.get(k) ?? 0) + 1);
  }

  /** Whether every document was handed out. */
  get done(): boolean {
    return this.low >= this.keys.length;
  }

  /**
   * The next document for `lane` below `limit` (an index), or undefined when there is none it should take now (all
   * handed out, or only documents of other workers' languages without a backlog: wait for the next result).
   */
  next(lane: number, limit: number): number | undefined {
    const end = Math.min(limit, this.keys.length);
    if (this.lanes <= 1) return this.low < end ? this.take(this.low, lane) : undefined;
    let unowned: number | undefined;
    let steal: number | undefined;
    for (let i = this.low; i < end; i++) {
      if (this.taken[i]) continue;
      const key = this.keys[i]!;
      const owners = this.owners.get(key);
      if (owners?.has(lane)) return this.take(i, lane);
      if (!owners) unowned ??= i;
      else if (steal === undefined && (this.waiting.get(key) ?? 0) >= STEAL_BACKLOG) steal = i;
    }
    const pick = unowned ?? steal;
    return pick === undefined ? undefined : this.take(pick, lane);
  }

  private take(i: number, lane: number): number {
    this.taken[i] = true;
    const key = this.keys[i]!;
    this.waiting.set(key, (this.waiting.get(key) ?? 1) - 1);
    let owners = this.owners.get(key);
    if (!owners) this.owners.set(key, (owners = new Set()));
    owners.add(lane);
    while (this.low < this.keys.length && this.taken[this.low]) this.low++;
    return i;
  }
}
