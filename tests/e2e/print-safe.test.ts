/**
 * Print-safe pages: no ink within 18 pt (¼ in) of any page edge, on every page of every sample,
 * fixture and stress guide, on Letter and A4 — measured on the rendered pixels (tests/helpers/ink.ts).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/build.js';
import { PRINT_SAFE } from '../../src/print-safe.js';
import { inkMargins } from '../helpers/ink.js';
import { extractWords } from '../helpers/pdf-read.js';

const guidesIn = (dir: string): string[] =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md') && !f.includes('README'))
    .sort()
    .map((f) => path.join(dir, f));

const SAMPLES = [
  ...guidesIn(path.join('content', 'guides')),
  ...guidesIn(path.join('tests', 'fixtures', 'guides')).filter((g) => !g.includes('with-images')), // (an error fixture: images without alt text)
  ...guidesIn(path.join('tests', 'fixtures', 'stress')),
];

describe('print-safe pages', () => {
  for (const paper of ['letter', 'a4'] as const) {
    it(`keeps ink at least ${PRINT_SAFE} pt from every edge of every page (${paper})`, async () => {
      const close: string[] = [];
      let pages = 0;
      const runs = [
        ...SAMPLES.map((guide) => ({ guide, largePrint: false })),
        { guide: path.join('content', 'guides', 'first-ketamine-session', 'en.md'), largePrint: true },
      ];
      for (const { guide, largePrint } of runs) {
        const r = await buildHandout({ guide, paper, largePrint });
        expect(r.pdf, `${guide}: ${r.diagnostics.map((d) => d.message).join('; ')}`).toBeDefined();
        for (const m of inkMargins(r.pdf!)) {
          pages++;
          const nearest = Math.min(m.top, m.right, m.bottom, m.left);
          if (nearest < PRINT_SAFE)
            close.push(`${guide} p${m.page + 1}: ink ${nearest} pt from an edge (t${m.top} r${m.right} b${m.bottom} l${m.left})`);
        }
      }
      expect(pages).toBeGreaterThan(40);
      expect(close).toEqual([]);
    }, 240_000);
  }

  it('keeps the footer contact line on one line', async () => {
    const r = await buildHandout({ guide: path.join('content', 'guides', 'first-ketamine-session', 'en.md') });
    const words = extractWords(r.pdf!).filter((w) => w.page === 1 && /example\.org|care@/.test(w.text));
    expect(words.length).toBeGreaterThanOrEqual(2);
    expect(new Set(words.map((w) => Math.round(w.y1))).size).toBe(1);
  });
});
