/**
 * Fillable checklists: with `fillable` (build option or front matter), each task-list checkbox is
 * also an AcroForm checkbox field whose appearance streams draw the printed box, tagged as a
 * `Form` element inside the item's label. Read back with MuPDF, qpdf and the PDF/UA checker.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/index.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { parse } from '../../src/parse/parse.js';
import { expandPdf } from '../helpers/pdf-expand.js';
import { checkPdfUa } from '../helpers/pdfua-check.js';
import { openPdf, renderPagePng } from '../helpers/pdf-read.js';
import { comparePng } from '../helpers/png-compare.js';
import { missingToolReason, qpdfCheck } from '../helpers/poppler.js';

const RICH = path.resolve('tests/fixtures/guides/rich/en.md');

/** The rich fixture's task items, in order, with their initial state. */
const ITEMS = [
  ['item-1', 'Off', 'Photo ID and insurance card'],
  ['item-2', 'Yes', 'A list of every medicine you take, with doses (for example, 10 mg twice a day)'],
  ['item-3', 'Off', 'The name of a person who can drive you home'],
  ['item-4', 'Off', 'Comfortable clothes'],
] as const;

interface FieldInfo {
  page: number;
  name: string;
  value: string;
  tooltip: string;
  checkbox: boolean;
}

/** Every widget MuPDF finds, in page order. */
function fields(pdf: Uint8Array): FieldInfo[] {
  const doc = new mupdf.PDFDocument(pdf);
  try {
    const out: FieldInfo[] = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i);
      for (const w of page.getWidgets())
        out.push({ page: i, name: w.getName(), value: w.getValue(), tooltip: w.getLabel(), checkbox: w.isCheckbox() });
      page.destroy();
    }
    return out;
  } finally {
    doc.destroy();
  }
}

/** A guide with this front matter line and one task list, in a fresh folder. */
function guideWith(frontMatterLine: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-fill-'));
  const file = path.join(dir, 'en.md');
  writeFileSync(file, `---\nid: fill\ntitle: T\nlang: en\nversion: 1\n${frontMatterLine}---\n\n## Bring\n\n- [x] Your ID\n- [ ] A snack\n`);
  return file;
}

describe('fillable checklists', () => {
  let plain: Buffer;
  let fillable: Buffer;
  beforeAll(async () => {
    const [a, b] = await Promise.all([buildHandout({ guide: RICH }), buildHandout({ guide: RICH, fillable: true })]);
    // the fixture's placeholder pictures (192×96 and 8×2 pixels) print at 96 ppi: warned as blurry, nothing else
    const lowRes = ['image-low-resolution', 'image-low-resolution'];
    expect(a.diagnostics.map((d) => d.ruleId)).toEqual(lowRes);
    expect(b.diagnostics.map((d) => d.ruleId)).toEqual(lowRes);
    plain = a.pdf!;
    fillable = b.pdf!;
  });

  it('a default build has no form at all', () => {
    const doc = openPdf(plain);
    try {
      expect(doc.getTrailer().get('Root').get('AcroForm').isNull()).toBe(true);
    } finally {
      doc.destroy();
    }
    expect(fields(plain)).toEqual([]);
    expect(expandPdf(plain).toString('latin1')).not.toContain('/Widget');
    expect(expandPdf(fillable).toString('latin1')).toContain('/Widget'); // the check above can fail
  });

  it('a fillable build has one checkbox field per task item, named in order, with its state and the item text as tooltip', () => {
    expect(fields(fillable)).toEqual(ITEMS.map(([name, value, tooltip]) => ({ page: 0, name, value, tooltip, checkbox: true })));
    const doc = openPdf(fillable);
    try {
      const form = doc.getTrailer().get('Root').get('AcroForm');
      expect(form.get('Fields').length).toBe(ITEMS.length);
      // our appearance streams are the ones shown: viewers must not regenerate them
      expect(form.get('NeedAppearances').isNull()).toBe(true);
      const widget = doc.findPage(0).get('Annots').get(0);
      expect(widget.get('AS').asName()).toBe('Off');
      expect(widget.get('AP').get('N').get('Yes').isStream()).toBe(true);
      expect(widget.get('AP').get('N').get('Off').isStream()).toBe(true);
      expect(widget.get('F').asNumber() & 4).toBe(4); // printed
      expect(doc.findPage(0).get('Tabs').asName()).toBe('S');
    } finally {
      doc.destroy();
    }
  });

  it('passes the PDF/UA checker, each widget in a Form element inside the list label', () => {
    expect(checkPdfUa(fillable)).toEqual([]);
    const doc = openPdf(fillable);
    try {
      const parents: string[] = [];
      const annots = doc.findPage(0).get('Annots');
      const tree = doc.getTrailer().get('Root').get('StructTreeRoot').get('ParentTree').get('Nums');
      annots.forEach((a) => {
        if (a.get('Subtype').asName() !== 'Widget') return;
        const key = a.get('StructParent').asNumber();
        for (let i = 0; i < tree.length; i += 2) {
          if (tree.get(i).asNumber() !== key) continue;
          const form = tree.get(i + 1);
          parents.push(`${form.get('S').asName()} in ${form.get('P').get('S').asName()}`);
          // the label says nothing itself: the field tells its (changeable) state
          expect(form.get('P').get('ActualText').isNull()).toBe(true);
        }
      });
      expect(parents).toEqual(ITEMS.map(() => 'Form in Lbl'));
    } finally {
      doc.destroy();
    }
  });

  it('looks the same as the default build (MuPDF, page 1)', async () => {
    const cmp = await comparePng(renderPagePng(fillable, 0, 150), renderPagePng(plain, 0, 150), { channelTolerance: 2 });
    expect(cmp.sameSize).toBe(true);
    expect(cmp.differentPixels).toBe(0);
  });

  it('ticking a box in a viewer shows the tick from our appearance stream', async () => {
    const doc = new mupdf.PDFDocument(fillable);
    try {
      const page = doc.loadPage(0);
      const [first, second] = page.getWidgets();
      first!.toggle();
      second!.toggle();
      page.update();
      expect(page.getWidgets().map((w) => w.getValue())).toEqual(['Yes', 'Off', 'Off', 'Off']);
      const edited = Buffer.from(doc.saveToBuffer('').asUint8Array());
      page.destroy();
      const before = renderPagePng(fillable, 0, 100);
      const after = renderPagePng(edited, 0, 100);
      const cmp = await comparePng(after, before, { channelTolerance: 8 });
      expect(cmp.differentPixels).toBeGreaterThan(20);
    } finally {
      doc.destroy();
    }
  });

  it('is reproducible, and PDF/A output with fields also passes the checker', async () => {
    const again = await buildHandout({ guide: RICH, fillable: true });
    expect(Buffer.compare(again.pdf!, fillable)).toBe(0);
    const archival = await buildHandout({ guide: RICH, fillable: true, archival: true });
    expect(checkPdfUa(archival.pdf!)).toEqual([]);
    expect(fields(archival.pdf!)).toHaveLength(ITEMS.length);
  });

  const qpdfMissing = missingToolReason('qpdf');
  it.skipIf(qpdfMissing !== null)(`qpdf --check accepts the fillable file ${qpdfMissing ?? ''}`, () => {
    const r = qpdfCheck(fillable);
    expect(r.ok, r.output).toBe(true);
  });
});

describe('front matter `fillable`', () => {
  it('`fillable: true` turns the fields on without the build option', async () => {
    const r = await buildHandout({ guide: guideWith('fillable: true\n') });
    expect(r.diagnostics).toEqual([]);
    expect(fields(r.pdf!).map((f) => [f.name, f.value, f.tooltip])).toEqual([
      ['item-1', 'Yes', 'Your ID'],
      ['item-2', 'Off', 'A snack'],
    ]);
    expect(checkPdfUa(r.pdf!)).toEqual([]);
  });

  it('`fillable: false` or no key gives the plain handout; the build option turns it on either way', async () => {
    const off = await buildHandout({ guide: guideWith('fillable: false\n') });
    expect(fields(off.pdf!)).toEqual([]);
    const forced = await buildHandout({ guide: guideWith('fillable: false\n'), fillable: true });
    expect(fields(forced.pdf!)).toHaveLength(2);
  });

  it('any other value is a positioned error', () => {
    const diags = new Diagnostics();
    const doc = parse('g/en.md', '---\nid: g\ntitle: T\nlang: en\nversion: 1\nfillable: yes\n---\n\n- [ ] A\n', diags);
    expect(doc).toBeUndefined();
    expect(diags.list).toMatchObject([{ ruleId: 'guide-invalid-value', line: 6, column: 11, severity: 'error' }]);
    expect(diags.list[0]!.message).toContain('`fillable` must be `true`');
  });
});
