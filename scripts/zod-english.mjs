// Part of `npm run build` (scripts/bundle.mjs): an esbuild plugin that leaves zod's 62 other locales out of the
// bundles. `import { z } from 'zod'` reaches every module zod has (its `z.locales` namespace re-exports them all, so
// nothing can be left out by tree shaking): about 370 KB of the CLI's 760 KB zod chunk, which the `handout` process
// compiles from source at every start (Node 20 keeps no code cache for modules), and 64 modules in the workers' bundle.
// handoutkit never calls `z.locales` or `z.config`: its messages are its own, and zod's English one (the locale zod
// sets by default, imported by its schemas module directly) is kept. In the bundles `z.locales` holds `en` only.
import { readFile } from 'node:fs/promises';

/** The line of zod's locales index that exports English. */
const ENGLISH = /^export \{ default as en \} from "\.\/en\.js";$/m;

/** The locales index with English alone, or undefined when `code` is not the index this expects. */
export function englishOnly(code) {
  const exports = code.match(/^export \{ default as [\w-]+ \} from "\.\/[\w-]+\.js";$/gm) ?? [];
  if (!ENGLISH.test(code) || exports.length < 2 || exports.join('\n') !== code.trim()) return undefined;
  return 'export { default as en } from "./en.js";\n';
}

/** The esbuild plugin: applies {@link englishOnly} to zod's `v4/locales/index.js` (warns when it cannot). */
export const zodEnglishPlugin = {
  name: 'zod-english',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, async (args) => {
      const code = await readFile(args.path, 'utf8');
      const english = englishOnly(code);
      if (english === undefined) {
        return { contents: code, loader: 'js', warnings: [{ text: "zod's locales all kept (scripts/zod-english.mjs)" }] };
      }
      return { contents: english, loader: 'js' };
    });
  },
};
