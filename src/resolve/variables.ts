/**
 * Template variables (`{{clinic.name}}`) substituted in text nodes, link URLs
 * and titles, and image alt texts and titles. The Markdown is never compiled
 * as a template: only these literal strings are replaced.
 */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { walk, walkWhere } from '../parse/walk.js';
import { fileStart, suggestion, type Diagnostics, type SourcePlace } from '../diagnostics.js';
import type { LineIndex } from '../parse/line-index.js';
import type { Brand } from '../types/brand.js';
import type { GuideMeta } from '../types/document.js';
import { NodeText, placeOfNeedle } from './text-positions.js';

/** What a variable's value is read from. */
export interface VariableScope {
  readonly brand: Brand;
  readonly meta: GuideMeta;
  /**
   * Personalised fill-in values (`{{fill.<name>}}`); never quoted in a diagnostic. Unset (no `--fill` at all):
   * every field prints as a blank writing line, making a printable blank form.
   */
  readonly fill?: Readonly<Record<string, string>>;
}

/** What a field with no `--fill` at all prints: a blank line to write on. */
export const BLANK_FIELD = '_'.repeat(20);

/**
 * Fill-in values stand in the tree as one private-use character each until typography has run, so that
 * they are printed exactly as given (no smart quotes or dashes in `O'Neil`); {@link restoreFillValues} puts
 * them back.
 */
export class FillSlots {
  readonly values: string[] = [];
  /** Field names the guide uses. */
  readonly used = new Set<string>();
  /** A placeholder for `value`. */
  hold(value: string): string {
    this.values.push(value);
    return String.fromCodePoint(FILL_SLOT_BASE + this.values.length - 1);
  }
  /** `s` with every placeholder replaced by its value. */
  restore(s: string): string {
    return s.replace(FILL_SLOT, (ch) => this.values[ch.codePointAt(0)! - FILL_SLOT_BASE] ?? '');
  }
}

/** Supplementary Private Use Area-B: never typed in a guide's text that reaches this point. */
const FILL_SLOT_BASE = 0x10_0000;
const FILL_SLOT = /[\u{100000}-\u{10FFFD}]/gu;

/** One known variable. */
export interface VariableDef {
  /** Reads the value; undefined when the clinic or guide did not provide it. */
  readonly value: (scope: VariableScope) => string | undefined;
  /** Explains where the value is set, for `missing-variable-value`. */
  readonly whereSet: (scope: VariableScope) => string;
}

const clinicField = (field: string) => (s: VariableScope) =>
  `the clinic profile \`${s.brand.file}\` does not set \`${field}\`; add it there`;

/** The known variables (extend here). */
export const VARIABLES: ReadonlyMap<string, VariableDef> = new Map<string, VariableDef>([
  ['clinic.name', { value: (s) => s.brand.name, whereSet: clinicField('name') }],
  ['clinic.contact.phone', { value: (s) => s.brand.contact.phone, whereSet: clinicField('contact.phone') }],
  ['clinic.contact.website', { value: (s) => s.brand.contact.website, whereSet: clinicField('contact.website') }],
  ['clinic.contact.address', { value: (s) => s.brand.contact.address, whereSet: clinicField('contact.address') }],
  ['clinic.contact.email', { value: (s) => s.brand.contact.email, whereSet: clinicField('contact.email') }],
  ['guide.title', { value: (s) => s.meta.title, whereSet: () => "the guide's front matter has no `title`" }],
  ['guide.version', { value: (s) => String(s.meta.version), whereSet: () => "the guide's front matter has no `version`" }],
]);

/** Prefix of personalised fill-in fields: `{{fill.patientName}}`. */
export const FILL_PREFIX = 'fill.';
/** Allowed fill-in field names. */
export const FILL_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** The fill-in value of `name`, if given (own properties only: `fill.constructor` is never inherited). */
function fillValue(scope: VariableScope, name: string): string | undefined {
  const fill = scope.fill;
  if (!fill || !Object.prototype.hasOwnProperty.call(fill, name)) return undefined;
  const v = fill[name];
  return typeof v === 'string' ? v : undefined;
}

/** A fill-in field reference anywhere in a text. */
const FILL_IN = /\{\{\s*fill\./;

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** How to locate and check the characters of one string being substituted. */
interface Locator {
  placeAt(i: number): SourcePlace;
  isEscaped(i: number): boolean;
}

/**
 * Replaces the variables in `value`. Unknown names and missing values are
 * recorded at their place; escaped `\{{` is kept literally.
 */
export function substituteString(
  value: string,
  locate: Locator,
  scope: VariableScope,
  diags: Diagnostics,
  slots?: FillSlots,
  inUrl = false,
): string {
  if (!value.includes('{{')) return value;
  const known = [...VARIABLES.keys()];
  return value.replace(VARIABLE, (whole: string, name: string, at: number) => {
    if (locate.isEscaped(at) || locate.isEscaped(at + 1)) return whole;
    const place = locate.placeAt(at);
    if (name.startsWith(FILL_PREFIX)) {
      const field = name.slice(FILL_PREFIX.length);
      if (!FILL_NAME.test(field)) {
        diags.error(
          place,
          `fill-in field name \`${field}\` in \`${whole}\` is not valid; names start with a letter and use letters, digits, ` +
            `\`-\` and \`_\` (e.g. \`{{fill.patientName}}\`)`,
          'unknown-variable',
        );
        return whole;
      }
      if (inUrl) {
        // clicking the link would send the value (personal health information) to a web server
        diags.error(
          place,
          `fill-in field \`${field}\` cannot be used in a link or image address: it would send personal information to ` +
            `whoever serves the address. Put it in the link text instead`,
          'fill-in-address',
        );
        return whole;
      }
      slots?.used.add(field);
      // a blank form
      if (scope.fill === undefined || Object.keys(scope.fill).length === 0) return slots ? slots.hold(BLANK_FIELD) : BLANK_FIELD;
      const v = fillValue(scope, field);
      if (v === undefined || v.trim() === '') {
        // Never quote any fill-in value here: they are personal health information.
        const given = Object.keys(scope.fill).filter((g) => !slots?.used.has(g)); // a misspelling is among the names not used yet
        diags.error(
          place,
          `fill-in field \`${field}\` has no value; pass it with \`--fill ${field}=…\` (or \`fill: { ${field}: … }\` in the API), ` +
            `or remove \`${whole}\` from the guide (without any --fill, every field prints as a blank line to write on)`,
          'missing-fill-value',
          suggestion(field, given)?.replace('did you mean', 'was it misspelt as'),
        );
        return whole;
      }
      return slots ? slots.hold(v) : v;
    }
    const def = VARIABLES.get(name);
    if (!def) {
      diags.error(
        place,
        `unknown variable \`${name}\` in \`${whole}\`; known variables: ${known.map((k) => `\`${k}\``).join(', ')}, ` +
          `and personalised fill-in fields \`fill.<name>\` (write \`\\{{\` to print braces literally)`,
        'unknown-variable',
        suggestion(name, known),
      );
      return whole;
    }
    const v = def.value(scope);
    if (v === undefined || v.trim() === '') {
      diags.error(
        place,
        `variable \`${name}\` has no value: ${def.whereSet(scope)}, or remove \`${whole}\` from the guide`,
        'missing-variable-value',
      );
      return whole;
    }
    return v;
  });
}

/**
 * Substitutes variables in every text node, link URL/title and image alt/title of `root`. Fill-in values are
 * left as placeholders in `slots` (put back by {@link restoreFillValues} after typography); a `--fill` name the
 * guide does not use is an error with a "did you mean".
 */
export function substituteVariables(
  root: Root,
  scope: VariableScope,
  file: string,
  source: string | undefined,
  index: LineIndex | undefined,
  diags: Diagnostics,
  slots: FillSlots = new FillSlots(),
  unusedFill: 'error' | 'ignore' = 'error',
): void {
  walkWhere(root, 'heading', (heading: Heading) => {
    // a heading showing a fill-in value gets a neutral anchor: named destinations never carry personal data
    if (FILL_IN.test(toString(heading))) heading.data = { ...heading.data, neutralAnchor: true };
  });
  walk(root, (node) => {
    if (node.type === 'text') {
      const text = node;
      text.value = substituteString(text.value, new NodeText(text.value, text, file, source, index), scope, diags, slots);
      return;
    }
    if (node.type === 'link' || node.type === 'image') {
      const n = node;
      const around = (s: string): Locator => ({
        placeAt: (i) => placeOfNeedle(n, s.slice(i, s.indexOf('}}', i) + 2), file, source, index),
        isEscaped: () => false,
      });
      n.url = substituteString(n.url, around(n.url), scope, diags, slots, true);
      if (n.title) n.title = substituteString(n.title, around(n.title), scope, diags, slots);
      if (n.type === 'image' && n.alt) n.alt = substituteString(n.alt, around(n.alt), scope, diags, slots);
    }
  });
  const used = [...slots.used];
  for (const name of unusedFill === 'ignore' ? [] : Object.keys(scope.fill ?? {})) {
    if (slots.used.has(name)) continue;
    const uses = used.length > 0 ? `it uses ${used.map((u) => `\`${u}\``).join(', ')}` : 'it has no `{{fill.…}}` fields';
    diags.error(fileStart(file), `\`--fill ${name}=…\` is not a field of this guide (${uses})`, 'unknown-fill', suggestion(name, used));
  }
}

/** Puts the fill-in values back in place of their placeholders (after typography, so they stay exactly as given). */
export function restoreFillValues(root: Root, slots: FillSlots): void {
  if (slots.values.length === 0) return;
  walk(root, (node) => {
    if (node.type === 'text') node.value = slots.restore(node.value);
    else if (node.type === 'link' || node.type === 'image') {
      const n = node;
      n.url = slots.restore(n.url);
      if (n.title) n.title = slots.restore(n.title);
      if (n.type === 'image' && n.alt) n.alt = slots.restore(n.alt);
    }
  });
}
