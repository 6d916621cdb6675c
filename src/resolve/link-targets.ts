/**
 * Link targets a handout may carry: `http:`, `https:`, `mailto:` and `tel:`
 * addresses and `#anchors` inside the handout. A link is a URI action a
 * reader opens on click, so `javascript:`, `file:`, `data:` and any other
 * scheme, and network paths (`\\server\share`, `//server/share`), are refused
 * with a positioned error.
 */
import type { Link, Root } from 'mdast';
import { walkWhere } from '../parse/walk.js';
import type { Diagnostics } from '../diagnostics.js';
import type { LineIndex } from '../parse/line-index.js';
import { placeOfNeedle } from './text-positions.js';

/** Schemes a link may use. */
export const ALLOWED_LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto', 'tel'];

/** Why `url` may not be a link target, or undefined when it may. */
export function linkTargetProblem(url: string): string | undefined {
  // what a reader would see after stripping the blanks and controls browsers ignore (`java\tscript:`)

  const squeezed = url.replace(/[\u0000-\u0020\u007f]/g, '');
  if (/^(?:\\\\|\/\/|\\\/|\/\\)/.test(squeezed)) return 'is a network path (UNC), which a PDF reader would open from a file server';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed)?.[1]?.toLowerCase();
  if (scheme === undefined) return undefined;
  if (/^[a-z]$/.test(scheme)) return "is a local file path, which a PDF reader would open from the patient's computer";
  if (ALLOWED_LINK_SCHEMES.includes(scheme)) return undefined;
  return `uses the \`${scheme}:\` scheme, which a PDF reader would run or open as a local file`;
}

/** Records a `link-target` error for every link whose target is not allowed (see {@link linkTargetProblem}). */
export function checkLinkTargets(
  root: Root,
  file: string,
  source: string | undefined,
  index: LineIndex | undefined,
  diags: Diagnostics,
): void {
  walkWhere(root, 'link', (node: Link) => {
    const problem = linkTargetProblem(node.url);
    if (!problem) return;
    const place = placeOfNeedle(node, node.url.slice(0, 12), file, source, index);
    const shown = node.url.length > 60 ? `${node.url.slice(0, 57)}…` : node.url;
    diags.error(
      place,
      `link target \`${shown}\` ${problem}; links may only go to ${ALLOWED_LINK_SCHEMES.map((s) => `\`${s}:\``).join(', ')} ` +
        `addresses or to \`#headings\` of the handout`,
      'link-target',
    );
  });
}
