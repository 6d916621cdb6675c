/** The plain text of a few blocks, for names that stand in for drawn content (a form field's tooltip). */
import type { Block, Inline } from '../../types/layout-tree.js';

function inlineText(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => (i.kind === 'text' ? i.text : i.kind === 'break' ? ' ' : i.kind === 'writing-line' ? `${inlineText(i.label)} ` : ''))
    .join('');
}

/**
 * The text of the paragraphs and headings among `blocks`, one space between blocks, soft hyphens
 * dropped and white space (including no-break spaces) folded to single spaces.
 */
export function plainText(blocks: readonly Block[]): string {
  const parts = blocks.map((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? inlineText(b.inlines) : ''));
  return parts
    .join(' ')
    .replace(/\u00AD/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}
