/**
 * The prose of a guide, as sentences with exact source positions: each Markdown paragraph is
 * turned into natural-language syntax trees (nlcst) with `mdast-util-to-nlcst`, so every word
 * points at the guide's own line and column (as the build's diagnostics do).
 *
 * What is prose (counted by the readability formulas): paragraphs anywhere — also inside list
 * items (each item's paragraph ends a sentence even without a full stop), quotes, callouts and
 * footnotes — and link text. Not prose: the title and headings, callout labels, table cells,
 * code, front matter, image alt text, URLs and e-mail addresses, and `{{variables}}`.
 * Numbers are words (Flesch counts figures as words, read aloud); list markers are never text.
 */
import type { Nodes, Paragraph, Root } from 'mdast';
import type { Root as NlcstRoot, Sentence as NlcstSentence, Paragraph as NlcstParagraph } from 'nlcst';
import { toNlcst } from 'mdast-util-to-nlcst';
import { toString as nlcstToString } from 'nlcst-to-string';
import { toString as mdastToString } from 'mdast-util-to-string';
import { ParseEnglish } from 'parse-english';
import { ParseLatin } from 'parse-latin';
import { VFile } from 'vfile';

/** A 1-based place in the guide. */
export interface Point {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** One counted word. */
export interface ProseWord {
  readonly text: string;
  readonly start: Point;
}

/** Where a paragraph sits. */
export type ProseContext = 'paragraph' | 'list-item' | 'quote' | 'callout' | 'footnote';

/** One sentence of prose. */
export interface ProseSentence {
  readonly start: Point;
  readonly end: Point;
  /** The sentence as written, whitespace collapsed. */
  readonly text: string;
  /** The counted words (variables, URLs and symbols left out). */
  readonly words: readonly ProseWord[];
  /** Index into {@link Prose.sections}. */
  readonly section: number;
  readonly context: ProseContext;
  /** Index of its paragraph in the document (sentences of one paragraph share it). */
  readonly paragraph: number;
}

/** A section: the text under one `#`/`##` heading (or before the first heading). */
export interface ProseSection {
  /** The heading text; the guide's title for the opening text before any heading. */
  readonly title: string;
  readonly start: Point;
  /** The heading's own level (0 for the opening text). */
  readonly depth: number;
}

/** The prose of one guide. */
export interface Prose {
  readonly sections: readonly ProseSection[];
  readonly sentences: readonly ProseSentence[];
  /** Every paragraph's nlcst tree, positioned in the guide (for retext plugins). */
  readonly tree: NlcstRoot;
  /** Every heading of the guide, in order. */
  readonly headings: readonly { readonly text: string; readonly depth: number; readonly start: Point }[];
}

/**
 * Spans that are never words: `{{variables}}`, an image with its alt text and the attribute list after it
 * (`![A chart](c.png){width=60%}`), URLs and e-mail addresses.
 */
const NOT_WORDS =
  /\{\{[^}]*\}\}|!\[[^\]\n]*\]\([^()\n]*\)(?:\{[^{}\n]*\})?|\b(?:https?:\/\/|www\.)[^\s<>()]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

function notWordRanges(source: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  const slice = source.slice(from, to);
  for (const m of slice.matchAll(NOT_WORDS)) out.push([from + m.index, from + m.index + m[0].length]);
  return out;
}

const SKIP = new Set(['table', 'code', 'html', 'yaml', 'thematicBreak', 'definition', 'leafDirective', 'math', 'heading']);

function pointOf(p: { line: number; column: number; offset?: number | undefined } | undefined): Point {
  return { line: p?.line ?? 1, column: p?.column ?? 1, offset: p?.offset ?? 0 };
}

/** Scripts written without spaces between words: their runs are split into words by `Intl.Segmenter` (ICU dictionaries). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function segmentWords(text: string, start: Point, lang: string): ProseWord[] {
  const out: ProseWord[] = [];
  for (const seg of new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)) {
    if (!seg.isWordLike) continue;
    const before = text.slice(0, seg.index);
    const nl = before.lastIndexOf('\n');
    const line = start.line + (before.match(/\n/g)?.length ?? 0);
    const column = nl < 0 ? start.column + seg.index : seg.index - nl;
    out.push({ text: seg.segment, start: { line, column, offset: start.offset + seg.index } });
  }
  return out;
}

function wordsOf(sentence: NlcstSentence, ranges: readonly [number, number][], lang: string): ProseWord[] {
  const out: ProseWord[] = [];
  for (const child of sentence.children) {
    if (child.type !== 'WordNode') continue;
    const word = child;
    const text = nlcstToString(word);
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    const start = word.position?.start;
    const off = start?.offset ?? -1;
    if (ranges.some(([a, b]) => off >= a && off < b)) continue;
    if (UNSPACED.test(text)) {
      out.push(...segmentWords(text, pointOf(start), lang));
      continue;
    }
    out.push({ text: text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''), start: pointOf(start) });
  }
  return out;
}

/** Extracts the prose of `root` (parsed from `source`), with `title` naming the opening section. */
export function extractProse(root: Root, source: string, lang: string, title: string): Prose {
  const file = new VFile(source);
  const parser = lang.split('-')[0]!.toLowerCase() === 'en' ? ParseEnglish : ParseLatin;
  const sections: ProseSection[] = [{ title, start: { line: 1, column: 1, offset: 0 }, depth: 0 }];
  const sentences: ProseSentence[] = [];
  const headings: { text: string; depth: number; start: Point }[] = [];
  const paragraphs: NlcstParagraph[] = [];
  let paragraphIndex = 0;

  const paragraph = (node: Paragraph, context: ProseContext): void => {
    if ((node.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) return;
    const tree = toNlcst(node, file, parser);
    const ranges = notWordRanges(source, node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
    for (const p of tree.children) {
      if (p.type !== 'ParagraphNode') continue;
      paragraphs.push(p);
      for (const s of p.children) {
        if (s.type !== 'SentenceNode') continue;
        const words = wordsOf(s, ranges, lang);
        if (words.length === 0) continue;
        sentences.push({
          start: pointOf(s.position?.start),
          end: pointOf(s.position?.end),
          text: nlcstToString(s).replace(/\s+/g, ' ').trim(),
          words,
          section: sections.length - 1,
          context,
          paragraph: paragraphIndex,
        });
      }
    }
    paragraphIndex++;
  };

  const walk = (node: Nodes, context: ProseContext): void => {
    if (node.type === 'heading') {
      const h = node;
      const text = mdastToString(h).trim();
      headings.push({ text, depth: h.depth, start: pointOf(h.position?.start) });
      if (h.depth <= 2) sections.push({ title: text, start: pointOf(h.position?.start), depth: h.depth });
      return;
    }
    if (SKIP.has(node.type)) return;
    if (node.type === 'paragraph') return paragraph(node, context);
    if (!('children' in node)) return;
    const inner: ProseContext =
      node.type === 'listItem'
        ? 'list-item'
        : node.type === 'blockquote'
          ? 'quote'
          : node.type === 'containerDirective'
            ? 'callout'
            : node.type === 'footnoteDefinition'
              ? 'footnote'
              : context;
    for (const child of node.children) walk(child, inner);
  };
  walk(root, 'paragraph');
  const position = root.position ? { start: pointOf(root.position.start), end: pointOf(root.position.end) } : undefined;
  return { sections, sentences, headings, tree: { type: 'RootNode', children: paragraphs, ...(position ? { position } : {}) } };
}
