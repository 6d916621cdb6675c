/** Turns reference-style links and images into plain ones and drops their definitions. */
import type { Definition, Image, Link, Root } from 'mdast';
import { walk, walkWhere } from '../parse/walk.js';

/** Replaces `linkReference`/`imageReference` nodes by `link`/`image` using the document's definitions. */
export function inlineReferences(root: Root): void {
  const defs = new Map<string, Definition>();
  walkWhere(root, 'definition', (d: Definition) => {
    if (!defs.has(d.identifier)) defs.set(d.identifier, d);
  });
  walk(root, (node, index, parent) => {
    if (index === undefined || !parent) return;
    if (node.type === 'definition') {
      parent.children.splice(index, 1);
      return index;
    }
    if (node.type !== 'linkReference' && node.type !== 'imageReference') return;
    const def = defs.get(node.identifier);
    if (!def) return;
    let replacement: Link | Image;
    if (node.type === 'linkReference') {
      replacement = { type: 'link', url: def.url, title: def.title ?? null, children: node.children };
    } else {
      replacement = { type: 'image', url: def.url, title: def.title ?? null, alt: node.alt ?? '' };
    }
    if (node.position) replacement.position = node.position;
    parent.children[index] = replacement;
    return undefined;
  });
}
