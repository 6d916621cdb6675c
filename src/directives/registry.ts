/**
 * Every directive handoutkit knows, in the order messages and the README list
 * them. Adding a directive: one file next to this one (see `types.ts`), one
 * line here, its test; the README table is checked against this list
 * (`tests/directives/registry.test.ts`, `UPDATE=1` rewrites it).
 */
import type { DirectiveDefinition, DirectiveKind } from './types.js';
import { note } from './note.js';
import { warning } from './warning.js';
import { tip } from './tip.js';
import { pagebreak } from './pagebreak.js';
import { lang } from './lang.js';
import { danger } from './danger.js';
import { checklist } from './checklist.js';
import { field, fieldText } from './field.js';
import { qr } from './qr.js';

export type { DirectiveCheck, DirectiveDefinition, DirectiveKind } from './types.js';

/** The registry. */
export const DIRECTIVES: readonly DirectiveDefinition[] = Object.freeze([
  note,
  tip,
  warning,
  danger,
  checklist,
  pagebreak,
  field,
  qr,
  lang,
  fieldText,
] as DirectiveDefinition[]);

/** The directive `name` of `kind`, if known. */
export function findDirective<K extends DirectiveKind>(kind: K, name: string): DirectiveDefinition<K> | undefined {
  return DIRECTIVES.find((d) => d.kind === kind && d.name === name) as DirectiveDefinition<K> | undefined;
}

/** Every known name (any kind), for "did you mean". */
export function directiveNames(): string[] {
  return [...new Set(DIRECTIVES.map((d) => d.name))];
}

/** The known directives as written, for messages: `` `:::note`, `:::warning`, … ``. */
export function knownDirectivesText(): string {
  return DIRECTIVES.map((d) => `\`${d.syntax}\``).join(', ');
}

/** The README table of directives (Markdown), generated from the registry. */
export function directivesTable(): string {
  const rows = DIRECTIVES.map((d) => {
    const attrs = Object.keys((d.attributes as { shape?: Record<string, unknown> }).shape ?? {});
    return `| \`${d.syntax}\` | ${d.kind} | ${attrs.length > 0 ? attrs.map((a) => `\`${a}\``).join(', ') : '—'} | ${d.summary} |`;
  });
  return ['| directive | kind | attributes | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
