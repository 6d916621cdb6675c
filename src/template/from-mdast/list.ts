/** `list` / `listItem` → ListBlock of ListItemBlocks. */
import type { List, ListItem, Nodes } from 'mdast';
import type { Block, ListItemBlock } from '../../types/layout-tree.js';
import { placeOf, style, type State } from './state.js';

/** Bullet markers by nesting depth (the last repeats). */
export const BULLETS = ['•', '◦', '▪'] as const;

/** Converts a list item's content (used by {@link list}). */
export function listItem(node: Nodes, state: State, marker: string, tight: boolean): ListItemBlock {
  const item = node as ListItem;
  const { theme } = state.ctx;
  const wasTight = state.tight;
  state.tight = tight && !item.spread;
  const blocks = state.all(item.children);
  state.tight = wasTight;
  // in a checklist every item gets a box
  const checked = typeof item.checked === 'boolean' ? item.checked : state.checklist === true && state.listDepth === 1 ? false : null;
  return {
    marker: checked === null ? marker : '',
    markerStyle: style('regular', theme.body.size, theme.body.leading, theme.list.markerColor),
    checked,
    blocks,
    place: placeOf(item, state),
  };
}

/** Advance of a digit and of `.` in ems (upper bounds for the bundled sans faces), and the marker gap. */
const DIGIT_EM = 0.6;
const PERIOD_EM = 0.3;
const MARKER_GAP_EM = 0.5;

/**
 * Indent of a list: the theme's, widened so the longest ordered marker
 * (`200.`) still fits between the margin and the text.
 */
export function listIndent(ordered: boolean, lastNumber: number, state: State): number {
  const { theme } = state.ctx;
  if (!ordered) return theme.list.indent;
  const digits = String(Math.max(0, lastNumber)).length;
  const needed = (digits * DIGIT_EM + PERIOD_EM + MARKER_GAP_EM) * theme.body.size;
  return Math.max(theme.list.indent, Math.ceil(needed));
}

/** Converts an ordered or unordered list (nested lists included). */
export function list(node: Nodes, state: State): Block[] {
  const l = node as List;
  const { theme } = state.ctx;
  const ordered = l.ordered === true;
  const depth = state.listDepth;
  const start = l.start ?? 1;
  const bullet = BULLETS[Math.min(depth, BULLETS.length - 1)]!;
  const nested = depth > 0;
  state.listDepth = depth + 1;
  const items = l.children.map((item, i) => listItem(item, state, ordered ? `${start + i}.` : bullet, l.spread !== true));
  state.listDepth = depth;
  const big = state.checklist === true && !nested;
  return [
    {
      kind: 'list',
      ordered,
      items,
      indent: big ? theme.checklist.box + theme.checklist.itemGap * 1.5 : listIndent(ordered, start + items.length - 1, state),
      itemGap: big ? theme.checklist.itemGap : theme.list.itemGap,
      space: nested ? { before: theme.list.itemGap, after: 0 } : { before: 0, after: theme.paragraphAfter },
      checkboxColor: theme.list.markerColor,
      place: placeOf(l, state),
      ...(big ? { checkboxSize: theme.checklist.box } : {}),
    },
  ];
}
