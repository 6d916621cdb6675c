/**
 * `smartPunctuation` must give exactly what remark-smartypants gives (it replaced it
 * for speed): checked on hand-picked cases and on random Markdown made of quotes,
 * dashes, dots, emphasis, links and code.
 */
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import { describe, expect, it, vi } from 'vitest';
import { mayHaveDashOrEllipsis, smartPunctuation } from '../../src/resolve/smart-punctuation.js';
import { firstResultsUsed } from '../../src/batch/first-result-store.js';
import { disableWordStores, enableWordStores } from '../../src/layout/word-store.js';
import { tempDir } from '../helpers/cli.js';

const options = {
  openingQuotes: { double: '\uE000', single: '\uE002' },
  closingQuotes: { double: '\uE001', single: '\uE003' },
  dashes: 'oldschool',
  ellipses: true,
  backticks: false,
} as const;

const parser = unified().use(remarkParse).use(remarkGfm);
const reference = unified().use(remarkSmartypants, options).freeze();
const ours = smartPunctuation(options);

function both(md: string): [Root, Root] {
  const a = parser.parse(md);
  const b = structuredClone(a);
  reference.runSync(a);
  ours(b);
  return [a, b];
}

describe('smartPunctuation', () => {
  it.each([
    'He said, "\'Quoted\' words in a larger quote."',
    "It's the '80s -- and then --- more... or . . . less",
    'A "quote across **bold** and [a link](https://x.org)" ends.',
    '"Start of a block"\n\n- "item one" -- yes\n- \'item\' two...\n\n| a | b |\n| - | - |\n| "cell" | it\'s |',
    'Code `"not" -- touched` and "after" – - dashes',
    'No quotes, no dashes, just text. Two dots.. here.',
  ])('matches remark-smartypants on %j', (md) => {
    const [a, b] = both(md);
    expect(b).toEqual(a);
  });

  it('matches remark-smartypants on random Markdown', () => {
    const piece = fc.constantFrom(
      '"',
      "'",
      '--',
      '---',
      '–',
      '-',
      '.',
      '...',
      '. . .',
      ' ',
      'word',
      'it',
      's',
      '80s',
      '*',
      '**',
      '`',
      '[',
      '](u)',
      '\n\n',
      '\n- ',
      '# ',
      '!',
      '?',
      ',',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const [a, b] = both(parts.join(''));
        expect(b).toEqual(a);
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('prints nothing (retext-smartypants logs `drop` when it merges an en dash and a hyphen)', () => {
    const log = vi.spyOn(console, 'log');
    const tree = parser.parse('Ages 5–-10 and 6 –- 7.');
    ours(tree);
    expect(log).not.toHaveBeenCalled();
    expect(JSON.stringify(tree)).toContain('5—10');
  });

  it('skips only text where no dash or ellipsis can occur', () => {
    expect(mayHaveDashOrEllipsis('plain. text. here')).toBe(false);
    expect(mayHaveDashOrEllipsis('a--b')).toBe(true);
    expect(mayHaveDashOrEllipsis('a–-b')).toBe(true);
    expect(mayHaveDashOrEllipsis('a. b. c.')).toBe(true);
  });

  it('reads a first result kept by another process only for the same text in the same nodes', () => {
    enableWordStores({ dir: tempDir('smart-punctuation-store-'), key: 'smart-punctuation-test' });
    try {
      const md = 'He said "wait -- no" and *left*... "Fine."';
      smartPunctuation(options)(parser.parse(md)); // a process's first result, kept
      const used = firstResultsUsed('typography');
      const [a, b] = [parser.parse(md), parser.parse(md)];
      reference.runSync(a);
      smartPunctuation(options)(b); // another process: read back
      expect(firstResultsUsed('typography')).toBe(used + 1);
      expect(b).toEqual(a);
      // the same text split across other nodes (emphasis moved) is another input
      const other = 'He said "wait -- no" and *left..*. "Fine."';
      const [c, d] = [parser.parse(other), parser.parse(other)];
      reference.runSync(c);
      smartPunctuation(options)(d);
      expect(firstResultsUsed('typography')).toBe(used + 1);
      expect(d).toEqual(c);
    } finally {
      disableWordStores();
    }
  });
});
