/** `educateQuotes` must give exactly what retext-smartypants' quote pass gives through retext. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import { describe, expect, it } from 'vitest';
import { educateQuotes, type QuoteState } from '../../src/resolve/smart-quotes.js';

const state: QuoteState = { open: ['\uE000', '\uE002'], close: ['\uE001', '\uE003'] };
const reference = retext()
  .use(retextSmartypants, {
    openingQuotes: { double: state.open[0], single: state.open[1] },
    closingQuotes: { double: state.close[0], single: state.close[1] },
    dashes: false,
    ellipses: false,
    backticks: false,
  })
  .freeze();
const theirs = (text: string): string => reference.processSync(text).toString();

describe('educateQuotes', () => {
  it.each([
    'He said, "\'Quoted\' words in a larger quote."',
    "It's the '80s, rock'n'roll, the kids' toys and 'single' quotes.",
    '"Start" of "a" sentence. "End."\n\n"Next paragraph," she said; "\'tis" so.',
    'Quotes at edges: "',
    "'",
    '"" \'\' "\'"\'',
  ])('matches retext-smartypants on %j', (text) => {
    expect(educateQuotes(text, state)).toBe(theirs(text));
  });

  it('matches retext-smartypants on the seed guide', () => {
    const text = readFileSync('content/guides/first-ketamine-session/en.md', 'utf8');
    expect(text).toMatch(/"/);
    expect(educateQuotes(text, state)).toBe(theirs(text));
  });

  it('matches retext-smartypants on random text of quotes, words, digits, spaces and marks', () => {
    const piece = fc.constantFrom(
      '"',
      "'",
      'word',
      'It',
      's',
      '80s',
      '1',
      ' ',
      '  ',
      '\n',
      '\n\n',
      '.',
      ',',
      '!',
      '?',
      '-',
      '(',
      ')',
      '&',
      '—',
      '\u00A0',
      'é',
      'A',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(educateQuotes(text, state)).toBe(theirs(text));
      }),
      { numRuns: 3000 },
    );
  });
});
