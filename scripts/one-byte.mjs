// Part of `npm run build` (scripts/bundle.mjs): makes the workers' CommonJS bundle a source V8 keeps as a one-byte string.
import { createRequire } from 'node:module';

/**
 * `code` with each character above U+00FF written as `\uXXXX`, when every one is in a regular expression literal or a
 * comment, where the escape means the same character (a character after a backslash, an identity escape, loses the
 * backslash); else, or when acorn (eslint's parser) cannot be loaded, `code` as it is. One such character makes V8
 * keep the whole source as a UTF-16 string (Latin-1 ones do not). esbuild already escapes them in strings and
 * templates, but not in regular expressions nor in tagged templates, whose raw text an escape would change.
 */
export function oneByte(code) {
  const at = [...code.matchAll(/[^\x00-\xff]/g)].map((m) => m.index);
  if (at.length === 0) return code;
  let acorn;
  try {
    acorn = createRequire(import.meta.url)('acorn');
  } catch {
    return code;
  }
  const safe = []; // [start, end) of each regular expression literal and comment
  acorn.parse(code, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowReturnOutsideFunction: true,
    allowHashBang: true,
    onToken: (t) => t.type === acorn.tokTypes.regexp && safe.push([t.start, t.end]),
    onComment: (_block, _text, start, end) => safe.push([start, end]),
  });
  if (!at.every((i) => safe.some(([a, b]) => a <= i && i < b))) return code;
  let out = '';
  let from = 0;
  for (const i of at) {
    let j = i;
    while (j > from && code[j - 1] === '\\') j--;
    out += code.slice(from, (i - j) % 2 === 1 ? i - 1 : i) + `\\u${code.charCodeAt(i).toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return out + code.slice(from);
}
