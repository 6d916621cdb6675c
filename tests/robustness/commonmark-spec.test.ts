/**
 * Every example of the CommonMark spec (the `commonmark-spec` package) and
 * GFM extension samples build into a PDF without a crash, with their text
 * kept. Documented exceptions, each a positioned diagnostic, never a crash:
 * - raw HTML is dropped on purpose with an `unsupported-html` warning (its text is not compared);
 * - images in the spec point at absolute paths or URLs (`/url`, `http://…`) and have no files:
 *   they are refused with `image-*` errors;
 * - a character no bundled font covers is refused with `missing-glyph`;
 * - links with a scheme other than http(s), mailto and tel (`<irc://…>`, `<made-up-scheme://…>`) are refused with `link-target`.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { parseMarkdown } from '../../src/parse/processor.js';
import { buildSource, errorsOf, expectPositioned, FRONT_MATTER, tempDir } from './helpers.js';
import { missingTexts } from './spec-text.js';
import type { Nodes, Root } from 'mdast';

interface SpecExample {
  readonly markdown: string;
  readonly html: string;
  readonly section: string;
  readonly number: number;
}

const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] };
const ALLOWED_ERRORS = /^(link-target|image-(remote|outside-content|not-found|not-a-file|missing-alt|unsupported|corrupt)|missing-glyph)$/;

/** GFM extensions (tables, task lists, strikethrough, autolinks, footnotes). */
const GFM_SAMPLES: readonly SpecExample[] = [
  {
    markdown: '| Dose | When |\n| ---: | :--- |\n| 5 mg | morning |\n| 10 mg | `evening` |\n',
    section: 'GFM tables',
    number: 9001,
    html: '',
  },
  { markdown: '| a | b |\n|---|---|\n| only one cell |\n| x | y |\n', section: 'GFM tables', number: 9002, html: '' },
  {
    markdown: '| escaped \\| pipe | **bold** |\n| --- | --- |\n| [link](https://example.org) | ~~old~~ |\n',
    section: 'GFM tables',
    number: 9003,
    html: '',
  },
  { markdown: '- [ ] bring water\n- [x] eat lightly\n  - [ ] nested task\n', section: 'GFM task lists', number: 9004, html: '' },
  { markdown: 'Take ~~two~~ one tablet and ~single tilde~.\n', section: 'GFM strikethrough', number: 9005, html: '' },
  {
    markdown: 'Visit www.example.org or https://example.org/path?q=1 or write to care@example.org.\n',
    section: 'GFM autolinks',
    number: 9006,
    html: '',
  },
  {
    markdown:
      'Fasting is advised.[^1] Water is fine.[^note]\n\n[^1]: Six hours before.\n[^note]: Clear liquids only,\n    up to two hours before.\n',
    section: 'GFM footnotes',
    number: 9007,
    html: '',
  },
];

function hasRawHtml(root: Root): boolean {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'html' && !/^\s*<!--[\s\S]*-->\s*$/.test(n.value)) return true;
    if ('children' in n) stack.push(...n.children);
  }
  return false;
}

const bySection = new Map<string, SpecExample[]>();
for (const ex of [...spec.tests, ...GFM_SAMPLES]) {
  const list = bySection.get(ex.section) ?? [];
  list.push(ex);
  bySection.set(ex.section, list);
}

describe('CommonMark spec and GFM examples', () => {
  test('the spec ships examples', () => {
    expect(spec.tests.length).toBeGreaterThan(600);
  });

  const dir = tempDir('handout-spec-');
  test.each([...bySection.entries()].map(([section, examples]) => ({ section, examples })))('$section', async ({ examples }) => {
    for (const ex of examples) {
      const source = FRONT_MATTER + ex.markdown;
      const result = await buildSource(source, dir, `example-${ex.number}.md`);
      const where = `example ${ex.number}: ${JSON.stringify(ex.markdown)}`;
      expectPositioned(result.diagnostics, result.file, source);
      const root = parseMarkdown(source);
      if (hasRawHtml(root))
        expect(
          result.diagnostics.some((d) => d.ruleId === 'unsupported-html'),
          `${where}: raw HTML is dropped with a warning`,
        ).toBe(true);
      if (!result.pdf) {
        const errors = errorsOf(result.diagnostics);
        expect(errors.length, `${where}: no PDF, so at least one error`).toBeGreaterThan(0);
        for (const e of errors) expect(e.ruleId, `${where}: ${e.message}`).toMatch(ALLOWED_ERRORS);
        continue;
      }
      expect(missingTexts(root, result.pdf), `${where}: text missing from the PDF`).toEqual([]);
    }
  });
});
