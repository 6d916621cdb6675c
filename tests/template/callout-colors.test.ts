/** Callout colours meet WCAG 2.2 AA on their tint: label text 4.5:1, bar and icon 3:1. */
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/brand/contrast.js';
import { CALLOUT_COLORS } from '../../src/template/theme.js';

describe('callout colours', () => {
  it.each(Object.entries(CALLOUT_COLORS))('%s is readable', (_, c) => {
    expect(contrastRatio(c.text, c.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(c.mark, c.background)).toBeGreaterThanOrEqual(3);
  });
});
