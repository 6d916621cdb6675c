/** Front matter `toc: true` → a "Contents" heading and a TocBlock listing the guide's headings. */
import type { Block, HeadingBlock, Inline, TocBlock } from '../../types/layout-tree.js';
import { LAYOUT_TOKENS } from '../theme.js';
import { bodyStyle, style, type FromMdastContext, type State } from './state.js';

/** Anchor of the generated "Contents" heading (outside the slugger, so guide anchors never change). */
export const TOC_ANCHOR = 'handoutkit-contents';

/** Typesetting options of the guide (front matter `toc` and `align`, validated by parse and passed in the context). */
export interface FrontMatterOptions {
  readonly toc: boolean;
  readonly align: 'start' | 'justify';
}

/** The options with their defaults. */
export function frontMatterOptions(ctx: FromMdastContext): FrontMatterOptions {
  return { toc: ctx.toc ?? false, align: ctx.align ?? 'start' };
}

/**
 * The table of contents for `blocks`: the outline headings of the shallowest
 * level and the one below it, in order. Empty when there are no headings.
 */
export function tocBlocks(blocks: readonly Block[], state: State): Block[] {
  const headings = blocks.filter((b): b is HeadingBlock => b.kind === 'heading' && b.outline);
  if (headings.length === 0) return [];
  const top = Math.min(...headings.map((h) => h.level));
  const { theme } = state.ctx;
  const entryStyle = bodyStyle(state);
  const entries = headings
    .filter((h) => h.level <= top + 1)
    .map((h) => ({
      inlines: h.inlines.map((i): Inline => ({ ...i, style: { ...entryStyle, face: i.style.face === 'mono' ? 'mono' : 'regular' } })),
      text: h.text,
      anchor: h.anchor,
      level: h.level,
    }));
  const level = Math.min(top, theme.headings.length);
  const h = theme.headings[Math.max(1, level) - 1]!;
  const title = state.ctx.labels.contents;
  const place = headings[0]!.place;
  const heading: HeadingBlock = {
    kind: 'heading',
    level: top,
    inlines: [{ kind: 'text', text: title, style: style('heading', h.size, h.leading, h.color) }],
    anchor: TOC_ANCHOR,
    text: title,
    space: { before: h.before, after: h.after },
    place,
    lang: state.ctx.lang,
    outline: false,
  };
  const toc: TocBlock = {
    kind: 'toc',
    entries,
    style: entryStyle,
    indent: LAYOUT_TOKENS.tocIndent,
    entryGap: LAYOUT_TOKENS.tocEntryGap,
    leaderColor: theme.small.color,
    space: { before: 0, after: LAYOUT_TOKENS.tocAfter },
    place,
    lang: state.ctx.lang,
  };
  return [heading, toc];
}
