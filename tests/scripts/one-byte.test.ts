/**
 * `scripts/one-byte.mjs`: the bundle step that keeps the workers' CommonJS file a one-byte string for V8 escapes a
 * character above U+00FF only where the escape means the same (regular expression literals, comments), and leaves
 * code with such a character anywhere else (a tagged template's raw text) as it is.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { oneByte } from '../../scripts/one-byte.mjs';

/** The value of `code`'s last expression statement `a`, run as a function body. */
const valueOf = (code: string): unknown => runInNewContext(`${code}\na;`) as unknown;

describe('oneByte', () => {
  it('escapes characters above U+00FF in regular expressions, with the same matches', () => {
    const cases = ["var a=/['’]/g;", 'var a=/\\’x/;', 'var a=/[œæ]+/;', 'var a=/😀/u;', 'var a=/[😀]/;'];
    for (const code of cases) {
      const out = oneByte(code);
      expect(out, code).toMatch(/^[\x00-\xff]*$/);
      const [before, after] = [valueOf(code), valueOf(out)] as [RegExp, RegExp];
      for (const s of ['’', "'", '’x', 'œ', 'xæœ', '😀', '\ud83d']) expect(after.test(s), `${code} on ${s}`).toBe(before.test(s));
    }
  });

  it('escapes them in comments, keeps Latin-1 letters, and leaves code without any as it is', () => {
    expect(oneByte('var a=1;// it’s é\n/* ’ */')).toBe('var a=1;// it\\u2019s é\n/* \\u2019 */');
    expect(oneByte('var a="é";')).toBe('var a="é";');
  });

  it('leaves code as it is when such a character is in a tagged template (an escape would change its raw text)', () => {
    const code = 'var a=String.raw`it’s`+/’/.source;';
    expect(oneByte(code)).toBe(code);
    expect(valueOf(code)).toBe('it’s’');
  });
});
