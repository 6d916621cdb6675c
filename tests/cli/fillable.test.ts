/** `handout build --fillable`: task-list checkboxes become form fields, one guide or several (worker threads). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { runHandout, tempDir } from '../helpers/cli.js';
import { ensureDist } from '../robustness/ensure-dist.js';

const RICH = path.resolve('tests/fixtures/guides/rich/en.md');
const SEED = path.resolve('content/guides/first-ketamine-session/en.md');

async function run(args: string[]): Promise<{ code: number; err: string; cwd: string }> {
  const cwd = tempDir('handout-fillable-');
  const { code, err } = await runHandout(args, cwd);
  return { code, err, cwd };
}

/** Names of the checkbox fields MuPDF finds in a file. */
function fieldNames(file: string): string[] {
  const doc = new mupdf.PDFDocument(readFileSync(file));
  try {
    const names: string[] = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i);
      for (const w of page.getWidgets()) if (w.isCheckbox()) names.push(w.getName());
      page.destroy();
    }
    return names;
  } finally {
    doc.destroy();
  }
}

describe('handout build --fillable', () => {
  beforeAll(async () => {
    await ensureDist();
  });

  it('adds one field per task item; without the flag there are none', async () => {
    const plain = await run(['build', RICH, '-o', 'plain.pdf']);
    const fill = await run(['build', RICH, '--fillable', '-o', 'fill.pdf']);
    // the only diagnostics: the fixture's placeholder pictures print at 96 ppi (blurry on paper)
    const others = (err: string): string[] =>
      err
        .replace(/^.*\[image-low-resolution\](?:\n {2}hint: .*)?$/gm, '')
        .split('\n')
        .filter((l) => l !== '');
    expect([plain.code, others(plain.err), fill.code, others(fill.err)]).toEqual([0, [], 0, []]);
    expect(fieldNames(path.join(plain.cwd, 'plain.pdf'))).toEqual([]);
    expect(fieldNames(path.join(fill.cwd, 'fill.pdf'))).toEqual(['item-1', 'item-2', 'item-3', 'item-4']);
  });

  it('passes the flag to every guide of a multi-guide build', async () => {
    const r = await run(['build', RICH, SEED, '--fillable', '--jobs', '2', '--out-dir', 'o']);
    expect(r.code).toBe(0);
    expect(fieldNames(path.join(r.cwd, 'o', 'before-your-visit.en.pdf'))).toHaveLength(4);
    expect(fieldNames(path.join(r.cwd, 'o', 'first-ketamine-session.en.pdf')).length).toBeGreaterThan(0); // its "Before Your Session" checklist
  });
});
