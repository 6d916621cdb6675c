/** Which document a build worker takes next (`src/batch/lanes.ts`): each worker keeps to its languages. */
import { describe, expect, it } from 'vitest';
import { LaneQueue, laneKey, STEAL_BACKLOG } from '../../src/batch/lanes.js';

/** Runs `lanes` workers in turn (each takes one document per turn) with a window of `window`; the documents each took. */
function simulate(keys: readonly string[], lanes: number, window = 8): number[][] {
  const q = new LaneQueue(keys, lanes);
  const took: number[][] = Array.from({ length: lanes }, () => []);
  let emitted = 0;
  const done = new Set<number>();
  for (let turn = 0; !q.done && turn < 10_000; turn++) {
    const lane = turn % lanes;
    const i = q.next(lane, emitted + window);
    if (i !== undefined) {
      took[lane]!.push(i);
      done.add(i);
    }
    while (done.has(emitted)) emitted++;
  }
  return took;
}

const LANGS = ['en', 'es', 'ko', 'vi'];
const library = (clinics: number): string[] => Array.from({ length: clinics }, () => LANGS).flat();

describe('laneKey', () => {
  it('is the likely script of the guide file’s language: languages that share fonts share a lane', () => {
    expect(laneKey('content/guides/intro/ko.md')).toBe('Kore');
    expect(laneKey('/a/b/pt-BR.md')).toBe('Latn');
    expect(laneKey('g/en.md')).toBe(laneKey('g/vi.md'));
    expect(laneKey('g/ar.md')).toBe('Arab');
    expect(laneKey('g/zh-Hant.md')).not.toBe(laneKey('g/zh-Hans.md'));
    expect(laneKey('g/x_y.md')).toBe('x_y'); // not a language tag: the file name
  });
});

describe('LaneQueue', () => {
  it('hands out every document once', () => {
    for (const lanes of [1, 2, 3]) {
      const took = simulate(library(25), lanes).flat();
      expect(took.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    }
  });

  it('with one worker, in order', () => {
    expect(simulate(library(5), 1)[0]).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('with two workers and 20 outputs in 4 languages, warms each language in one worker only', () => {
    const keys = library(5);
    const took = simulate(keys, 2);
    const langsOf = (lane: number[]): Set<string> => new Set(lane.map((i) => keys[i]!));
    const [a, b] = [langsOf(took[0]!), langsOf(took[1]!)];
    expect(a.size + b.size).toBe(4);
    expect([...a].filter((l) => b.has(l))).toEqual([]);
    expect(took[0]!.length).toBe(10);
  });

  it('shares a language with a backlog (one language, two workers)', () => {
    const took = simulate(
      Array.from({ length: 20 }, () => 'en'),
      2,
    );
    expect(took[0]!.length).toBeGreaterThan(5);
    expect(took[1]!.length).toBeGreaterThan(5);
  });

  it('takes nothing past the limit, and another worker’s language only with a backlog', () => {
    const q = new LaneQueue(['en', 'en', 'es'], 2);
    expect(q.next(0, 1)).toBe(0);
    expect(q.next(1, 1)).toBeUndefined(); // past the limit
    expect(q.next(1, 3)).toBe(2); // es: no worker has it yet
    expect(q.next(1, 3)).toBeUndefined(); // en is worker 0's, one waiting (< STEAL_BACKLOG)
    expect(q.next(0, 3)).toBe(1);
    expect(q.done).toBe(true);
    const many = new LaneQueue(
      Array.from({ length: STEAL_BACKLOG + 1 }, () => 'en'),
      2,
    );
    expect(many.next(0, 100)).toBe(0);
    expect(many.next(1, 100)).toBe(1); // a backlog: shared
  });
});
