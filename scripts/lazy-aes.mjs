// Part of `npm run build` (scripts/bundle.mjs): an esbuild plugin that makes the AES tables of @noble/ciphers (which
// PDFKit 0.20 bundles for encrypted PDFs, a feature handoutkit never uses) computed on first use instead of when the
// module loads: building them was about 20 ms of every build worker's start (two 65,536-entry tables). The tables are
// the same when computed; only when changes. If the file no longer has the expected lines, it is left as it is.
import { readFile } from 'node:fs/promises';

/** The two table definitions, each on one line: `const tableEncoding = /* @__PURE__ *\/ genTtable(…);`. */
const TABLE = /^const (tableEncoding|tableDecoding) = (?:\/\* @__PURE__ \*\/ )?genTtable\((.*)\);$/gm;

/** An object whose table fields are made by `make` on first read (`const { sbox2, T01, T23 } = table` reads them). */
const LAZY = `const lazyTable = (make) => {
  let table;
  const get = () => (table ??= make());
  const fields = ['sbox', 'sbox2', 'T0', 'T1', 'T2', 'T3', 'T01', 'T23'];
  return Object.defineProperties({}, Object.fromEntries(fields.map((k) => [k, { get: () => get()[k], enumerable: true }])));
};
`;

/** `code` with both tables made lazily, or undefined when it does not define them as expected. */
export function lazyAesTables(code) {
  const found = [...code.matchAll(TABLE)].map((m) => m[1]).sort();
  if (found.join() !== 'tableDecoding,tableEncoding') return undefined;
  let first = true;
  return code.replace(TABLE, (_, name, args) => {
    const head = first ? LAZY : ''; // just before the first table (after any "use strict" and the helpers it uses)
    first = false;
    return `${head}const ${name} = lazyTable(() => genTtable(${args}));`;
  });
}

/** The esbuild plugin: applies {@link lazyAesTables} to @noble/ciphers' aes module (warns when it cannot). */
export const lazyAesPlugin = {
  name: 'lazy-aes-tables',
  setup(build) {
    build.onLoad({ filter: /[\\/]@noble[\\/]ciphers[\\/](?:esm[\\/])?aes\.js$/ }, async (args) => {
      const code = await readFile(args.path, 'utf8');
      const lazy = lazyAesTables(code);
      if (lazy === undefined) {
        return { contents: code, loader: 'js', warnings: [{ text: 'AES tables not made lazy (scripts/lazy-aes.mjs)' }] };
      }
      return { contents: lazy, loader: 'js' };
    });
  },
};
