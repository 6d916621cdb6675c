// Part of `npm run build` (scripts/bundle.mjs): an esbuild plugin that replaces `template/precompiled` (an empty table
// in the compiled code) with the package's templates (`templates/**/*.hbs`) compiled by Handlebars ahead of time, as
// `template/environment.ts` would compile them at run time (parsed, then compiled in strict mode), keyed by the
// SHA-256 of each file's text. The bundled workers then take a template they ship from their code (and V8's code
// cache) instead of parsing it and generating its code with `new Function` in every new process.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const Handlebars = createRequire(import.meta.url)('handlebars');

/** The `.hbs` files under `dir` (relative paths, sorted: the same templates give the same bytes). */
function templateFiles(dir, rel = '') {
  const out = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const name = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...templateFiles(dir, name));
    else if (e.isFile() && e.name.endsWith('.hbs')) out.push(name);
  }
  return out.sort();
}

/**
 * The module's code: `PRECOMPILED`, each template of `dir` compiled with the options `template/environment.ts` uses.
 * A template Handlebars cannot parse is left out (the build reports it at run time, at its line).
 */
export function precompiledModule(dir = path.join(root, 'templates')) {
  const entries = [];
  for (const file of templateFiles(dir)) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    let spec;
    try {
      spec = Handlebars.precompile(Handlebars.parseWithoutProcessing(text), { strict: true });
    } catch {
      continue;
    }
    const key = createHash('sha256').update(text).digest('hex');
    entries.push(`  // ${file.split(path.sep).join('/')}\n  ${JSON.stringify(key)}: ${spec},`);
  }
  return `export const PRECOMPILED = Object.freeze({\n${entries.join('\n')}\n});\n`;
}

/** The esbuild plugin: `template/precompiled.js` (or `.ts`, bundling from the sources) becomes {@link precompiledModule}. */
export const precompiledTemplatesPlugin = {
  name: 'precompiled-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]template[\\/]precompiled\.(js|ts)$/ }, () => ({ contents: precompiledModule(), loader: 'js' }));
  },
};
