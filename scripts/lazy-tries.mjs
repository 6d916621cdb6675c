// Part of `npm run build` (scripts/bundle.mjs): an esbuild plugin that makes the Unicode data tries of fontkit (its
// Arabic, Indic and universal shapers) and of unicode-properties built on first use instead of when the modules load:
// decoding and inflating them was about 12–30 ms of every build worker's start, and a Latin document whose words the
// word stores hold never looks anything up in them. A trie is only ever read through its `get`, so
// `const trie = new UnicodeTrie(data)` becomes `let trie = { get: (c) => (trie = new UnicodeTrie(data)).get(c) }`:
// the first lookup builds it and puts the real trie in the variable, so later lookups go to it directly. The tries
// are the same when built; only when changes. A file that no longer has the expected lines is left as it is (with a
// warning).
import { readFile } from 'node:fs/promises';

/** A trie definition on one line: `const $…$var$trie = new (0, $…$unicodetrie)(…);` (Parcel's output). */
const TRIE = /^const (\$[0-9a-z]+\$var\$trie) = (new \(0, \$[0-9A-Za-z]+\$unicodetrie\)\(.*\));$/gm;

/** The tries each file is expected to define. */
const EXPECTED = { 'unicode-properties': 1, fontkit: 3 };

/**
 * `code` with its `count` tries built lazily, or undefined when it does not define exactly `count` as expected or uses
 * one other than through `.get(`.
 */
export function lazyTries(code, count) {
  const names = [...code.matchAll(TRIE)].map((m) => m[1]);
  if (names.length !== count) return undefined;
  for (const name of names) {
    const uses = code.split(name).length - 1;
    const gets = code.split(`${name}.get(`).length - 1;
    if (uses !== gets + 1) return undefined; // the definition, then only lookups
  }
  return code.replace(TRIE, (_, name, make) => `let ${name} = { get: (c) => (${name} = ${make}).get(c) };`);
}

/** The esbuild plugin: applies {@link lazyTries} to fontkit's and unicode-properties' ES modules (warns when it cannot). */
export const lazyTriesPlugin = {
  name: 'lazy-unicode-tries',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/](?:fontkit|unicode-properties)[\\/]dist[\\/]module\.mjs$/ }, async (args) => {
      const code = await readFile(args.path, 'utf8');
      const pkg = /[\\/](fontkit|unicode-properties)[\\/]dist[\\/]/.exec(args.path)[1];
      const lazy = lazyTries(code, EXPECTED[pkg]);
      if (lazy === undefined) {
        return { contents: code, loader: 'js', warnings: [{ text: `${pkg}: Unicode tries not made lazy (scripts/lazy-tries.mjs)` }] };
      }
      return { contents: lazy, loader: 'js' };
    });
  },
};
