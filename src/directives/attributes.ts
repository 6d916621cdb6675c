/** Attribute checks shared by the directives of this folder (positioned errors, did-you-mean). */
import { suggestion, type Diagnostics, type SourcePlace } from '../diagnostics.js';

/** A directive node's attributes, as remark-directive gives them. */
export type DirectiveAttributes = Readonly<Record<string, string | null | undefined>> | null | undefined;

/** Reports every attribute not in `allowed` as an error; returns whether all were known. */
export function checkAttributeNames(
  directive: string,
  attributes: DirectiveAttributes,
  allowed: readonly string[],
  place: SourcePlace,
  diags: Diagnostics,
): boolean {
  let ok = true;
  for (const key of Object.keys(attributes ?? {})) {
    if (allowed.includes(key)) continue;
    ok = false;
    const known = allowed.length > 0 ? `; allowed: ${allowed.map((a) => `\`${a}\``).join(', ')}` : '; it takes none';
    diags.error(place, `unknown attribute \`${key}\` on \`${directive}\`${known}`, 'directive-attribute', suggestion(key, allowed));
  }
  return ok;
}
