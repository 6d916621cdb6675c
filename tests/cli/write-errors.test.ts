/**
 * File-system failures while writing (disk full, permission denied, an immutable file) are one-line errors
 * naming the path and what to do, with exit 1 — never `internal error` (exit 3) — and the stale old PDF is removed.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi, beforeAll } from 'vitest';
import { ensureDist } from '../robustness/ensure-dist.js';

const failing = vi.hoisted(() => ({ code: undefined as string | undefined, only: undefined as RegExp | undefined }));

vi.mock('../../src/io/atomic-write.js', async (importOriginal) => {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- vi.mock's factory types the original module this way
  const real = await importOriginal<typeof import('../../src/io/atomic-write.js')>();
  return {
    ...real,
    writeFileAtomic: (file: string, data: Uint8Array): void => {
      if (failing.code && (!failing.only || failing.only.test(file))) {
        throw Object.assign(new Error(`${failing.code}: simulated, write '${file}'`), { code: failing.code });
      }
      real.writeFileAtomic(file, data);
    },
    writeFileAtomicAsync: async (file: string, data: Uint8Array): Promise<void> => {
      if (failing.code && (!failing.only || failing.only.test(file))) {
        throw Object.assign(new Error(`${failing.code}: simulated, write '${file}'`), { code: failing.code });
      }
      await real.writeFileAtomicAsync(file, data);
    },
  };
});

import { runHandout } from '../helpers/cli.js';

beforeAll(async () => {
  await ensureDist(); // every document is built in a worker thread, from dist/
}, 120_000);

function workspace(): { dir: string; guide: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-wfail-'));
  const gdir = path.join(dir, 'content/guides/alpha');
  mkdirSync(gdir, { recursive: true });
  writeFileSync(path.join(gdir, 'en.md'), '---\nid: alpha\ntitle: Alpha\nlang: en\nversion: 1\n---\n\nRest well.\n');
  return { dir, guide: path.join(gdir, 'en.md') };
}

const run = runHandout; // imports the CLI after the mock above is in place

afterEach(() => {
  failing.code = undefined;
  failing.only = undefined;
});

describe('write failures', () => {
  it.each([
    ['ENOSPC', 'the disk is full; free some space and build again'],
    ['EACCES', 'permission denied; choose a folder you can write to'],
    ['EPERM', 'the operation is not permitted (the file or folder may be immutable'],
  ])('%s writing the PDF: one line naming the path, exit 1, the old PDF removed', async (code, advice) => {
    const ws = workspace();
    expect((await run(['build', ws.guide], ws.dir)).code).toBe(0);
    const pdf = path.join(ws.dir, 'out', 'alpha.en.pdf');
    expect(existsSync(pdf)).toBe(true);
    failing.code = code;
    failing.only = /alpha\.en\.pdf$/;
    const r = await run(['build', ws.guide, '--force'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^handout: cannot write `out\/alpha\.en\.pdf`: [^\n]+\n$/);
    expect(r.err).toContain(advice);
    expect(r.err).toContain(`[${code}]`);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(pdf)).toBe(false);
  });

  it('a manifest that cannot be written is one line and exit 1, the PDF itself written', async () => {
    const ws = workspace();
    failing.code = 'ENOSPC';
    failing.only = /handout-manifest/;
    const r = await run(['build', ws.guide], ws.dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^handout: cannot write the build manifest `out\/\.handout-manifest\.json`: the disk is full; [^\n]*\[ENOSPC\]; the next build will rebuild what it cannot verify\n$/,
    );
    expect(existsSync(path.join(ws.dir, 'out', 'alpha.en.pdf'))).toBe(true);
  });
});
