/** Parses the templates' output markup into elements with their positions. */
import { parseDocument } from 'htmlparser2';
import { boundedMemo } from '../bounded-memo.js';

/** A markup element. */
export interface MarkupElement {
  readonly kind: 'element';
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly MarkupNode[];
  /** Offset of the tag in the markup. */
  readonly offset: number;
}

/** Text between tags (entities decoded). */
export interface MarkupText {
  readonly kind: 'text';
  readonly text: string;
}

/** A node of parsed markup. */
export type MarkupNode = MarkupElement | MarkupText;

interface DomLike {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  data?: string;
  children?: DomLike[];
  startIndex: number | null;
}

function convert(node: DomLike): MarkupNode | undefined {
  if (node.type === 'text') return { kind: 'text', text: node.data ?? '' };
  if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
    return {
      kind: 'element',
      name: node.name ?? '',
      attrs: node.attribs ?? {},
      children: (node.children ?? []).map(convert).filter((n): n is MarkupNode => n !== undefined),
      offset: node.startIndex ?? 0,
    };
  }
  return undefined;
}

/** Freezes `nodes` and everything in them (they are shared by every build that renders the same markup). */
function deepFreeze(nodes: readonly MarkupNode[]): readonly MarkupNode[] {
  for (const n of nodes) {
    if (n.kind === 'element') {
      Object.freeze(n.attrs);
      deepFreeze(n.children);
    }
    Object.freeze(n);
  }
  return Object.freeze(nodes);
}

function parseFrozen(markup: string): readonly MarkupNode[] {
  const dom = parseDocument(markup, { xmlMode: true, withStartIndices: true, decodeEntities: true });
  return deepFreeze((dom.children as unknown as DomLike[]).map(convert).filter((n): n is MarkupNode => n !== undefined));
}

/** Markup longer than this is parsed every time and not kept. */
export const MAX_KEPT_MARKUP = 64 * 1024;

/**
 * Parses markup (XML mode, self-closing tags allowed). The result is deep-frozen and remembered per markup text (the
 * templates render the same page chrome for every guide of a clinic and language; 32 texts up to
 * {@link MAX_KEPT_MARKUP} characters each).
 */
export const parseMarkup: (markup: string) => readonly MarkupNode[] = boundedMemo(parseFrozen, 32, (m) => m.length <= MAX_KEPT_MARKUP);
