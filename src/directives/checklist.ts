/**
 * The `checklist` directive: `:::checklist[Before your session]` around a list makes a checklist
 * group — the label as its heading, every item with a large (≥ 5 mm) box, kept on one page when
 * it fits. Task lists (`- [ ]`) elsewhere in a guide are checklist items too (see the checklist
 * template, src/template/checklist-template.ts).
 */
import type { Nodes, Paragraph } from 'mdast';
import type { Diagnostics, SourcePlace } from '../diagnostics.js';
import type { Block, GroupBlock, Inline } from '../types/layout-tree.js';
import type { ContainerDirective } from '../parse/mdast-extra.js';
import { inlines } from '../template/from-mdast/inline.js';
import { placeOf, style, type State } from '../template/from-mdast/state.js';
import { trimInlines } from '../template/from-mdast/whitespace.js';
import { z } from 'zod';
import { checkAttributeNames } from './attributes.js';
import type { DirectiveDefinition } from './types.js';

/** Name of the directive. */
export const CHECKLIST = 'checklist';

/** The directive's label paragraph (`:::checklist[Label]`), if any. */
export function checklistLabel(d: ContainerDirective): Paragraph | undefined {
  const first = d.children[0];
  return first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true
    ? first
    : undefined;
}

/** Validates a checklist directive (resolve stage): no attributes, and at least one list inside. */
export function checkChecklist(d: ContainerDirective, place: SourcePlace, diags: Diagnostics): boolean {
  const ok = checkAttributeNames(':::checklist', d.attributes, [], place, diags);
  if (!d.children.some((c) => c.type === 'list')) {
    diags.error(
      place,
      '`:::checklist` holds a list of the things to do (`- Arrange a ride home`), and this one has none',
      'invalid-checklist',
    );
    return false;
  }
  return ok;
}

/** Runs `fn` with list items drawn as large checklist boxes, their text at the checklist's size. */
export function asChecklist<T>(state: State, fn: () => T): T {
  const was = state.checklist;
  const ctx = state.ctx;
  const { checklist } = ctx.theme;
  const writable = state as { ctx: State['ctx'] };
  state.checklist = true;
  writable.ctx = { ...ctx, theme: { ...ctx.theme, body: { ...ctx.theme.body, size: checklist.size, leading: checklist.leading } } };
  try {
    return fn();
  } finally {
    state.checklist = was;
    writable.ctx = ctx;
  }
}

/** A checklist group's heading: bold, in the heading colour, kept with the items. */
export function groupHeading(runs: readonly Inline[], node: Nodes | undefined, state: State, level = 3): Block {
  const text = runs
    .map((r) => (r.kind === 'text' ? r.text : ' '))
    .join('')
    .replace(/\s+/gu, ' ')
    .trim();
  const h = state.ctx.theme.headings[level - 1]!;
  return {
    kind: 'heading',
    level,
    inlines: runs,
    anchor: state.slugger.slug(text),
    text,
    space: { before: h.before, after: h.after },
    place: placeOf(node, state),
    lang: state.ctx.lang,
    outline: true,
  };
}

/** Heading runs of a label's phrasing content. */
export function headingRuns(children: readonly Nodes[], state: State, level = 3): Inline[] {
  const h = state.ctx.theme.headings[level - 1]!;
  return trimInlines(inlines(children, style('heading', h.size, h.leading, h.color), state));
}

/** Converts a checked checklist directive: a group of its label and its items (template stage). */
export function checklistDirective(d: ContainerDirective, state: State): Block[] {
  const label = checklistLabel(d);
  const body = asChecklist(state, () => state.all(label ? d.children.slice(1) : d.children));
  const head = label ? [groupHeading(headingRuns(label.children, state), label, state)] : [];
  const group: GroupBlock = { kind: 'group', blocks: [...head, ...body], space: { before: 0, after: state.ctx.theme.paragraphAfter } };
  return [group];
}

/** `:::checklist` / `:::checklist[Label]` around a list. */
export const checklist: DirectiveDefinition<'container'> = {
  name: CHECKLIST,
  kind: 'container',
  syntax: ':::checklist',
  example: ':::checklist[Before your session]\n- Arrange a ride home\n:::\n',
  summary: 'a checklist group: every item of its list gets a large (≥ 5 mm) box; the label is its heading',
  attributes: z.object({}),
  check: (d, { place, diags }) => (checkChecklist(d, place, diags) ? 'keep' : 'drop'),
  block: (d, state) => checklistDirective(d, state),
};
