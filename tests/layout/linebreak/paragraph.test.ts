import { describe, expect, it } from 'vitest';
import { breakLines } from '../../../src/layout/linebreak/knuth-plass.js';
import { ParagraphScratch, prepareParagraph } from '../../../src/layout/linebreak/paragraph.js';
import { paragraph, randomWidths, textParagraph } from './segments.js';

/** The first `count` entries (`count + 1` for the sums) of each array: what the breaker may read. */
function used(p: ReturnType<typeof prepareParagraph>) {
  const n = p.count;
  return {
    ...p,
    kind: [...p.kind.subarray(0, n)],
    cost: [...p.cost.subarray(0, n)],
    hyphenWidth: [...p.hyphenWidth.subarray(0, n)],
    space: [...p.space.subarray(0, n)],
    sumWidth: [...p.sumWidth.subarray(0, n + 1)],
    sumStretch: [...p.sumStretch.subarray(0, n + 1)],
    sumShrink: [...p.sumShrink.subarray(0, n + 1)],
    sumSpace: [...p.sumSpace.subarray(0, n + 1)],
  };
}

describe('prepareParagraph in a reused scratch', () => {
  it('gives the values of fresh arrays, also after a longer paragraph left its own in the scratch', () => {
    const scratch = new ParagraphScratch();
    const long = textParagraph('a reasonably long para|graph of words that goes on and on '.repeat(20));
    const short = paragraph([20, 35, 12, 50, 8]);
    for (const mode of ['justify', 'ragged'] as const) {
      expect(used(prepareParagraph(long, mode, scratch))).toEqual(used(prepareParagraph(long, mode)));
      expect(used(prepareParagraph(short, mode, scratch))).toEqual(used(prepareParagraph(short, mode)));
    }
  });

  it('leaves breakLines results unchanged from one paragraph to the next, whatever came before', () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => paragraph(randomWidths(i, 5 + ((i * 37) % 200))));
    const alone = paragraphs.map((p) => JSON.stringify(breakLines(p, { mode: 'justify', lineWidth: () => 300 })));
    const inTurn = [...paragraphs].reverse().map((p) => JSON.stringify(breakLines(p, { mode: 'justify', lineWidth: () => 300 })));
    expect(inTurn.reverse()).toEqual(alone);
  });
});
