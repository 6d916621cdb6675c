import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { hasPageFields, placeRegion, regionFragment } from '../../src/layout/chrome.js';
import { sharedFontBook } from '../../src/layout/fonts/font-book.js';
import { Measurer } from '../../src/layout/fonts/measure.js';
import { StructureBuilder } from '../../src/layout/structure.js';
import type { Block, Inline, TextStyle } from '../../src/types/layout-tree.js';
import type { BlockContext } from '../../src/layout/blocks/context.js';

const style: TextStyle = { face: 'regular', size: 8, leading: 11, color: '#000000', strike: false, underline: false };
const place = { file: 'footer.hbs', line: 1, column: 1 };
const space = { before: 0, after: 4 };
const p = (inlines: Inline[]): Block => ({ kind: 'paragraph', inlines, align: 'start', space, place, lang: 'en', hyphenate: false });
const text = (t: string): Inline => ({ kind: 'text', text: t, style });
const pageField: Inline = { kind: 'field', field: 'page', style };
const row = (blocks: Block[]): Block => ({
  kind: 'row',
  gap: 12,
  space,
  padding: 0,
  columns: [
    { width: 'fill', valign: 'top', blocks: [p([text('Questions? Call (555) 010-0199')])] },
    { width: 'auto', valign: 'top', blocks },
  ],
});

const ctx = (): BlockContext => ({
  measurer: new Measurer(sharedFontBook()),
  diags: new Diagnostics(),
  structure: new StructureBuilder(),
  bodyHeight: 600,
  tagged: true,
  direction: 'ltr',
});

describe('page chrome', () => {
  it('knows whether a region has page numbers, also inside rows', () => {
    expect(hasPageFields([p([text('Clinic')]), row([p([text('v1')])])])).toBe(false);
    expect(hasPageFields([p([text('Page '), pageField])])).toBe(true);
    expect(hasPageFields([row([p([text('Page '), pageField])])])).toBe(true);
  });

  it('places one laid-out region at any y as new artifact items, moved by the difference', () => {
    const blocks = [row([p([text('Version 3')])]), p([text('This handout does not replace advice from your care team.')])];
    const f = regionFragment(blocks, 60, 492, ctx());
    const a = placeRegion(f, 700);
    const b = placeRegion(f, 690);
    expect(a.items.length).toBeGreaterThan(2);
    expect(a.height).toBe(f.height);
    a.items.forEach((item, i) => {
      const other = b.items[i]!;
      expect(item).not.toBe(other);
      expect(item.owner).toBeNull();
      expect({ ...item, y: 0, ...('y1' in item ? { y1: 0, y2: 0 } : {}) }).toEqual({
        ...other,
        y: 0,
        ...('y1' in other ? { y1: 0, y2: 0 } : {}),
      });
    });
  });
});
