import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../src/diagnostics.js';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { Measurer } from '../../../src/layout/fonts/measure.js';
import { layoutParagraph } from '../../../src/layout/inline/lines.js';
import type { TextStyle } from '../../../src/types/layout-tree.js';

const style: TextStyle = { face: 'regular', size: 10, leading: 14, color: '#000000', strike: false, underline: false };
const TEXT =
  '케타민 치료를 준비할 때는 치료 중에 어떤 일이 일어나는지 미리 알아 두는 것이 중요합니다. 보통은 편안한 의자나 침대에 자리를 잡는 것으로 시작하며, 그곳에서 약물을 주입받게 됩니다.';

function lineTexts(lang: string): string[] {
  const lines = layoutParagraph([{ kind: 'text', text: TEXT, style }], {
    measurer: new Measurer(sharedFontBook()),
    width: 130,
    align: 'start',
    direction: 'ltr',
    lang,
    hyphenate: false,
    diags: new Diagnostics(),
    place: { file: 'x.md', line: 1, column: 1 },
    owner: () => 1,
  });
  return lines.map((l) => l.items.map((i) => (i.kind === 'text' ? i.text : '')).join(''));
}

describe('Korean line breaking', () => {
  it('breaks Korean at spaces, never between the syllables of a word (keep-all)', () => {
    const lines = lineTexts('ko');
    expect(lines.length).toBeGreaterThan(3);
    const words = new Set(TEXT.split(' '));
    for (const line of lines) for (const w of line.trim().split(' ')) expect(words.has(w), `split word: ${w}`).toBe(true);
  });

  it('still breaks between Hangul syllables for other languages quoting Korean (UAX #14)', () => {
    const words = new Set(TEXT.split(' '));
    const split = lineTexts('en').some((line) =>
      line
        .trim()
        .split(' ')
        .some((w) => !words.has(w)),
    );
    expect(split).toBe(true);
  });
});
