/** Guard: marked content as a structure kid and outline destinations (`pdf-adapter/structure.ts`). */
import { describe, expect, it } from 'vitest';
import { addMarkedContent, addOutlineItem } from '../../../src/render/pdf-adapter/index.js';
import { newDoc, reopen } from './helpers.js';

describe('pdf-adapter structure', () => {
  it('adds marked content to a structure element (an MCID kid) and an XYZ bookmark', async () => {
    const doc = newDoc();
    const p = doc.struct('P');
    doc.addStructure(p);
    const mc = doc.markStructureContent('P');
    doc.font('sans-regular').fontSize(12).text('Tagged', 10, 10, { lineBreak: false });
    doc.endMarkedContent();
    addMarkedContent(p, mc);
    p.end();
    addOutlineItem(doc.outline, 'Section', { pageNumber: 0, top: 100, left: 612 });
    const pdf = await reopen(doc);
    const root = pdf.getTrailer().get('Root');
    const kids = root.get('StructTreeRoot').get('K');
    const elem = kids.isArray() ? kids.get(0) : kids;
    const k = elem.get('S').asName() === 'P' ? elem.get('K') : elem.get('K').get(0).get('K');
    const first = k.isArray() ? k.get(0) : k;
    expect(first.isNumber() ? first.asNumber() : first.get('MCID').asNumber()).toBe(0);
    const item = root.get('Outlines').get('First');
    expect(item.get('Title').asString()).toBe('Section');
    const dest = item.get('Dest');
    expect(dest.get(1).asName()).toBe('XYZ');
    expect(dest.get(2).asNumber()).toBe(0); // PDFKit 0.20 writes left 0 whatever `left` says
    expect(dest.get(3).asNumber()).toBe(792 - 100);
  });
});
