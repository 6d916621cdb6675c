/**
 * The published package: `npm pack` (whose `prepack` compiles `dist/`) gives a tarball that installs into a
 * fresh project, where `handout --version` and a build of a guide work. Packing happens in a copy of the
 * project so the checkout's own `dist/` is never touched while other tests run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve('.');
const work = mkdtempSync(path.join(os.tmpdir(), 'handout-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 600_000,
  });

describe('npm pack', () => {
  it('packs dist/ (built by prepack) without tests, installs into a fresh project, and builds a guide there', () => {
    // a copy of the project as git has it (no dist/), with the dev dependencies linked for the prepack build
    const src = path.join(work, 'src');
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f !== '' && existsSync(path.join(ROOT, f)));
    for (const f of tracked) {
      mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
      cpSync(path.join(ROOT, f), path.join(src, f));
    }
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(src, 'node_modules'), 'dir');
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], src)) as {
      filename: string;
      files: { path: string }[];
      size: number;
    }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('bin/handout.js');
    expect(files).toContain('templates/handout.hbs');
    expect(files).toContain('locales/en.json');
    expect(files).toContain('fonts/NotoSans-Regular.ttf');
    expect(files).toContain('content/clinics/example-community/clinic.yaml');
    expect(files.filter((f) => f.startsWith('tests/') || f.startsWith('src/') || f.startsWith('bench/'))).toEqual([]);

    // a fresh project installs the tarball from the registry's dependencies
    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'clinic-handouts', version: '1.0.0', private: true, type: 'module' }),
    );
    npm(['install', path.join(work, packed[0]!.filename)], app);
    const bin = path.join(app, 'node_modules/.bin/handout');
    const version = execFileSync(bin, ['--version'], { cwd: app, encoding: 'utf8' }).trim();
    expect(version).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);

    const gdir = path.join(app, 'guides/welcome');
    mkdirSync(gdir, { recursive: true });
    writeFileSync(
      path.join(gdir, 'en.md'),
      '---\nid: welcome\ntitle: Welcome\nlang: en\nversion: 1\n---\n\nCall {{clinic.contact.phone}} with questions.\n',
    );
    execFileSync(bin, ['build', 'guides/welcome/en.md', '--out-dir', 'pdfs'], { cwd: app, encoding: 'utf8' });
    expect(readdirSync(path.join(app, 'pdfs'))).toContain('welcome.en.pdf');
    expect(readFileSync(path.join(app, 'pdfs/welcome.en.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 900_000);
});
