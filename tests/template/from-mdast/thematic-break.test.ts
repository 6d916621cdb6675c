import { describe, expect, it } from 'vitest';
import { as, blocks, THEME } from './helpers.js';

describe('thematicBreak', () => {
  it('becomes a non-decorative rule with theme colour and thickness', () => {
    const { blocks: out } = blocks('a\n\n***\n\nb\n');
    const r = as(out[1], 'rule');
    expect(r).toMatchObject({ color: THEME.rule.color, thickness: THEME.rule.thickness, decorative: false });
    expect(r.place.line).toBe(3);
  });
});
