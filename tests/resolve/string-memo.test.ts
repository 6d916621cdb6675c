import { describe, expect, it } from 'vitest';
import { memoString } from '../../src/resolve/string-memo.js';

function counted() {
  const calls: string[] = [];
  return { calls, fn: (s: string) => (calls.push(s), s.toUpperCase()) };
}

describe('memoString', () => {
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

  it('never keeps inputs longer than maxLength', () => {
    const { calls, fn } = counted();
    const m = memoString(fn, 4, 3);
    m('long');
    m('long');
    expect(calls).toEqual(['long', 'long']);
  });
});
