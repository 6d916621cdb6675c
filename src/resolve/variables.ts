/**
 * Template variables (`{{clinic.name}}`) substituted in text nodes, link URLs
 * and titles, and image alt texts and titles. The Markdown is never compiled
 * as a template: only these literal strings are replaced.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { didYouMean, type Diagnostics, type SourcePlace } from '../diagnostics.js';
import type { LineIndex } from '../parse/line-index.js';
import type { Brand } from '../types/brand.js';
import type { GuideMeta } from '../types/document.js';
import { NodeText, placeOfNeedle } from './text-positions.js';

/** What a variable's value is read from. */
export interface VariableScope {
  readonly brand: Brand;
  readonly meta: GuideMeta;
  /** Personalised fill-in values (`{{fill.<name>}}`); never quoted in a diagnostic. */
  readonly fill?: Readonly<Record<string, string>>;
}

/** One known variable. */
export interface VariableDef {
  /** Reads the value; undefined when the clinic or guide did not provide it. */
  readonly value: (scope: VariableScope) => string | undefined;
  /** Explains where the value is set, for `missing-variable-value`. */
  readonly whereSet: (scope: VariableScope) => string;
}

const clinicField = (field: string) => (s: VariableScope) => `the clinic profile \`${s.brand.file}\` does not set \`${field}\`; add it there`;

/** The known variables (extend here). */
export const VARIABLES: ReadonlyMap<string, VariableDef> = new Map<string, VariableDef>([
  ['clinic.name', { value: (s) => s.brand.name, whereSet: clinicField('name') }],
  ['clinic.contact.phone', { value: (s) => s.brand.contact.phone, whereSet: clinicField('contact.phone') }],
  ['clinic.contact.website', { value: (s) => s.brand.contact.website, whereSet: clinicField('contact.website') }],
  ['clinic.contact.address', { value: (s) => s.brand.contact.address, whereSet: clinicField('contact.address') }],
  ['clinic.contact.email', { value: (s) => s.brand.contact.email, whereSet: clinicField('contact.email') }],
  ['guide.title', { value: (s) => s.meta.title, whereSet: () => 'the guide\'s front matter has no `title`' }],
  ['guide.version', { value: (s) => String(s.meta.version), whereSet: () => 'the guide\'s front matter has no `version`' }],
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
export function substituteString(value: string, locate: Locator, scope: VariableScope, diags: Diagnostics): string {
  if (!value.includes('{{')) return value;
  const known = [...VARIABLES.keys()];
  return value.replace(VARIABLE, (whole: string, name: string, at: number) => {
    if (locate.isEscaped(at) || locate.isEscaped(at + 1)) return whole;
    const place = locate.placeAt(at);
    if (name.startsWith(FILL_PREFIX)) {
      const field = name.slice(FILL_PREFIX.length);
      if (!FILL_NAME.test(field)) {
        diags.error(place, `fill-in field name \`${field}\` in \`${whole}\` is not valid; names start with a letter and use letters, digits, \`-\` and \`_\` (e.g. \`{{fill.patientName}}\`)`, 'unknown-variable');
        return whole;
      }
      const v = fillValue(scope, field);
      if (v === undefined || v.trim() === '') {
        // Never quote any fill-in value here: they are personal health information.
        diags.error(place, `fill-in field \`${field}\` has no value; pass it with \`--fill ${field}=…\` (or \`fill: { ${field}: … }\` in the API), or remove \`${whole}\` from the guide`, 'missing-fill-value');
        return whole;
      }
      return v;
    }
    const def = VARIABLES.get(name);
    if (!def) {
      diags.error(
        place,
        `unknown variable \`${name}\` in \`${whole}\`; known variables: ${known.map((k) => `\`${k}\``).join(', ')}, and personalised fill-in fields \`fill.<name>\`${didYouMean(name, known)} (write \`\\{{\` to print braces literally)`,
        'unknown-variable',
      );
      return whole;
    }
    const v = def.value(scope);
    if (v === undefined || v.trim() === '') {
      diags.error(place, `variable \`${name}\` has no value: ${def.whereSet(scope)}, or remove \`${whole}\` from the guide`, 'missing-variable-value');
      return whole;
    }
    return v;
  });
}

/** Substitutes variables in every text node, link URL/title and image alt/title of `root`. */
export function substituteVariables(
  root: Root,
  scope: VariableScope,
  file: string,
  source: string | undefined,
  index: LineIndex | undefined,
  diags: Diagnostics,
): void {
  visit(root, (node) => {
    if (node.type === 'text') {
      const text = node;
      text.value = substituteString(text.value, new NodeText(text.value, text, file, source, index), scope, diags);
      return;
    }
    if (node.type === 'link' || node.type === 'image') {
      const n = node;
      const around = (s: string): Locator => ({
        placeAt: (i) => placeOfNeedle(n, s.slice(i, s.indexOf('}}', i) + 2), file, source, index),
        isEscaped: () => false,
      });
      n.url = substituteString(n.url, around(n.url), scope, diags);
      if (n.title) n.title = substituteString(n.title, around(n.title), scope, diags);
      if (n.type === 'image' && n.alt) n.alt = substituteString(n.alt, around(n.alt), scope, diags);
    }
  });
}
