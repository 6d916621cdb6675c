/** The esbuild run the build scripts' plugin tests share: `entry` bundled as CommonJS into `out` with `plugins`. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { expect } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Bundles `entry` (its packages found in the repository's node_modules) into `out`; fails the test on a warning. */
export async function bundleForTest(entry: string, out: string, plugins: readonly unknown[]): Promise<void> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    nodePaths: [path.join(root, 'node_modules')],
    outfile: out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
    plugins: plugins as Plugin[],
    // as the workers' bundle (scripts/bundle.mjs) does: `import.meta.url` is the bundle's own URL
    define: { 'import.meta.url': '__import_meta_url' },
    banner: { js: 'var __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  });
  expect(result.warnings).toEqual([]);
}
