// Part of `npm run build` / `prepare` / `prepack`, after tsc: bundles the compiled CLI and its worker threads into
// dist/bundle/ (esbuild), so that `handout` loads a few files instead of about 600 modules (a cold start spent about
// a quarter of its time finding, reading and compiling them). Code that only some commands need (check, serve,
// preview, the worker pool) stays in chunks loaded on first use. No source maps, no minification: the same sources
// give the same bytes. Packages that find files next to their own code or load native code stay outside.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyAesPlugin } from './lazy-aes.mjs';
import { lazyTriesPlugin } from './lazy-tries.mjs';
import { oneByte } from './one-byte.mjs';
import { precompiledTemplatesPlugin } from './precompiled-templates.mjs';
import { zodEnglishPlugin } from './zod-english.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'dist/cli/main.js', // bin/handout.js
    'serve-worker': 'dist/serve/worker.js', // the `handout serve` worker processes
    prestart: 'dist/batch/prestart.js', // bin/handout.js starts the `handout build` worker thread before it loads the CLI
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'warning',
  // native code (sharp), a package that starts its own worker file (tinypool), and pdf.js, which `handout preview`
  // serves from its package folder
  external: ['sharp', 'tinypool', 'pdfjs-dist', 'pdfjs-dist/*'],
  plugins: [zodEnglishPlugin, precompiledTemplatesPlugin], // zod's English messages only; the templates compiled
  // bundled CommonJS packages call require() for Node's own modules
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);" },
});
// The build workers' code as one CommonJS file, which `direct-worker.cjs` compiles with `vm.Script` and V8's code cache
// kept in the user's cache folder (src/batch/compile-cache.ts; Node 20 has no compile cache for modules).
// `import.meta.url` becomes the file's URL; `tinypool` (whose transfer markers worker.ts uses) is handed in by the
// thread's entry.
const workerCjs = await build({
  absWorkingDir: root,
  // and the `handout build` / `handout batch` worker threads' entry (`direct-worker.cjs`, found next to the code that
  // starts them; CommonJS, so that a thread starts without the ESM loader), which loads worker.cjs through the cache
  entryPoints: { worker: 'dist/batch/worker.js', 'direct-worker': 'dist/batch/direct-worker.js' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'warning',
  external: ['sharp', 'tinypool', 'pdfjs-dist', 'pdfjs-dist/*'],
  define: { 'import.meta.url': '__import_meta_url' },
  // made on first use, not at every worker start: PDFKit's AES tables (encryption, never used), the Unicode tries of
  // fontkit's complex-script shapers and of unicode-properties; zod's English messages only; the package's templates
  // compiled ahead of time
  plugins: [lazyAesPlugin, lazyTriesPlugin, zodEnglishPlugin, precompiledTemplatesPlugin],
  minifyWhitespace: true,
  supported: { 'dynamic-import': false }, // import('sharp') → require: a vm.Script has no module loader
  banner: { js: 'var __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  write: false,
});
// V8 keeps the 3 MB source as a one-byte string (half the memory, faster to decode and to scan when a function is first
// compiled) only when no character is above U+00FF: the few esbuild leaves in regular expression literals (`’`, `œ`
// in the language tools) are escaped.
for (const file of workerCjs.outputFiles) {
  const code = oneByte(file.text);
  if (/[^\x00-\xff]/.test(code)) process.stderr.write(`${path.basename(file.path)} stays UTF-16 for V8 (see scripts/one-byte.mjs)\n`);
  writeFileSync(file.path, code);
}
// Bundled code that finds a data file next to itself (PDFKit's sRGB profile for PDF/A: `new URL('./data/…',
// import.meta.url)`) finds it next to the bundle: copy each such file from the package that ships it.
const pdfkitData = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfkit')), 'data');
const wanted = new Set();
for (const f of readdirSync(outdir)) {
  const code = f.endsWith('.js') || f.endsWith('.cjs') ? readFileSync(path.join(outdir, f), 'utf8') : '';
  for (const m of code.matchAll(/new URL\("\.\/data\/([^"/]+)",\s*(?:import\.meta\.url|__import_meta_url)\)/g)) wanted.add(m[1]);
}
mkdirSync(path.join(outdir, 'data'), { recursive: true });
for (const name of wanted) copyFileSync(path.join(pdfkitData, name), path.join(outdir, 'data', name));
process.stderr.write(`bundled the CLI and its workers: ${path.relative(root, outdir)}\n`);
