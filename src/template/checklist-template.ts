/**
 * The checklist template's body: the guide's checklist items only — task lists (`- [ ]`) and
 * `:::checklist` blocks, with the guide's `::field` lines and `::qr` codes — grouped under the section headings they
 * stand in, each group kept on
 * one page when it fits, after fill-in lines for the patient's name and the date.
 */
import type { Heading, List, Nodes, Root } from 'mdast';
import type { Block, GroupBlock } from '../types/layout-tree.js';
import { asChecklist, CHECKLIST, checklistDirective, groupHeading, headingRuns } from '../directives/checklist.js';
import { FIELD, fieldBlock, fieldFromLabel } from '../directives/field.js';
import { QR, qrBlock } from '../directives/qr.js';
import type { State } from './from-mdast/state.js';

/** A section of the guide and the checklist content found in it. */
interface Section {
  readonly heading: Heading | undefined;
  readonly parts: Block[];
}

/** Whether a list has task items. */
function isTaskList(node: Nodes): node is List {
  return node.type === 'list' && node.children.some((i) => typeof i.checked === 'boolean');
}

/** Only the task items of a list (other items are text of the handout, not things to tick). */
function taskItemsOf(list: List): List {
  return { ...list, children: list.children.filter((i) => typeof i.checked === 'boolean') };
}

/** The checklist content in `node` (itself, or inside quotes and callouts), in document order. */
function collect(node: Nodes, state: State, out: Block[]): void {
  if (node.type === 'containerDirective' && node.name === CHECKLIST) {
    out.push(...checklistDirective(node, state));
    return;
  }
  if (isTaskList(node)) {
    out.push(...asChecklist(state, () => state.one(taskItemsOf(node))));
    return;
  }
  if (node.type === 'leafDirective' && node.name === FIELD) {
    out.push(fieldBlock(node, state));
    return;
  }
  if (node.type === 'leafDirective' && node.name === QR) {
    out.push(qrBlock(node, state));
    return;
  }
  if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading')
    for (const c of node.children as Nodes[]) collect(c, state, out);
}

/**
 * Converts a guide to the checklist template's body. Returns an empty list when the guide has no
 * checklist item (the caller reports that).
 */
export function checklistBody(root: Root, state: State): Block[] {
  const sections: Section[] = [{ heading: undefined, parts: [] }];
  for (const node of root.children) {
    if (node.type === 'heading' && node.depth >= 2) sections.push({ heading: node, parts: [] });
    else collect(node, state, sections[sections.length - 1]!.parts);
  }
  const groups: Block[] = [];
  for (const s of sections) {
    if (s.parts.length === 0) continue;
    // one group per section: its heading with the items, so the heading never ends a page alone
    const head = s.heading ? [groupHeading(headingRuns(s.heading.children, state, 2), s.heading, state, 2)] : [];
    const group: GroupBlock = { kind: 'group', blocks: [...head, ...s.parts], space: { before: 0, after: state.ctx.theme.paragraphAfter } };
    groups.push(group);
  }
  if (groups.length === 0) return [];
  const labels = state.ctx.labels;
  const { theme, contentWidth } = state.ctx;
  const fillIn: Block = {
    kind: 'row',
    gap: 3 * theme.rhythm,
    padding: 0,
    space: { before: 0, after: 2 * theme.rhythm },
    columns: [
      {
        width: 'fill',
        valign: 'bottom',
        blocks: [
          {
            ...fieldFromLabel([{ type: 'text', value: labels.fieldName }], 'text', 1, root.children[0], state),
            space: { before: 0, after: 0 },
          },
        ],
      },
      {
        width: Math.round(contentWidth * 0.36),
        valign: 'bottom',
        blocks: [
          {
            ...fieldFromLabel([{ type: 'text', value: labels.fieldDate }], 'date', 1, root.children[0], state),
            space: { before: 0, after: 0 },
          },
        ],
      },
    ],
  };
  return [fillIn, ...groups];
}
