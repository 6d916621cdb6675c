/**
 * The checklist template (`template: checklist`, `--template checklist`): the guide's checklist
 * items in groups under their headings, large boxes, name and date lines, one page for the
 * samples; with `fillable` a ticked and an unticked box differ in MuPDF's and poppler's renderings.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/build.js';
import { missingToolReason } from '../helpers/poppler.js';
import { brief, buildBody } from '../directives/helpers.js';

const BEFORE = path.join('content', 'guides', 'before-session', 'en.md');
const SEED = path.join('content', 'guides', 'first-ketamine-session', 'en.md');
const MM5 = (5 * 72) / 25.4;

/** Grey pixels (0–255) of a square region (points) of page 1 rendered at 150 dpi by MuPDF. */
function mupdfRegion(pdf: Uint8Array, r: number[]): number[] {
  const doc = new mupdf.PDFDocument(pdf);
  try {
    const page = doc.loadPage(0);
    const pix = page.toPixmap(mupdf.Matrix.scale(150 / 72, 150 / 72), mupdf.ColorSpace.DeviceGray, false, true);
    const s = 150 / 72;
    const out: number[] = [];
    const px = pix.getPixels();
    for (let y = Math.round(r[1]! * s); y < Math.round(r[3]! * s); y++)
      for (let x = Math.round(r[0]! * s); x < Math.round(r[2]! * s); x++) out.push(px[y * pix.getStride() + x]!);
    return out;
  } finally {
    doc.destroy();
  }
}

/** The same region rendered by poppler (`pdftoppm -gray`, PGM). */
function popplerRegion(pdf: Uint8Array, r: number[]): number[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handoutkit-ppm-'));
  const file = path.join(dir, 'in.pdf');
  writeFileSync(file, pdf);
  const res = spawnSync('pdftoppm', ['-r', '150', '-gray', '-f', '1', '-l', '1', file, path.join(dir, 'p')]);
  if (res.status !== 0) throw new Error(String(res.stderr));
  const pgm = readFileSync(path.join(dir, 'p-1.pgm'));
  // P5 header: magic, width, height, maxval, each followed by white space
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 50))!;
  const w = Number(header[1]);
  const data = pgm.subarray(header[0].length);
  const s = 150 / 72;
  const out: number[] = [];
  for (let y = Math.round(r[1]! * s); y < Math.round(r[3]! * s); y++)
    for (let x = Math.round(r[0]! * s); x < Math.round(r[2]! * s); x++) out.push(data[y * w + x]!);
  return out;
}

const ink = (pixels: number[]): number => pixels.filter((p) => p < 128).length;

describe('checklist template', () => {
  it('prints the checklist-only sample on one page: name and date lines, groups under headings, boxes of at least 5 mm', async () => {
    const r = await buildHandout({ guide: BEFORE });
    expect(brief(r)).toEqual([]);
    expect(r.pages).toBe(1);
    expect(r.breakViolations).toBe(0);
    const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: r.pdf! }).stdout.toString();
    for (const s of ['Name', 'Date', 'The day before', 'On the day', 'Bring with you', 'Photo ID and insurance card'])
      expect(text).toContain(s);
  });

  it('makes a checklist of the seed guide with --template checklist (the task lists only)', async () => {
    const r = await buildHandout({ guide: SEED, template: 'checklist' });
    expect(brief(r)).toEqual([]);
    expect(r.pages).toBe(1);
    const text = spawnSync('pdftotext', ['-', '-'], { input: r.pdf! }).stdout.toString();
    expect(text).toContain('Arrange a ride home');
    expect(text).not.toContain('NMDA receptor');
  });

  it('draws checklist boxes of at least 5 mm', async () => {
    const { layoutGuide } = await import('../layout/quality/page-quality.js');
    const { paged } = await layoutGuide(BEFORE);
    const boxes = paged!.pages[0]!.items.filter((i) => i.kind === 'checkbox');
    expect(boxes).toHaveLength(9);
    for (const b of boxes) expect(b.kind === 'checkbox' && b.size).toBeGreaterThanOrEqual(MM5);
  });

  it('refuses a checklist template on a guide with no checklist items', async () => {
    const r = await buildBody('Just text.\n', { template: 'checklist' });
    expect(r.pdf).toBeUndefined();
    expect(brief(r)).toEqual(['1:1 error checklist-empty']);
  });

  it.skipIf(missingToolReason('pdftoppm') !== null)('with fillable, a ticked and an unticked box differ in MuPDF and poppler', async () => {
    const r = await buildBody('## Before\n\n- [x] Ticked item\n- [ ] Unticked item\n', { fillable: true, template: 'checklist' });
    expect(brief(r)).toEqual([]);
    const doc = new mupdf.PDFDocument(r.pdf!);
    let rects: number[][];
    try {
      const page = doc.loadPage(0);
      const widgets = page.getWidgets().filter((w) => w.isCheckbox());
      expect(widgets.map((w) => w.getValue())).toEqual(['Yes', 'Off']);
      rects = widgets.map((w) => [...w.getBounds()]);
    } finally {
      doc.destroy();
    }
    // the inner part of each box (inside its border): only the tick puts ink there
    const inner = (b: number[]): number[] => {
      const k = (b[2]! - b[0]!) * 0.3;
      return [b[0]! + k, b[1]! + k, b[2]! - k, b[3]! - k];
    };
    for (const read of [mupdfRegion, popplerRegion]) {
      const ticked = ink(read(r.pdf!, inner(rects[0]!)));
      const unticked = ink(read(r.pdf!, inner(rects[1]!)));
      expect(ticked, read.name).toBeGreaterThan(10);
      expect(unticked, read.name).toBe(0);
    }
  });
});
