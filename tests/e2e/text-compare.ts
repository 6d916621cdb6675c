/** Helpers to compare a guide's text with text extracted from its PDF. */
import { readFileSync } from 'node:fs';
import { toString } from 'mdast-util-to-string';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import type { RootContent } from 'mdast';

/** Folds typography and white space so source and extracted text compare: quotes, dashes, hyphenation at line ends. */
export function fold(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u00A0\u202F]/g, ' ')
    .replace(/\u00AD/g, '')
    .replace(/-\s+/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Removes hyphens and spaces entirely (for hyphenation-agnostic order checks). */
export function squash(s: string): string {
  return fold(s).replace(/[-\s]/g, '');
}

/** The sentences of a guide's body, in order (front matter excluded). */
export function guideSentences(file: string): string[] {
  const root = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkDirective)
    .parse(readFileSync(file, 'utf8'));
  // a list or container directive is its blocks (one item is not run into the next); a leaf
  // directive (`::qr[{{…}}]`) prints what the variable holds, not what is written
  const flat = (n: RootContent): RootContent[] =>
    n.type === 'list' || n.type === 'listItem' || n.type === 'containerDirective'
      ? (n.children as RootContent[]).flatMap(flat)
      : n.type === 'leafDirective'
        ? []
        : [n];
  const blocks = root.children
    .filter((n: RootContent) => n.type !== 'yaml')
    .flatMap(flat)
    .map((n) => toString(n));
  const out: string[] = [];
  for (const b of blocks) {
    for (const s of b.split(/(?<=[.!?])\s+/)) if (s.trim().length > 0) out.push(s.trim());
  }
  return out;
}

/** Index after `needle` in `hay` starting at `from`, or -1. */
export function findFrom(hay: string, needle: string, from: number): number {
  const i = hay.indexOf(needle, from);
  return i < 0 ? -1 : i + needle.length;
}
