/**
 * Removes what handoutkit does not print: raw HTML (warned and dropped) and
 * unknown text and leaf directives (warned; printed as written).
 * Directives of the registry (`src/directives/`) stay in the tree for the
 * template stage, after their own check; an unknown container directive is an error (a misspelt
 * warning box must never print as plain text).
 */
import type { Nodes, Paragraph, PhrasingContent, Root } from 'mdast';
import { suggestion, type Diagnostics } from '../diagnostics.js';
import { placeOfNode } from './text-positions.js';
import { DIRECTIVES, directiveNames, findDirective, knownDirectivesText, type DirectiveKind } from '../directives/registry.js';

type AnyParent = { children: Nodes[] };

function known(): string {
  return knownDirectivesText();
}

/** The hint for a known name used with the wrong number of colons, else a "did you mean" (or none). */
function kindHint(name: string, used: DirectiveKind): string | undefined {
  const other = DIRECTIVES.find((d) => d.name === name && d.kind !== used);
  if (other?.kind === 'leaf' && used === 'container') return `\`::${name}\` is written on its own line with two colons`;
  if (other?.kind === 'container' && used === 'leaf') return `callouts use three colons: \`:::${name}\` … \`:::\``;
  return suggestion(name, directiveNames());
}

function isComment(value: string): boolean {
  return /^\s*<!--[\s\S]*-->\s*$/.test(value);
}

/** Cleans `root` in place; records `unsupported-html` and `unknown-directive` warnings. */
export function removeUnsupported(root: Root, file: string, source: string | undefined, diags: Diagnostics): void {
  clean(root, file, source, diags);
}

function clean(parent: AnyParent, file: string, source: string | undefined, diags: Diagnostics): void {
  const out: Nodes[] = [];
  for (const child of parent.children) {
    const place = placeOfNode(child, file);
    switch (child.type) {
      case 'html': {
        // Comments are authoring notes: dropped without noise.
        if (!isComment(child.value)) {
          const shown = child.value.length > 60 ? `${child.value.slice(0, 57)}...` : child.value;
          diags.warning(
            place,
            `raw HTML is not supported and is not printed: \`${shown.replace(/\s+/g, ' ')}\`; use Markdown instead (**bold**, ` +
              `*italic*, lists, \`:::note\` callouts)`,
            'unsupported-html',
          );
        }
        continue;
      }
      case 'containerDirective': {
        const d = child;
        const spec = findDirective('container', d.name);
        const verdict = spec ? (spec.check?.(d, { place, diags }) ?? 'keep') : 'unknown';
        if (verdict === 'drop') continue;
        if (verdict === 'keep') {
          clean(d, file, source, diags);
          out.push(d);
          continue;
        }
        const hint = kindHint(d.name, 'container');
        // a misspelt warning box must never print as plain text: an error, so no handout is made
        diags.error(place, `unknown container directive \`:::${d.name}\`; known directives: ${known()}`, 'unknown-directive', hint);
        continue;
      }
      case 'leafDirective': {
        const d = child;
        const spec = findDirective('leaf', d.name);
        const verdict = spec ? (spec.check?.(d, { place, diags }) ?? 'keep') : 'unknown';
        if (verdict === 'drop') continue;
        if (verdict === 'keep') {
          clean(d, file, source, diags); // a label (`::field[…]`, `::qr[…]`) is text like any other
          out.push(d);
          continue;
        }
        const hint = kindHint(d.name, 'leaf');
        const labelled = d.children.length > 0;
        diags.warning(
          place,
          `unknown directive \`::${d.name}\`; known directives: ${known()}; ` +
            `${labelled ? 'its label is printed as normal text' : 'it is printed as written'}`,
          'unknown-directive',
          hint,
        );
        const pos = d.position;
        const raw =
          source && pos?.start.offset !== undefined && pos.end.offset !== undefined
            ? source.slice(pos.start.offset, pos.end.offset)
            : `::${d.name}`;
        const literal: PhrasingContent = { type: 'text', value: raw };
        if (pos) literal.position = pos;
        const p: Paragraph = { type: 'paragraph', children: labelled ? d.children : [literal] };
        if (pos) p.position = pos;
        clean(p, file, source, diags);
        out.push(p);
        continue;
      }
      case 'textDirective': {
        const d = child;
        const spec = findDirective('text', d.name);
        const verdict = spec ? (spec.check?.(d, { place, diags }) ?? 'keep') : 'unknown';
        if (verdict === 'drop') continue;
        if (verdict === 'keep') {
          clean(d, file, source, diags);
          out.push(d);
          continue;
        }
        const pos = d.position;
        const raw =
          source && pos?.start.offset !== undefined && pos.end.offset !== undefined
            ? source.slice(pos.start.offset, pos.end.offset)
            : undefined;
        // `10:30am`, `Note:Read`: a colon inside a word is text, not a directive.
        const before = source && pos?.start.offset ? (source[pos.start.offset - 1] ?? '') : '';
        const inWord = d.children.length === 0 && Object.keys(d.attributes ?? {}).length === 0 && /[\p{L}\p{N}]/u.test(before);
        if (!inWord)
          diags.warning(
            place,
            `unknown directive \`:${d.name}\`; known directives: ${known()}; ` +
              `${d.children.length > 0 ? 'its label is printed as normal text' : 'it is printed as written'} (write \`\\:\` ` +
              `to print a colon before a word)`,
            'unknown-directive',
            suggestion(d.name, directiveNames()),
          );
        if (d.children.length > 0) {
          clean(d, file, source, diags);
          out.push(...(d.children as Nodes[]));
        } else {
          const text: PhrasingContent = { type: 'text', value: raw ?? `:${d.name}` };
          if (pos) text.position = pos;
          out.push(text);
        }
        continue;
      }
      default:
        if ('children' in child && Array.isArray(child.children)) clean(child, file, source, diags);
        out.push(child);
    }
  }
  parent.children = out;
}
