/** Text from a guide or a stored manifest never reaches the terminal raw: control characters are escaped on stderr and stdout. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { runHandout } from '../helpers/cli.js';
import { ensureDist } from '../robustness/ensure-dist.js';

beforeAll(async () => {
  await ensureDist(); // every document is built in a worker thread, from dist/
}, 120_000);

const run = runHandout;

describe('printed diagnostics', () => {
  it('escape sequences in guide HTML are printed escaped, on a build and on a skipped (up to date) build', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-term-'));
    writeFileSync(
      path.join(dir, 'g.md'),
      '---\nid: g\ntitle: G\nlang: en\nversion: 1\n---\n\nHello <span title="\u001b]0;pwned\u0007\u001b[2J">there</span>.\n',
    );
    for (const pass of ['built', 'up to date']) {
      const r = await run(['build', 'g.md'], dir);
      expect(r.code, pass).toBe(0);
      expect(r.err, pass).toContain('\\u001b');
      expect(r.err + r.out, pass).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(r.out, pass).toContain(pass === 'built' ? 'out/g.en.pdf (1 page)' : 'out/g.en.pdf (up to date)');
    }
  });

  it('usage errors quoting an argument escape it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-term-'));
    const r = await run(['build', 'g.md', '--jobs', 'x\u001b[2J'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('x\\u001b[2J');
    expect(r.err).not.toContain('\u001b');
  });

  it('repeated warnings are capped per rule and file, on stderr and in the stored manifest', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-term-'));
    writeFileSync(path.join(dir, 'g.md'), `---\nid: g\ntitle: G\nlang: en\nversion: 1\n---\n\n${'<b>x</b> '.repeat(3000)}\n`);
    const r = await run(['build', 'g.md'], dir);
    expect(r.code).toBe(0);
    const lines = r.err.trimEnd().split('\n');
    expect(lines.length).toBe(51);
    expect(lines[50]).toMatch(
      /^g\.md:8:\d+: warning and 5,950 more like the warning above in this file \(only the first 50 are shown\) \[unsupported-html\]$/,
    );
    const manifest = JSON.parse(readFileSync(path.join(dir, 'out', '.handout-manifest.json'), 'utf8')) as {
      outputs: Record<string, { warnings: unknown[] }>;
    };
    expect(manifest.outputs['g.en.pdf']!.warnings).toHaveLength(51);
    const again = await run(['build', 'g.md'], dir);
    expect(again.err).toBe(r.err);
  }, 60_000);
});
