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

describe('fill-in fields inside a sentence', () => {
  const SENTENCE = 'Please write :field[your name]{width=45%} here, and the date :field[Date]{type=date} so we can file this form.\n';

  it('are set inline: the label, then a writing line in the same line of text, the text going on after it', async () => {
    const { paged, tree } = await layoutGuide(writeGuide(SENTENCE));
    const items = paged!.pages[0]!.items;
    const fields = items.filter((i) => i.kind === 'field');
    expect(fields.map((f) => (f.kind === 'field' ? [f.label, f.type] : []))).toEqual([
      ['your name', 'text'],
      ['Date', 'date'],
    ]);
    const name = fields[0]!.kind === 'field' ? fields[0] : undefined;
    const text = (start: string) => items.find((i) => i.kind === 'text' && i.text.startsWith(start));
    const before = text('Please write');
    const label = text('your name');
    const after = text(' here,') ?? text('here,');
    for (const t of [before, label, after]) expect(t?.kind).toBe('text');
    if (before?.kind !== 'text' || label?.kind !== 'text' || after?.kind !== 'text' || !name) return;
    // one line of text: the sentence, the label and the text after the field share a baseline
    expect(label.y).toBeCloseTo(before.y, 3);
    expect(after.y).toBeCloseTo(before.y, 3);
    // left to right: sentence, label, writing line, the rest of the sentence
    expect(label.x).toBeGreaterThan(before.x + before.width - 0.01);
    expect(name.x).toBeGreaterThan(label.x + label.width);
    expect(after.x).toBeGreaterThanOrEqual(name.x + name.width - 0.01);
    // the writing line (the field's bottom edge) just under the baseline, with room for handwriting above it
    expect(name.y + name.height).toBeCloseTo(label.y + 3, 3);
    expect(name.height).toBeGreaterThanOrEqual(24);
    // label and line take 45% of the column
    const column = tree!.page.width - tree!.page.margin.left - tree!.page.margin.right;
    expect(name.x + name.width - label.x).toBeCloseTo(column * 0.45, 0);
    // one paragraph: no field block, the field owned by the paragraph's P
    expect(tree!.body.filter((b) => b.kind === 'field')).toEqual([]);
    expect(paged!.structure[name.owner!]!.role).toBe('P');
  });

  it('with --fillable, the AcroForm field sits over the writing line; the text reads back in order', async () => {
    const r = await buildBody(SENTENCE, { fillable: true });
    expect(brief(r)).toEqual([]);
    const { paged } = await layoutGuide(writeGuide(SENTENCE));
    const lines = paged!.pages[0]!.items.filter((i) => i.kind === 'field');
    const doc = new mupdf.PDFDocument(r.pdf!);
    try {
      const ws = doc.loadPage(0).getWidgets();
      expect(ws.map((w) => [w.getName(), w.getLabel(), w.isText()])).toEqual([
        ['your-name', 'your name', true],
        ['date', 'Date', true],
      ]);
      ws.forEach((w, i) => {
        const f = lines[i]!;
        if (f.kind !== 'field') throw new Error('not a field');
        const [x0, y0, x1, y1] = w.getBounds();
        expect(x0).toBeCloseTo(f.x, 0);
        expect(x1).toBeCloseTo(f.x + f.width, 0);
        expect(y0).toBeCloseTo(f.y, 0);
        expect(y1).toBeCloseTo(f.y + f.height, 0);
      });
    } finally {
      doc.destroy();
    }
    expect(checkPdfUa(r.pdf!)).toEqual([]);
    expect(extractPageTexts(r.pdf!)[0]!.replace(/\s+/g, ' ')).toContain(
      'Please write your name here, and the date Date so we can file this form.',
    );
  });

  it('keep a paragraph that is only a field as a field block', async () => {
    const { tree } = await layoutGuide(writeGuide(':field[Patient name]{width=60%}\n'));
    expect(tree!.body.filter((b) => b.kind === 'field').length).toBe(1);
  });
});
