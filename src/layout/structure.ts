/** Builds the logical structure tree while blocks are laid out in reading order. */
import type { StructNode, StructRole } from '../types/paged.js';

/** Optional attributes of a structure node. */
export type NodeExtra = Pick<StructNode, 'alt' | 'actualText' | 'lang' | 'scope'>;

type MutableNode = { -readonly [K in keyof StructNode]: StructNode[K] };

/** Collects structure nodes; node 0 is the Document. */
export class StructureBuilder {
  private readonly nodes: MutableNode[] = [{ id: 0, role: 'Document', parent: null, children: [] }];

  /** Adds a child node and returns its id. */
  add(role: StructRole, parent: number, extra: NodeExtra = {}): number {
    const id = this.nodes.length;
    this.nodes.push({ id, role, parent, children: [], ...extra });
    this.nodes[parent]!.children.push(id);
    return id;
  }

  /** The finished tree. */
  build(): readonly StructNode[] {
    return this.nodes.map((n) => ({ ...n, children: [...n.children] }));
  }
}
