/** What counts as prose, and where each sentence is. */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/parse/processor.js';
import { extractProse } from '../../src/check/prose.js';

const SRC = `# Title heading

Intro sentence here. See https://example.org/a.b or call {{clinic.contact.phone}} today.

## Steps

- Bring your card
- Eat a light meal.

| Column | Other |
| --- | --- |
| Cell words here | More cell words |

:::note[Callout label]
Inside the callout.
:::

\`\`\`
code words are not prose
\`\`\`

> Quoted text counts.
`;

describe('extractProse', () => {
  const prose = extractProse(parseMarkdown(SRC), SRC, 'en', 'Guide');
  it('keeps paragraphs, list items, callouts and quotes with their positions; drops headings, tables, code and labels', () => {
    expect(prose.sentences.map((s) => [s.start.line, s.start.column, s.context, s.text])).toEqual([
      [3, 1, 'paragraph', 'Intro sentence here.'],
      [3, 22, 'paragraph', 'See https://example.org/a.b or call {{clinic.contact.phone}} today.'],
      [7, 3, 'list-item', 'Bring your card'],
      [8, 3, 'list-item', 'Eat a light meal.'],
      [15, 1, 'callout', 'Inside the callout.'],
      [22, 3, 'quote', 'Quoted text counts.'],
    ]);
  });
  it('leaves URLs and variables out of the words', () => {
    expect(prose.sentences[1]!.words.map((w) => w.text)).toEqual(['See', 'or', 'call', 'today']);
    expect(prose.sentences[1]!.words.map((w) => w.start.column)).toEqual([22, 50, 53, 83]);
  });
  it('leaves an image (its alt text, not prose) and its attribute list out of the words', () => {
    const src = 'Look at ![A chart](c.png){width=60%} and ![](d.png){decorative width=3cm} closely.\n';
    const [sentence] = extractProse(parseMarkdown(src), src, 'en', 'Guide').sentences;
    expect(sentence!.words.map((w) => w.text)).toEqual(['Look', 'at', 'and', 'closely']);
  });
  it('groups sentences by # and ## sections', () => {
    expect(prose.sections.map((s) => [s.title, s.start.line])).toEqual([
      ['Guide', 1],
      ['Title heading', 1],
      ['Steps', 5],
    ]);
    expect(prose.sentences.map((s) => s.section)).toEqual([1, 1, 2, 2, 2, 2]);
    expect(prose.headings.map((h) => h.depth)).toEqual([1, 2]);
  });
});
