/** Parses the templates' output markup into elements with their positions. */
import { parseDocument } from 'htmlparser2';

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

/** Parses markup (XML mode, self-closing tags allowed). */
export function parseMarkup(markup: string): MarkupNode[] {
  const dom = parseDocument(markup, { xmlMode: true, withStartIndices: true, decodeEntities: true });
  return (dom.children as unknown as DomLike[]).map(convert).filter((n): n is MarkupNode => n !== undefined);
}
