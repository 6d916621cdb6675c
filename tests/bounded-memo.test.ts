import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../src/bounded-memo.js';

/** A memo of strings that keeps those of at most `maxLength` characters. */
const memoString = (fn: (s: string) => string, entries: number, maxLength: number) =>
  boundedMemo(fn, entries, (s: string) => s.length <= maxLength);

function counted() {
  const calls: string[] = [];
  return { calls, fn: (s: string) => (calls.push(s), s.toUpperCase()) };
}

describe('boundedMemo', () => {
  it('computes each input once and gives back the same result', () => {
    const { calls, fn } = counted();
    const m = memoString(fn, 4, 100);
    expect([m('a'), m('b'), m('a'), m('a')]).toEqual(['A', 'B', 'A', 'A']);
    expect(calls).toEqual(['a', 'b']);
  });

  it('keeps at most `entries` inputs, dropping the least recently used', () => {
    const { calls, fn } = counted();
    const m = memoString(fn, 2, 100);
    m('a');
    m('b');
    m('a'); // a is now the newest
    m('c'); // drops b
    m('a');
    m('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('never keeps inputs it is told not to keep', () => {
    const { calls, fn } = counted();
    const m = memoString(fn, 4, 3);
    m('long');
    m('long');
    expect(calls).toEqual(['long', 'long']);
  });
});
