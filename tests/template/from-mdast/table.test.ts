import { describe, expect, it } from 'vitest';
import { as, blocks, text, THEME } from './helpers.js';

describe('table', () => {
  it('converts header and rows with alignment and theme sizes', () => {
    const md = '| Time | Step | Notes |\n|:-----|:----:|------:|\n| 9:00 | **Arrive** | bring ID |\n| 9:30 | Start |\n';
    const t = as(blocks(md).blocks[0], 'table');
    expect(t.header.cells.map((c) => [text(c.inlines), c.align])).toEqual([
      ['Time', 'start'],
      ['Step', 'center'],
      ['Notes', 'end'],
    ]);
    expect(t.header.cells[0]!.inlines[0]!.style).toMatchObject({ face: 'bold', size: THEME.table.size, leading: THEME.table.leading });
    expect(t.rows.map((r) => r.cells.map((c) => text(c.inlines)))).toEqual([
      ['9:00', 'Arrive', 'bring ID'],
      ['9:30', 'Start', ''],
    ]);
    expect(t.rows[0]!.cells[1]!.inlines[0]!.style.face).toBe('bold');
    expect(t.rows[1]!.place.line).toBe(4);
    expect(t).toMatchObject({
      borderColor: THEME.table.border,
      headerBackground: THEME.table.headerBackground,
      cellPadding: THEME.table.padding,
      lang: 'en',
    });
  });

  it('warns, at the first extra cell, when a row has more cells than the header', () => {
    const { blocks: out, diags } = blocks('| A | B |\n|---|---|\n| 1 | 2 | 3 |\n');
    expect(as(out[0], 'table').rows[0]!.cells).toHaveLength(2);
    expect(diags.list.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual(['3:9 warning table-extra-cells']);
  });
});
