/**
 * Pathological inputs: each build finishes (or stops at a limit with a
 * positioned diagnostic) in bounded time, and no exception escapes
 * `buildHandout`.
 */
import { describe, expect, test } from 'vitest';
import type { BuildInput } from '../../src/build.js';
import { buildSource, errorsOf, expectPositioned, FRONT_MATTER, tempDir } from './helpers.js';

interface Case {
  readonly name: string;
  readonly body: () => string;
  readonly maxMs: number;
  readonly extra?: Partial<BuildInput>;
  /** Expected outcome: a PDF, or an error with this rule. */
  readonly expect: string; // 'pdf', or the rule id of the expected error
}

const CASES: readonly Case[] = [
  {
    name: '10,000-item list',
    body: () => Array.from({ length: 10_000 }, (_, i) => `- item ${i}`).join('\n'),
    maxMs: 40_000,
    expect: 'pdf',
  },
  {
    name: '500-column table',
    body: () =>
      `|${Array.from({ length: 500 }, (_, i) => ` c${i} `).join('|')}|\n|${'---|'.repeat(500)}\n|${Array.from({ length: 500 }, (_, i) => ` v${i} `).join('|')}|`,
    maxMs: 20_000,
    expect: 'pdf',
  },
  {
    name: 'lists nested 200 deep',
    body: () => Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
    maxMs: 10_000,
    expect: 'nesting-too-deep',
  },
  { name: 'quotes nested 50,000 deep', body: () => `${'>'.repeat(50_000)} deep`, maxMs: 10_000, expect: 'nesting-too-deep' },
  { name: 'list markers 5,000 deep on one line', body: () => `${'- '.repeat(5000)}x`, maxMs: 10_000, expect: 'nesting-too-deep' },
  { name: 'emphasis nested 2,000 deep', body: () => `${'*a '.repeat(2000)}b${' c*'.repeat(2000)}`, maxMs: 20_000, expect: 'any' },
  { name: 'links nested 2,000 deep', body: () => `${'['.repeat(2000)}x${'](u)'.repeat(2000)}`, maxMs: 20_000, expect: 'any' },
  {
    name: '1 MB paragraph without spaces',
    body: () => 'a'.repeat(1024 * 1024),
    maxMs: 40_000,
    extra: { limits: { maxPages: 20 } },
    expect: 'page-limit',
  },
  {
    name: 'zero-width and control characters',
    body: () => 'a\u200bb\u200c\u200d\ufeff c\u0001\u0007\u001b\u007f d\u2028e\u2029f\u0000g\r\nh\u00ad\u2060i',
    maxMs: 10_000,
    expect: 'pdf',
  },
  { name: 'unpaired surrogates', body: () => 'bad \ud800 x \udfff y \udbff\udbff z', maxMs: 10_000, expect: 'any' },
  {
    name: 'right-to-left overrides',
    body: () => 'abc \u202eevil\u202c def \u2067iso\u2069 \u202dltr\u202c \u200f\u061c mixed עברית and العربية',
    maxMs: 10_000,
    expect: 'pdf',
  },
];

describe('pathological inputs', () => {
  const dir = tempDir('handout-patho-');
  test.each(CASES)(
    '$name',
    async (c) => {
      const source = `${FRONT_MATTER}${c.body()}\n`;
      const t0 = Date.now();
      const r = await buildSource(source, dir, 'guide.md', c.extra ?? {});
      expect(Date.now() - t0).toBeLessThan(c.maxMs);
      expectPositioned(r.diagnostics, r.file, source);
      expect(r.diagnostics.map((d) => d.ruleId)).not.toContain('internal-error');
      if (c.expect === 'pdf') {
        expect(errorsOf(r.diagnostics)).toEqual([]);
        expect(r.pdf).toBeDefined();
      } else if (c.expect === 'any') {
        if (!r.pdf) expect(errorsOf(r.diagnostics).length).toBeGreaterThan(0);
      } else {
        expect(r.pdf).toBeUndefined();
        expect(errorsOf(r.diagnostics).map((d) => d.ruleId)).toContain(c.expect);
      }
    },
    60_000,
  );
});
