/**
 * Cold start of `handout build`: the CLI thread starts the build workers before it loads the modules only it
 * needs (the manifest and config readers, with yaml and zod, and text decoding with chardet), so the workers
 * load the pipeline meanwhile. The bundled CLI (`dist/bundle/cli.js`, what `bin/handout.js` runs) must therefore
 * not import them statically.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { ensureDist } from '../robustness/ensure-dist.js';

const BUNDLE = path.resolve('dist/bundle');

beforeAll(async () => {
  await ensureDist();
}, 120_000);

/** Files the bundled module `file` loads before it runs: its static imports, recursively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(path.join(BUNDLE, file), 'utf8');
  for (const m of code.matchAll(/^(?:import|\} from|export \* from)\s*(?:[^'"\n]*from\s*)?["'](\.\/[^"']+)["'];?$/gm)) {
    staticClosure(path.basename(m[1]!), seen);
  }
  return seen;
}

/** The npm packages bundled into `file` (esbuild marks each module with a `// node_modules/<name>/…` comment). */
function packagesIn(file: string): Set<string> {
  const code = readFileSync(path.join(BUNDLE, file), 'utf8');
  return new Set([...code.matchAll(/^\/\/ node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm)].map((m) => m[1]!));
}

describe('cold start of the bundled CLI', () => {
  it('loads neither yaml, zod nor chardet before the build workers start', () => {
    const files = staticClosure('cli.js');
    expect(files.size).toBeGreaterThan(1); // the closure is read (the CLI has shared chunks)
    const packages = new Set([...files].flatMap((f) => [...packagesIn(f)]));
    expect(packages.has('commander')).toBe(true); // the parser is found, so the check below can fail
    for (const heavy of ['yaml', 'zod', 'chardet']) expect(packages.has(heavy), heavy).toBe(false);
  });

  it('loads yaml and zod on demand in the chunks of the build (the bundle still holds them), chardet on need', () => {
    const code = readFileSync(path.join(BUNDLE, 'cli.js'), 'utf8');
    const lazy = [...code.matchAll(/import\(["'](\.\/chunk-[A-Z0-9]+\.js)["']\)/g)].map((m) => path.basename(m[1]!));
    const packages = new Set(lazy.flatMap((f) => [...staticClosure(f)]).flatMap((f) => [...packagesIn(f)]));
    for (const heavy of ['yaml', 'zod']) expect(packages.has(heavy), heavy).toBe(true);
    // chardet is not bundled: required from the package's dependencies when a file is not UTF-8 (text-decode.ts)
    expect(packages.has('chardet')).toBe(false);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.chardet).toBeDefined();
  });

  it('runs `handout batch` on the CLI thread without the font and layout packages (only the workers lay out)', () => {
    const code = readFileSync(path.join(BUNDLE, 'cli.js'), 'utf8');
    const lazy = [...code.matchAll(/import\(["'](\.\/chunk-[A-Z0-9]+\.js)["']\)/g)].map((m) => path.basename(m[1]!));
    const batch = lazy.find((f) => readFileSync(path.join(BUNDLE, f), 'utf8').includes('function runLibrary('));
    expect(batch, 'the chunk with runLibrary').toBeDefined();
    const packages = new Set([...staticClosure(batch!)].flatMap((f) => [...packagesIn(f)]));
    expect(packages.has('yaml')).toBe(true); // the config reader is found, so the check below can fail
    // fontkit (with brotli and restructure) was pulled in by the config reader's import of the clinic loader: a 2 MB
    // chunk compiled and run (about 0.13 s) before the workers started
    for (const heavy of ['fontkit', 'brotli', 'restructure', 'pdfkit', 'micromark']) expect(packages.has(heavy), heavy).toBe(false);
  });

  it('names the likely encoding of a file that is not UTF-8 in both bundles (chardet found at run time)', () => {
    const dir = tempDir('handout-cs-');
    writeFileSync(path.join(dir, 'en.md'), Buffer.from('---\nid: x\ntitle: Caf\xe9\nlang: en\n---\n\n# Caf\xe9\n', 'latin1'));
    const run = (...args: string[]): string =>
      spawnSync(process.execPath, [path.resolve('bin/handout.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 }).stderr;
    const want = /en\.md:3:11: error the file is not UTF-8 text: byte 0xE9 here is not valid UTF-8; it is probably ISO-8859-1/;
    expect(run('check', 'en.md')).toMatch(want); // the CLI's ESM bundle
    expect(run('build', 'en.md', '-o', 'x.pdf')).toMatch(want); // the workers' bundle
    expect(existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  }, 60_000);
});
