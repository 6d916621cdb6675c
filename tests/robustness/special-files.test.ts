/** FIFOs and devices are never read: as a guide, a partial or an image they are refused at once (a read would hang or never end). */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test, beforeAll } from 'vitest';
import { sampleClinicPath } from '../../src/build.js';
import { runHandout } from '../helpers/cli.js';
import { buildSource, FRONT_MATTER, tempDir } from './helpers.js';
import { ensureDist } from './ensure-dist.js';

beforeAll(async () => {
  await ensureDist(); // every document is built in a worker thread, from dist/
}, 120_000);

const cli = runHandout;

describe('special files', () => {
  test('a FIFO as the guide: build and check fail at once with a positioned error', async () => {
    const dir = tempDir();
    const guides = path.join(dir, 'content/guides/g');
    mkdirSync(guides, { recursive: true });
    execFileSync('mkfifo', [path.join(guides, 'en.md')]);
    for (const command of ['build', 'check']) {
      const r = await cli([command, 'content/guides/g/en.md'], dir);
      expect(r.code, command).toBe(1);
      expect(r.err, command).toMatch(/^content\/guides\/g\/en\.md:1:1: error cannot read the guide: .*not a regular file/m);
    }
  }, 30_000);

  test('/dev/zero linked as the guide is refused without reading it', async () => {
    const dir = tempDir();
    symlinkSync('/dev/zero', path.join(dir, 'en.md'));
    const r = await cli(['build', 'en.md'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is outside the content folder|not a regular file/); // refused before a byte is read
  });

  test('a FIFO as a partial override is a template error naming it', async () => {
    const cdir = path.join(tempDir(), 'clinic');
    cpSync(path.dirname(sampleClinicPath()), cdir, { recursive: true });
    mkdirSync(path.join(cdir, 'templates', 'partials'), { recursive: true });
    const fifo = path.join(cdir, 'templates', 'partials', 'footer.hbs');
    execFileSync('mkfifo', [fifo]);
    const r = await buildSource(`${FRONT_MATTER}Hello.\n`, tempDir(), 'guide.md', { clinic: path.join(cdir, 'clinic.yaml') });
    expect(r.pdf).toBeUndefined();
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e).toMatchObject({ file: fifo, line: 1, column: 1, ruleId: 'template-error' });
    expect(e.message).toContain('not a regular file');
  });

  test('a FIFO as an image is refused as not a file', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'pic.png')]);
    const r = await buildSource(`${FRONT_MATTER}![A picture](pic.png)\n`, dir);
    expect(r.diagnostics.find((d) => d.severity === 'error')?.ruleId).toBe('image-not-a-file');
  });
});
