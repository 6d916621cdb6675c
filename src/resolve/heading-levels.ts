/**
 * Heading levels as authored must not skip (PDF/UA, WCAG 1.3.1): the title
 * is H1, so the guide's first heading may be level 1 or 2 and each heading
 * may go at most one level deeper than the one before it.
 */
import type { Heading, Root } from 'mdast';
import { walkWhere } from '../parse/walk.js';
import type { Diagnostics } from '../diagnostics.js';

/** Warns at every heading that skips a level. */
export function checkHeadingLevels(root: Root, file: string, diags: Diagnostics): void {
  let previous = 1; // the title block's H1
  walkWhere(root, 'heading', (node: Heading) => {
    if (node.depth > previous + 1) {
      const pos = node.position?.start;
      diags.warning(
        { file, line: pos?.line ?? 1, column: pos?.column ?? 1 },
        `heading level ${node.depth} follows level ${previous}, skipping ` +
          `${node.depth - previous - 1 === 1 ? 'a level' : `${node.depth - previous - 1} levels`}; screen-reader users ` +
          `navigate by level — use ${'#'.repeat(previous + 1)} here`,
        'heading-skipped-level',
      );
    }
    previous = node.depth;
  });
}
