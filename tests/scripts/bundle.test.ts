/**
 * The bundled CLI (`scripts/bundle.mjs` → `dist/bundle/`, what `bin/handout.js` runs) finds every data file its
 * bundled packages look for next to their code, and builds PDF/A (which needs PDFKit's sRGB profile) as the
 * compiled modules do. The build workers' code is also one CommonJS file (`worker.cjs`, loaded through the compile cache),
 * in which `import.meta.url` is the file's URL, and which has no character above U+00FF (so V8 keeps it as a one-byte string).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { expandPdf } from '../helpers/pdf-expand.js';
import { ensureDist } from '../robustness/ensure-dist.js';

const BUNDLE = path.resolve('dist/bundle');

beforeAll(async () => {
  await ensureDist();
}, 120_000);

describe('the bundled CLI', () => {
  it('has every file its code locates next to itself', () => {
    const wanted = readdirSync(BUNDLE)
      .filter((f) => f.endsWith('.js') || f.endsWith('.cjs'))
      .flatMap((f) => [
        ...readFileSync(path.join(BUNDLE, f), 'utf8').matchAll(/new URL\("(\.\/[^"]+)",\s*(?:import\.meta\.url|__import_meta_url)\)/g),
      ])
      .map((m) => m[1]!);
    expect(wanted).toContain('./data/sRGB_IEC61966_2_1.icc'); // the scan finds PDFKit's profile, so it can fail
    expect(readFileSync(path.join(BUNDLE, 'worker.cjs'), 'utf8')).toContain('"./data/sRGB_IEC61966_2_1.icc",__import_meta_url');
    for (const rel of wanted) expect(existsSync(path.join(BUNDLE, rel)), rel).toBe(true);
  });

  it('builds a PDF/A handout', () => {
    const cwd = tempDir('handout-bundle-');
    const guide = path.resolve('content/guides/first-ketamine-session/en.md');
    const r = spawnSync(process.execPath, [path.resolve('bin/handout.js'), 'build', guide, '--pdfa', '-o', 'a.pdf'], {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect([r.status, r.stderr]).toEqual([0, '']);
    // the output intent embeds the profile
    expect(expandPdf(readFileSync(path.join(cwd, 'a.pdf')), { inflateStreams: true }).includes('sRGB IEC61966-2.1')).toBe(true);
  }, 90_000);

  it("keeps the workers' code one-byte, with the escaped regular expressions matching as before", () => {
    const code = readFileSync(path.join(BUNDLE, 'worker.cjs'), 'utf8');
    const first = code.search(/[^\x00-\xff]/);
    expect(first, first < 0 ? '' : code.slice(first - 60, first + 20)).toBe(-1);
    expect(code).toContain("/^['\\u2019]$/"); // parse-english's apostrophe, a literal `’` in its source
    // the bundled workers build byte for byte what the pipeline builds in process (tests/perf/output-identity.test.ts)
    const expected = JSON.parse(readFileSync(path.resolve('tests/perf/output-identity.sha256.json'), 'utf8')) as Record<string, string>;
    const cwd = tempDir('handout-bundle-');
    const cases = { 'sample.en': 'content/guides/first-ketamine-session/en.md', 'rich.en': 'tests/fixtures/guides/rich/en.md' };
    for (const [name, guide] of Object.entries(cases)) {
      const r = spawnSync(process.execPath, [path.resolve('bin/handout.js'), 'build', path.resolve(guide), '-o', `${name}.pdf`], {
        cwd,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0); // the rich guide has warnings (low-resolution images)
      expect(
        createHash('sha256')
          .update(readFileSync(path.join(cwd, `${name}.pdf`)))
          .digest('hex'),
        name,
      ).toBe(expected[name]);
    }
  }, 120_000);
});
