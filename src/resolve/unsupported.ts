/**
 * Removes what handoutkit does not print: raw HTML (warned and dropped) and
 * unknown directives (warned; their content kept as normal content).
 * Supported directives (`::pagebreak`, callouts, `:::checklist`, `::field`/`:field`, `::qr`,
 * `:lang[…]{lang=…}`) stay in the tree for the template stage; an unknown container directive is
 * an error (a misspelt warning box must never print as plain text).
 */
import type { Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from '../parse/mdast-extra.js';
import { didYouMean, type Diagnostics } from '../diagnostics.js';
import { placeOfNode } from './text-positions.js';

/** Container directives rendered as callouts. */
export const CALLOUTS = ['note', 'tip', 'warning', 'danger'] as const;
/** Other container directives with a meaning (checked by resolve/directives.ts). */
export const CONTAINERS = ['checklist'] as const;
/** Leaf directives with a meaning. */
export const LEAF_DIRECTIVES = ['pagebreak', 'field', 'qr'] as const;
/** Text directives with a meaning: `:lang[texto]{lang=es}` marks a span in another language; `:field[Label]` a fill-in line. */
export const TEXT_DIRECTIVES = ['lang', 'field'] as const;

const KNOWN_TEXT = [
  ...CALLOUTS.map((c) => `:::${c}`),
  ':::checklist',
  '::pagebreak',
  '::field[…]',
  '::qr[…]',
  ':field[…]',
  ':lang[…]{lang=…}',
];
const KNOWN_NAMES = [...new Set([...CALLOUTS, ...CONTAINERS, ...LEAF_DIRECTIVES, ...TEXT_DIRECTIVES])];

type AnyParent = { children: Nodes[] };

function known(): string {
  return KNOWN_TEXT.map((k) => `\`${k}\``).join(', ');
}

/** The canonical form of a BCP 47 tag, or undefined when it is not one. */
function canonicalLang(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

function isComment(value: string): boolean {
  return /^\s*<!--[\s\S]*-->\s*$/.test(value);
}

/** Cleans `root` in place; records `unsupported-html` and `unknown-directive` warnings. */
export function removeUnsupported(root: Root, file: string, source: string | undefined, diags: Diagnostics): void {
  clean(root as AnyParent, file, source, diags);
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
            `raw HTML is not supported and is not printed: \`${shown.replace(/\s+/g, ' ')}\`; use Markdown instead (**bold**, *italic*, lists, \`:::note\` callouts)`,
            'unsupported-html',
          );
        }
        continue;
      }
      case 'containerDirective': {
        const d = child as ContainerDirective;
        if ((CALLOUTS as readonly string[]).includes(d.name) || (CONTAINERS as readonly string[]).includes(d.name)) {
          clean(d as unknown as AnyParent, file, source, diags);
          out.push(d);
          continue;
        }
        const hint = (LEAF_DIRECTIVES as readonly string[]).includes(d.name)
          ? `; \`::${d.name}\` is written on its own line with two colons`
          : didYouMean(d.name, KNOWN_NAMES);
        // a misspelt warning box must never print as plain text: an error, so no handout is made
        diags.error(place, `unknown container directive \`:::${d.name}\`; known directives: ${known()}${hint}`, 'unknown-directive');
        continue;
      }
      case 'leafDirective': {
        const d = child as LeafDirective;
        if ((LEAF_DIRECTIVES as readonly string[]).includes(d.name)) {
          if (d.name !== 'pagebreak') clean(d as unknown as AnyParent, file, source, diags);
          out.push(d);
          continue;
        }
        const hint = (CALLOUTS as readonly string[]).includes(d.name)
          ? `; callouts use three colons: \`:::${d.name}\` … \`:::\``
          : didYouMean(d.name, KNOWN_NAMES);
        const labelled = d.children.length > 0;
        diags.warning(place, `unknown directive \`::${d.name}\`; known directives: ${known()}${hint}; ${labelled ? 'its label is printed as normal text' : 'it is printed as written'}`, 'unknown-directive');
        const pos = d.position;
        const raw = source && pos?.start.offset !== undefined && pos.end.offset !== undefined ? source.slice(pos.start.offset, pos.end.offset) : `::${d.name}`;
        const literal: PhrasingContent = { type: 'text', value: raw };
        if (pos) literal.position = pos;
        const p: Paragraph = { type: 'paragraph', children: labelled ? d.children : [literal] };
        if (pos) p.position = pos;
        clean(p as AnyParent, file, source, diags);
        out.push(p);
        continue;
      }
      case 'textDirective': {
        const d = child as TextDirective;
        if (d.name === 'lang' && d.children.length > 0) {
          // a span in another language: validated here, tagged with /Lang by the later stages
          const tag = canonicalLang(d.attributes?.lang ?? undefined);
          if (tag) {
            d.attributes = { lang: tag };
            clean(d as unknown as AnyParent, file, source, diags);
            out.push(d as unknown as Nodes);
            continue;
          }
          diags.error(
            place,
            d.attributes?.lang
              ? `\`${d.attributes.lang}\` is not a valid BCP 47 language tag in \`:lang[…]{lang=…}\`; use a tag such as \`es\`, \`zh-Hant\` or \`pt-BR\``
              : 'a `:lang[…]` span needs its language: write `:lang[texto en español]{lang=es}`',
            'invalid-lang-span',
          );
          continue;
        }
        if (d.name === 'field') {
          // checked with the other directives (resolve/directives.ts)
          clean(d as unknown as AnyParent, file, source, diags);
          out.push(d as unknown as Nodes);
          continue;
        }
        const pos = d.position;
        const raw =
          source && pos?.start.offset !== undefined && pos.end.offset !== undefined ? source.slice(pos.start.offset, pos.end.offset) : undefined;
        // `10:30am`, `Note:Read`: a colon inside a word is text, not a directive.
        const before = source && pos?.start.offset ? source[pos.start.offset - 1] ?? '' : '';
        const inWord = d.children.length === 0 && Object.keys(d.attributes ?? {}).length === 0 && /[\p{L}\p{N}]/u.test(before);
        if (!inWord) diags.warning(
          place,
          `unknown directive \`:${d.name}\`; known directives: ${known()}${didYouMean(d.name, KNOWN_NAMES)}; ${d.children.length > 0 ? 'its label is printed as normal text' : 'it is printed as written'} (write \`\\:\` to print a colon before a word)`,
          'unknown-directive',
        );
        if (d.children.length > 0) {
          clean(d as unknown as AnyParent, file, source, diags);
          out.push(...(d.children as Nodes[]));
        } else {
          const text: PhrasingContent = { type: 'text', value: raw ?? `:${d.name}` };
          if (pos) text.position = pos;
          out.push(text);
        }
        continue;
      }
      default:
        if ('children' in child && Array.isArray(child.children)) clean(child as AnyParent, file, source, diags);
        out.push(child);
    }
  }
  parent.children = out as RootContent[] as Nodes[];
}
