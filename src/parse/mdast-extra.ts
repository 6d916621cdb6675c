/**
 * Names for the mdast node types our parser adds (directives, front matter),
 * taken from the mdast content maps that remark-directive and
 * remark-frontmatter augment.
 */
import type { Nodes } from 'mdast';
import type {} from 'remark-directive';
import type {} from 'remark-frontmatter';

/** `:::name[label]` … `:::` */
export type ContainerDirective = Extract<Nodes, { type: 'containerDirective' }>;
/** `::name[label]` */
export type LeafDirective = Extract<Nodes, { type: 'leafDirective' }>;
/** `:name[label]` */
export type TextDirective = Extract<Nodes, { type: 'textDirective' }>;
