/** Page numbers follow the document language's numbering system (CLDR defaults, through Intl). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/index.js';
import { pageNumberFormat } from '../../src/layout/layout.js';
import { extractPageTexts } from '../helpers/pdf-read.js';

describe('page numbers', () => {
  it('uses the language default digits, without grouping', () => {
    expect(pageNumberFormat('en').format(12)).toBe('12');
    expect(pageNumberFormat('fa').format(12)).toBe('۱۲');
    expect(pageNumberFormat('bn').format(12)).toBe('১২');
    expect(pageNumberFormat('en').format(1200)).toBe('1200');
  });

  it('prints Bengali digits in the footer of a Bengali handout', async () => {
    const r = await buildHandout({ guide: path.resolve('tests/fixtures/languages/bn.md') });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = extractPageTexts(r.pdf!)[0]!;
    expect(text).toMatch(/১/);
    expect(text).not.toMatch(/\bPage 1 of 1\b/);
  });
});
