/**
 * Fill-in fields: `:field[Label]{width=60%}` and `::field[Label]{type=date}` print a labelled
 * writing line; with `fillable` they are AcroForm text fields named from their labels, with
 * tooltips, in reading order, tagged as `Form` (read back with MuPDF and the PDF/UA checker).
 */
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { layoutGuide } from '../layout/quality/page-quality.js';
import { checkPdfUa } from '../helpers/pdfua-check.js';
import { extractPageTexts } from '../helpers/pdf-read.js';
import { brief, buildBody, writeGuide } from './helpers.js';

const BODY =
  'Please fill in.\n\n:field[Patient name]{width=60%}\n\n::field[Appointment date]{type=date}\n\n- [ ] Bring your ID\n\n::field[Patient name]\n';

interface Widget {
  name: string;
  tooltip: string;
  text: boolean;
  y: number;
}

function widgets(pdf: Uint8Array): Widget[] {
  const doc = new mupdf.PDFDocument(pdf);
  try {
    const page = doc.loadPage(0);
    return page.getWidgets().map((w) => ({ name: w.getName(), tooltip: w.getLabel(), text: w.isText(), y: Math.round(w.getBounds()[1]) }));
  } finally {
    doc.destroy();
  }
}

describe('fill-in fields', () => {
  it('print a label and a writing line sized for handwriting, as wide as asked', async () => {
    const { paged, tree } = await layoutGuide(writeGuide(BODY));
    const fields = paged!.pages[0]!.items.filter((i) => i.kind === 'field');
    expect(fields.map((f) => (f.kind === 'field' ? [f.label, f.type] : []))).toEqual([
      ['Patient name', 'text'],
      ['Appointment date', 'date'],
      ['Patient name', 'text'],
    ]);
    const column = tree!.page.width - tree!.page.margin.left - tree!.page.margin.right;
    const [name, , full] = fields.map((f) => (f.kind === 'field' ? f : undefined));
    // the label and the line take 60% of the column; the line starts after the label
    expect(name!.x + name!.width).toBeCloseTo(tree!.page.margin.left + column * 0.6, 3);
    expect(full!.x + full!.width).toBeCloseTo(tree!.page.margin.left + column, 3);
    expect(name!.height).toBeGreaterThanOrEqual(24); // ≈ 8.5 mm of writing space
    const label = paged!.pages[0]!.items.find((i) => i.kind === 'text' && i.text.startsWith('Patient'));
    expect(label!.kind === 'text' && label!.x + label!.width).toBeLessThan(name!.x);
  });

  it('read back as text with their labels', async () => {
    const r = await buildBody(BODY);
    expect(brief(r)).toEqual([]);
    expect(extractPageTexts(r.pdf!)[0]).toContain('Appointment date');
  });

  it('are AcroForm text fields with --fillable: names from labels, tooltips, reading order, Form tags', async () => {
    const r = await buildBody(BODY, { fillable: true });
    expect(brief(r)).toEqual([]);
    const ws = widgets(r.pdf!);
    expect(ws.map((w) => [w.name, w.tooltip, w.text])).toEqual([
      ['patient-name', 'Patient name', true],
      ['appointment-date', 'Appointment date', true],
      ['item-1', 'Bring your ID', false],
      ['patient-name-2', 'Patient name', true],
    ]);
    // tab order is the structure order (/Tabs /S), which is reading order: top to bottom here
    expect(ws.map((w) => w.y)).toEqual([...ws.map((w) => w.y)].sort((a, b) => a - b));
    expect(checkPdfUa(r.pdf!)).toEqual([]);
    const doc = new mupdf.PDFDocument(r.pdf!);
    try {
      const page = doc.findPage(0);
      expect(page.get('Tabs').asName()).toBe('S');
      const nums = doc.getTrailer().get('Root').get('StructTreeRoot').get('ParentTree').get('Nums');
      const roles: string[] = [];
      page.get('Annots').forEach((a) => {
        if (a.get('FT').asName() !== 'Tx') return;
        const key = a.get('StructParent').asNumber();
        for (let i = 0; i < nums.length; i += 2)
          if (nums.get(i).asNumber() === key)
            roles.push(
              `${nums
                .get(i + 1)
                .get('S')
                .asName()} in ${nums
                .get(i + 1)
                .get('P')
                .get('S')
                .asName()}`,
            );
        // an appearance stream of its own
        expect(a.get('AP').get('N').isStream()).toBe(true);
      });
      expect(roles).toEqual(['Form in P', 'Form in P', 'Form in P']);
    } finally {
      doc.destroy();
    }
  });

  it.each([
    ['::field[Name]{width=5%}', 'invalid-field'],
    ['::field[Name]{type=number}', 'invalid-field'],
    ['::field[]', 'invalid-field'],
    ['::field[Name]{widht=50%}', 'directive-attribute'],
  ])('refuses `%s` with a positioned error and no PDF', async (src, rule) => {
    const r = await buildBody(`${src}\n`);
    expect(r.pdf).toBeUndefined();
    expect(brief(r)).toEqual([`8:1 error ${rule}`]);
  });
});
