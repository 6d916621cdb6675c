/** GFM `table` → TableBlock (header row + body rows). */
import type { AlignType, Nodes, Table, TableRow as MdRow } from 'mdast';
import type { Block, TableCell, TableRow, TextStyle } from '../../types/layout-tree.js';
import { inlines } from './inline.js';
import { placeOf, style, type State } from './state.js';
import { trimInlines } from './whitespace.js';

function cellAlign(a: AlignType | undefined): TableCell['align'] {
  return a === 'center' ? 'center' : a === 'right' ? 'end' : 'start';
}

function row(r: MdRow, align: readonly (AlignType | undefined)[], base: TextStyle, columns: number, state: State): TableRow {
  const cells: TableCell[] = [];
  for (let i = 0; i < columns; i++) {
    const c = r.children[i];
    cells.push({ inlines: c ? trimInlines(inlines(c.children, base, state)) : [], align: cellAlign(align[i]) });
  }
  const extra = r.children[columns];
  if (extra) {
    state.ctx.diags.warning(
      placeOf(extra, state),
      `this table row has ${r.children.length} cells but the header has ${columns}; the extra cells are not printed (GFM ` +
        `tables take their column count from the header) — add header cells or remove the extra \`|\` cells`,
      'table-extra-cells',
    );
  }
  return { cells, place: placeOf(r, state) };
}

/** Converts a table; every row gets as many cells as the header. */
export function table(node: Nodes, state: State): Block[] {
  const t = node as Table;
  const { theme } = state.ctx;
  const [head, ...body] = t.children;
  if (!head) return [];
  const align = t.align ?? [];
  const columns = head.children.length;
  const cellStyle = style('regular', theme.table.size, theme.table.leading, theme.body.color);
  return [
    {
      kind: 'table',
      header: row(head, align, { ...cellStyle, face: 'bold' }, columns, state),
      rows: body.map((r) => row(r, align, cellStyle, columns, state)),
      borderColor: theme.table.border,
      headerBackground: theme.table.headerBackground,
      cellPadding: theme.table.padding,
      space: { before: 0, after: theme.paragraphAfter },
      place: placeOf(t, state),
      lang: state.ctx.lang,
    },
  ];
}
