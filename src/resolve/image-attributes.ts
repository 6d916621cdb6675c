/**
 * The attribute list an author writes right after an image: `![Chart](chart.png){width=60%}`,
 * `{width=5cm}`, `{decorative}`, or both (`{decorative width=3cm}`), as Pandoc and markdown-it-attrs
 * write them. The list is removed from the text; its values are recorded on `image.data`.
 */
import type { Image, Parent, Text } from 'mdast';
import { suggestion, type Diagnostics, type SourcePlace } from '../diagnostics.js';
import '../parse/source-data.js';
import type { PrintWidth } from '../types/layout-tree.js';

/** Attribute names an image takes. */
export const IMAGE_ATTRIBUTES = ['decorative', 'width'] as const;

/** Points per unit of an absolute width. */
const POINTS_PER: Record<string, number> = { pt: 1, in: 72, cm: 72 / 2.54, mm: 72 / 25.4 };
/** Widest absolute width accepted (wider than any paper we print on). */
const MAX_POINTS = 72 * 17;

/** An attribute name, and a value (quoted, or up to a space or brace). */
const NAME = String.raw`[A-Za-z][\w-]*`;
const VALUE = String.raw`"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+`;
/** One `name` or `name=value` token: the name and the value are groups 1 and 2. */
const TOKEN = new RegExp(String.raw`(${NAME})(?:[ \t]*=[ \t]*(${VALUE}))?`, 'g');
/** `{…}` at the very start of the text after an image, on one line, made of tokens. */
const LIST = new RegExp(String.raw`^\{([ \t]*${TOKEN.source}(?:[ \t]+${TOKEN.source})*[ \t]*)\}`);

/** Parses a width value (`60%`, `5cm`, `40mm`, `2in`, `144pt`); undefined when it is not one. */
export function parsePrintWidth(value: string): PrintWidth | undefined {
  const m = /^(\d+(?:\.\d+)?|\.\d+)(%|cm|mm|in|pt)$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === '%') return n > 0 && n <= 100 ? { fraction: n / 100 } : undefined;
  const points = n * POINTS_PER[m[2]!]!;
  return points > 0 && points <= MAX_POINTS ? { points } : undefined;
}

function placeAt(text: Text, offset: number, file: string): SourcePlace {
  return { file, line: text.position?.start.line ?? 1, column: (text.position?.start.column ?? 1) + offset };
}

/** Removes the first `length` characters of a text node (keeping its position right); drops it when empty. */
function consume(parent: Parent, index: number, text: Text, length: number): void {
  text.value = text.value.slice(length);
  const start = text.position?.start;
  if (start?.offset !== undefined && text.position) {
    text.position = {
      start: { ...start, column: start.column + length, offset: start.offset + length },
      end: text.position.end,
    };
  }
  if (text.value === '') parent.children.splice(index, 1);
}

/**
 * Reads the attribute list written right after `image` (child `index` of `parent`), if any: records
 * `decorative` and `printWidth` on `image.data` and removes the list from the text. An unknown
 * attribute or a width that is not one is an error at its place (`image-attribute`). A list whose brace is escaped
 * in `source` (`\{…}`) is text.
 */
export function readImageAttributes(image: Image, index: number, parent: Parent, file: string, diags: Diagnostics, source?: string): void {
  const next = parent.children[index + 1];
  if (next?.type !== 'text') return;
  // `\{width=60%}`: the author escaped the brace, so it is text
  const at = next.position?.start.offset;
  if (source !== undefined && at !== undefined && source[at] === '\\') return;
  const list = LIST.exec(next.value);
  if (!list) return;
  const data: { decorative?: boolean; printWidth?: PrintWidth } = {};
  for (const m of list[1]!.matchAll(TOKEN)) {
    const [whole, name, quoted] = m as unknown as [string, string, string | undefined];
    const at = placeAt(next, 1 + m.index, file);
    const value = quoted?.replace(/^(["'])(.*)\1$/, '$2');
    if (name === 'decorative' && value === undefined) {
      data.decorative = true;
    } else if (name === 'width' && value !== undefined) {
      const width = parsePrintWidth(value);
      if (width) data.printWidth = width;
      else
        diags.error(
          at,
          `\`${whole}\`: an image width is a share of the column (\`width=60%\`, above 0 and at most 100%) or a printed ` +
            `length (\`width=5cm\`, \`40mm\`, \`2in\`, \`144pt\`)`,
          'image-attribute',
        );
    } else {
      const known = (IMAGE_ATTRIBUTES as readonly string[]).includes(name);
      diags.error(
        at,
        known
          ? `\`${whole}\`: write \`{decorative}\` on its own and \`width\` with a value (\`{width=60%}\`)`
          : `\`${name}\` is not an image attribute; an image takes \`{decorative}\` and \`{width=60%}\` (or a length such ` +
              `as \`5cm\`), e.g. \`{decorative width=3cm}\``,
        'image-attribute',
        known ? undefined : suggestion(name, IMAGE_ATTRIBUTES),
      );
    }
  }
  consume(parent, index + 1, next, list[0].length);
  image.data = { ...image.data, ...data };
}
