/**
 * The `field` directive: `:field[Patient name]{width=60%}` (inside text) and
 * `::field[Appointment date]{type=date}` (on its own line) print a labelled writing line sized
 * for handwriting; with fillable output they are also AcroForm text fields (named from the label).
 */
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Diagnostics, SourcePlace } from '../diagnostics.js';
import type { FieldBlock, Inline } from '../types/layout-tree.js';
import type { LeafDirective, TextDirective } from '../parse/mdast-extra.js';
import { inlines } from '../template/from-mdast/inline.js';
import { placeOf, style, type State } from '../template/from-mdast/state.js';
import { trimInlines } from '../template/from-mdast/whitespace.js';
import { z } from 'zod';
import { checkAttributeNames } from './attributes.js';
import type { DirectiveDefinition } from './types.js';

/** Name of the directive. */
export const FIELD = 'field';
/** Its attributes. */
export const FIELD_ATTRIBUTES = ['width', 'type'] as const;
/** Field types. */
export const FIELD_TYPES = ['text', 'date'] as const;

const WIDTH = /^(\d{1,3}(?:\.\d+)?)%$/;

/** Default share of the column: a date needs less room than a name. */
function defaultWidth(type: 'text' | 'date'): number {
  return type === 'date' ? 0.5 : 1;
}

/** Validates a field directive (resolve stage); returns whether it can be printed. */
export function checkField(d: LeafDirective | TextDirective, place: SourcePlace, diags: Diagnostics): boolean {
  const written = d.type === 'leafDirective' ? '::field' : ':field';
  let ok = checkAttributeNames(written, d.attributes, FIELD_ATTRIBUTES, place, diags);
  if (toString(d).trim().length === 0) {
    diags.error(place, `\`${written}\` needs a label, the words printed before the line: \`${written}[Patient name]\``, 'invalid-field');
    ok = false;
  }
  const width = d.attributes?.width;
  if (width !== undefined && width !== null) {
    const m = WIDTH.exec(width);
    const n = m ? Number(m[1]) : NaN;
    if (!(n >= 10 && n <= 100)) {
      diags.error(
        place,
        `\`width=${width}\` on \`${written}\` must be a percentage of the column from 10% to 100%, e.g. \`width=60%\``,
        'invalid-field',
      );
      ok = false;
    }
  }
  const type = d.attributes?.type;
  if (type !== undefined && type !== null && !(FIELD_TYPES as readonly string[]).includes(type)) {
    diags.error(
      place,
      `\`type=${type}\` on \`${written}\` is not a field type; use ${FIELD_TYPES.map((t) => `\`${t}\``).join(' or ')}`,
      'invalid-field',
    );
    ok = false;
  }
  return ok;
}

/** A field block from a label (for fields the template adds itself, such as a checklist's name line). */
export function fieldFromLabel(label: Nodes[], type: 'text' | 'date', width: number, node: Nodes | undefined, state: State): FieldBlock {
  const { theme } = state.ctx;
  const runs = trimInlines(inlines(label, style('bold', theme.body.size, theme.body.leading, theme.body.color), state));
  return {
    kind: 'field',
    label: runs,
    labelText: runs
      .map((r) => (r.kind === 'text' ? r.text : ' '))
      .join('')
      .replace(/\s+/gu, ' ')
      .trim(),
    type,
    width,
    height: theme.field.height,
    lineColor: theme.field.color,
    lineWidth: theme.field.lineWidth,
    fontSize: theme.body.size,
    gap: theme.field.gap,
    space: { before: 0, after: theme.paragraphAfter },
    place: placeOf(node, state),
    lang: state.ctx.lang,
  };
}

/** Converts a checked field directive to its block (template stage). */
export function fieldBlock(d: LeafDirective | TextDirective, state: State): FieldBlock {
  const type = d.attributes?.type === 'date' ? 'date' : 'text';
  const m = WIDTH.exec(d.attributes?.width ?? '');
  const width = m ? Number(m[1]) / 100 : defaultWidth(type);
  return fieldFromLabel(d.children, type, width, d, state);
}

/** Default share of the column of a field inside running text (label and line together). */
function defaultInlineWidth(type: 'text' | 'date'): number {
  return type === 'date' ? 0.3 : 0.4;
}

/**
 * A field inside running text (`Please write :field[your name]{width=50%} here.`): the label in bold and a
 * writing line after it, laid out as one unbreakable unit of the paragraph's lines.
 */
export function fieldInline(d: TextDirective, state: State): Inline {
  const type = d.attributes?.type === 'date' ? 'date' : 'text';
  const m = WIDTH.exec(d.attributes?.width ?? '');
  const block = fieldFromLabel(d.children, type, m ? Number(m[1]) / 100 : defaultInlineWidth(type), d, state);
  const { theme } = state.ctx;
  return {
    kind: 'writing-line',
    label: block.label,
    style: style('regular', theme.body.size, theme.body.leading, theme.body.color),
    field: {
      labelText: block.labelText,
      type,
      width: block.width,
      height: block.height,
      lineColor: block.lineColor,
      lineWidth: block.lineWidth,
      fontSize: block.fontSize,
      gap: block.gap,
    },
  };
}

/** Attribute schema (for the README table; {@link checkField} gives the positioned messages). */
const attributes = z.object({ width: z.string().optional(), type: z.enum(FIELD_TYPES).optional() });

/** `::field[Label]{type=date}` on its own line. */
export const field: DirectiveDefinition<'leaf'> = {
  name: FIELD,
  kind: 'leaf',
  syntax: '::field[…]',
  example: '::field[Appointment date]{type=date}\n',
  summary: 'a labelled writing line for handwriting (`type=date`, `width=60%`); a text field with `--fillable`',
  attributes,
  check: (d, { place, diags }) => (checkField(d, place, diags) ? 'keep' : 'drop'),
  block: (d, state) => [fieldBlock(d, state)],
};

/** `:field[Label]{width=40%}` inside a paragraph: set inline, as a writing line in the sentence (see from-mdast/paragraph.ts). */
export const fieldText: DirectiveDefinition<'text'> = {
  name: FIELD,
  kind: 'text',
  syntax: ':field[…]',
  example: 'Please write :field[your name]{width=60%} here.\n',
  summary: 'the same inside a sentence: the label and a writing line in the line of text (`width` of label and line, default 40%)',
  attributes,
  check: (d, { place, diags }) => (checkField(d, place, diags) ? 'keep' : 'drop'),
  // in a heading or a table cell, where no line fits: the label and a printed blank
  inline: (d, style, convert) => [...convert(d.children, style), { kind: 'text', text: ': __________', style }],
};
