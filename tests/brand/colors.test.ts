import { describe, expect, it } from 'vitest';
import { HEX_COLOR_PATTERN, normalizeHex, tint } from '../../src/brand/colors.js';

describe('colours', () => {
  it('normalises #rgb and #rrggbb to uppercase #RRGGBB', () => {
    expect(normalizeHex('#1f5fad')).toBe('#1F5FAD');
    expect(normalizeHex('#abc')).toBe('#AABBCC');
  });

  it('accepts only #rgb and #rrggbb', () => {
    for (const ok of ['#fff', '#1F5FAD']) expect(HEX_COLOR_PATTERN.test(ok)).toBe(true);
    for (const bad of ['1F5FAD', '#1F5FA', '#1F5FADFF', '#GGG', 'red', '#12']) expect(HEX_COLOR_PATTERN.test(bad)).toBe(false);
  });

  it('tints towards white: 10 % of #1F5FAD is a light blue; 0 is white, 1 is the colour', () => {
    expect(tint('#1F5FAD')).toBe('#E9EFF7');
    expect(tint('#1F5FAD', 0)).toBe('#FFFFFF');
    expect(tint('#1F5FAD', 1)).toBe('#1F5FAD');
    expect(tint('#000000', 0.5)).toBe('#808080');
  });
});
