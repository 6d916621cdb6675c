/** `handout build` never overwrites a handout silently, and always ends with a summary line. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { library, run, writeGuide } from '../batch/helpers.js';

describe('handout build: summary and no silent overwrite', () => {
  test('a second clinic building into the same folder is refused, naming the clinic and the way out', async () => {
    const dir = library();
    const a = await run(['build', 'content/guides/beta/en.md', '--clinic', 'content/clinics/a/clinic.yaml'], dir);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/^out\/beta\.en\.pdf \(1 page\)\nbuild: 1 built, 0 up to date, 0 failed in \d+\.\d s \([\d.]+ docs\/s\)\n$/);
    const before = readFileSync(path.join(dir, 'out/beta.en.pdf'));
    const b = await run(['build', 'content/guides/beta/en.md', '--clinic', 'content/clinics/b/clinic.yaml'], dir);
    expect(b.code).toBe(1);
    expect(b.err).toBe(
      'content/guides/beta/en.md:2:5: error `out/beta.en.pdf` holds the handout for clinic profile `content/clinics/a/clinic.yaml`; not overwriting it with the one for `content/clinics/b/clinic.yaml`: use a folder per clinic (`--out-dir out/b`) or `handout batch` [output-collision]\n',
    );
    expect(b.out).toMatch(/^build: 0 built, 0 up to date, 1 failed in /);
    expect(readFileSync(path.join(dir, 'out/beta.en.pdf'))).toEqual(before);
    // a folder per clinic works, and the first clinic's handout is still up to date
    expect(
      (await run(['build', 'content/guides/beta/en.md', '--clinic', 'content/clinics/b/clinic.yaml', '--out-dir', 'out/b'], dir)).code,
    ).toBe(0);
    expect((await run(['build', 'content/guides/beta/en.md', '--clinic', 'content/clinics/a/clinic.yaml'], dir)).out).toMatch(
      /^out\/beta\.en\.pdf \(up to date\)\n/,
    );
  }, 120_000);

  test('two guides with the same id and language: both are refused before either is written', async () => {
    const dir = library();
    writeGuide(dir, 'beta2', 'en', 'Another guide.\n');
    const copy = path.join(dir, 'content/guides/beta2/en.md');
    writeFileSync(copy, readFileSync(copy, 'utf8').replace('id: beta2', 'id: beta'));
    const r = await run(
      ['build', 'content/guides/beta/en.md', 'content/guides/beta2/en.md', '--clinic', 'content/clinics/a/clinic.yaml', '--jobs', '1'],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^content\/guides\/beta\/en\.md:2:1: error this guide and `content\/guides\/beta2\/en\.md` would both be written to `out\/beta\.en\.pdf`.*\[output-collision\]$/m,
    );
    expect(r.err).toMatch(
      /^content\/guides\/beta2\/en\.md:2:1: error this guide and `content\/guides\/beta\/en\.md` would both be written to `out\/beta\.en\.pdf`.*\[output-collision\]$/m,
    );
    expect(r.out).toMatch(/^build: 0 built, 0 up to date, 2 failed in /);
  }, 120_000);

  test('the guides not refused are built and written in input order; the refused ones, built meanwhile, are not', async () => {
    const dir = library();
    writeGuide(dir, 'beta2', 'en', 'Another guide.\n');
    const copy = path.join(dir, 'content/guides/beta2/en.md');
    writeFileSync(copy, readFileSync(copy, 'utf8').replace('id: beta2', 'id: beta'));
    const guides = ['content/guides/alpha/en.md', 'content/guides/beta/en.md', 'content/guides/beta2/en.md', 'content/guides/alpha/es.md'];
    const r = await run(['build', ...guides, '--clinic', 'content/clinics/a/clinic.yaml', '--jobs', '2'], dir);
    expect(r.code).toBe(1);
    // the refusals come before any output line, each once
    expect(r.err.match(/\[output-collision\]/g)).toHaveLength(2);
    expect(r.err.split('\n')[0]).toMatch(/^content\/guides\/beta\/en\.md:2:1: error this guide and `content\/guides\/beta2\/en\.md`/);
    expect(r.out).toMatch(/^out\/alpha\.en\.pdf \(1 page\)\nout\/alpha\.es\.pdf \(1 page\)\nbuild: 2 built, 0 up to date, 2 failed in /);
    expect(existsSync(path.join(dir, 'out/beta.en.pdf'))).toBe(false);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'out/.handout-manifest.json'), 'utf8')) as { outputs: Record<string, unknown> };
    expect(Object.keys(manifest.outputs).sort()).toEqual(['alpha.en.pdf', 'alpha.es.pdf']);
  }, 120_000);

  test('the refusal names the output a variant would write (large print), and removes that old output', async () => {
    const dir = library();
    const args = ['--clinic', 'content/clinics/a/clinic.yaml', '--large-print', '--jobs', '1'];
    expect((await run(['build', 'content/guides/beta/en.md', ...args], dir)).code).toBe(0);
    expect(existsSync(path.join(dir, 'out/beta.en.large.pdf'))).toBe(true);
    writeGuide(dir, 'beta2', 'en', 'Another guide.\n');
    const copy = path.join(dir, 'content/guides/beta2/en.md');
    writeFileSync(copy, readFileSync(copy, 'utf8').replace('id: beta2', 'id: beta'));
    const r = await run(['build', 'content/guides/beta/en.md', 'content/guides/beta2/en.md', ...args], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^content\/guides\/beta\/en\.md:2:1: error .* would both be written to `out\/beta\.en\.large\.pdf`.*\[output-collision\]$/m,
    );
    expect(existsSync(path.join(dir, 'out/beta.en.large.pdf'))).toBe(false);
  }, 120_000);
});
