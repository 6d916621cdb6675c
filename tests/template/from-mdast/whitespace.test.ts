import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapse } from '../../../src/template/from-mdast/whitespace.js';

describe('collapse', () => {
  it('gives what replacing every run of ASCII whitespace by one space gives', () => {
    const char = fc.constantFrom(' ', '\t', '\n', '\r', '\f', '\u00A0', '\u2009', 'a', 'é', '.');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), (chars) => {
        const text = chars.join('');
        expect(collapse(text)).toBe(text.replace(/[ \t\r\n\f]+/g, ' '));
      }),
      { numRuns: 2000 },
    );
  });

  it('collapses soft line breaks and doubled spaces, and keeps no-break spaces', () => {
    expect(collapse('a  b\nc\t \fd\u00A0\u00A0e ')).toBe('a b c d\u00A0\u00A0e ');
    expect(collapse('one two')).toBe('one two');
  });
});
