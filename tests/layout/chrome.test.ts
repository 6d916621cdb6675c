import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { blocksKey, fillFields, hasPageFields, keptRegionFragment, placeRegion, regionFragment } from '../../src/layout/chrome.js';
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

  describe('kept regions', () => {
    const measurer = new Measurer(sharedFontBook());
    const footer = (): Block[] => [row([p([text('Page '), pageField, text(' of 5')])]), p([text('Kept footer text.')])];
    const withMeasurer = (m: Measurer): BlockContext => ({ ...ctx(), measurer: m });
    const n = (page: string) => ({ page, pages: '5' });

    it('lays a region out once for equal blocks, page numbers and place, the same layout as laying it out anew', () => {
      const a = keptRegionFragment(footer(), n('2'), 60, 492, withMeasurer(measurer));
      const b = keptRegionFragment(footer(), n('2'), 60, 492, withMeasurer(measurer));
      expect(b).toBe(a);
      expect(Object.isFrozen(a)).toBe(true);
      expect(Object.isFrozen(a.items[0])).toBe(true);
      expect(a).toEqual(regionFragment(fillFields(footer(), '2', '5'), 60, 492, ctx()));
      expect(a).not.toEqual(regionFragment(fillFields(footer(), '3', '5'), 60, 492, ctx())); // the numbers are in it
    });

    it('lays it out again for other page numbers or text, another place or width, or another measurer', () => {
      const a = keptRegionFragment(footer(), n('3'), 60, 492, withMeasurer(measurer));
      expect(keptRegionFragment(footer(), n('4'), 60, 492, withMeasurer(measurer))).not.toBe(a);
      expect(keptRegionFragment(footer(), { page: '3', pages: '6' }, 60, 492, withMeasurer(measurer))).not.toBe(a);
      expect(keptRegionFragment(footer(), n('3'), 61, 492, withMeasurer(measurer))).not.toBe(a);
      expect(keptRegionFragment(footer(), n('3'), 60, 400, withMeasurer(measurer))).not.toBe(a);
      expect(keptRegionFragment(footer(), n('3'), 60, 492, { ...withMeasurer(measurer), direction: 'rtl' })).not.toBe(a);
      expect(keptRegionFragment(footer(), n('3'), 60, 492, withMeasurer(new Measurer(sharedFontBook())))).not.toBe(a);
      const other = [footer()[0]!, p([text('Other footer text.')])];
      expect(keptRegionFragment(other, n('3'), 60, 492, withMeasurer(measurer))).not.toBe(a);
    });

    it('does not keep a region whose layout recorded a problem: each build records it again', () => {
      const missing = [p([text('No font has \u{E000} this character')])];
      const first = withMeasurer(measurer);
      const second = withMeasurer(measurer);
      keptRegionFragment(missing, n('1'), 60, 492, first);
      keptRegionFragment(missing, n('1'), 60, 492, second);
      expect(first.diags.list.map((d) => d.ruleId)).toContain('missing-glyph');
      expect(second.diags.list).toEqual(first.diags.list);
    });

    it('keys blocks by plain data only: not ones holding an image, and a field set to undefined is not a missing one', () => {
      const image = {
        kind: 'image',
        image: { data: Buffer.from('x'), format: 'png', width: 10, height: 10, key: 'k' },
        alt: 'logo',
        decorative: false,
        maxWidth: 40,
        space,
        place,
      } as unknown as Block;
      const blocks = [p([text('Clinic')])];
      expect(blocksKey(blocks)).toBeTypeOf('string');
      expect(blocksKey([...blocks, image])).toBeUndefined();
      const a = { ...(blocks[0] as Extract<Block, { kind: 'paragraph' }>), lang: undefined } as unknown as Block;
      const { lang: _lang, ...b } = blocks[0] as Extract<Block, { kind: 'paragraph' }>;
      expect(blocksKey([a])).not.toBe(blocksKey([b as Block]));
    });
  });
});
