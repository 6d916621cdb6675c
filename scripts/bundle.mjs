// Part of `npm run build` / `prepare` / `prepack`, after tsc: bundles the compiled CLI and its worker threads into
// dist/bundle/ (esbuild), so that `handout` loads a few files instead of about 600 modules (a cold start spent about
// a quarter of its time finding, reading and compiling them). Code that only some commands need (check, serve,
// preview, the worker pool) stays in chunks loaded on first use. No source maps, no minification: the same sources
// give the same bytes. Packages that find files next to their own code or load native code stay outside.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'dist/cli/main.js', // bin/handout.js
    worker: 'dist/batch/worker.js', // the `handout build` / `handout batch` worker threads (found next to the code that starts them)
    'serve-worker': 'dist/serve/worker.js', // the `handout serve` worker processes
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
  // bundled CommonJS packages call require() for Node's own modules
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);" },
});
// Bundled code that finds a data file next to itself (PDFKit's sRGB profile for PDF/A: `new URL('./data/…',
// import.meta.url)`) finds it next to the bundle: copy each such file from the package that ships it.
const pdfkitData = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfkit')), 'data');
const wanted = new Set();
for (const f of readdirSync(outdir)) {
  for (const m of readFileSync(path.join(outdir, f), 'utf8').matchAll(/new URL\("\.\/data\/([^"/]+)", import\.meta\.url\)/g))
    wanted.add(m[1]);
}
mkdirSync(path.join(outdir, 'data'), { recursive: true });
for (const name of wanted) copyFileSync(path.join(pdfkitData, name), path.join(outdir, 'data', name));
process.stderr.write(`bundled the CLI and its workers: ${path.relative(root, outdir)}\n`);
