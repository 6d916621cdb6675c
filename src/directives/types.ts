/**
 * The shape of a directive declaration. Each directive is declared once, in
 * its own file under `src/directives/`, and listed in `registry.ts`; resolve's
 * unknown-directive check, the from-mdast handlers, the README table and the
 * diagnostics `handout check` prints all read that list.
 */
import type { Nodes } from 'mdast';
import type { z } from 'zod';
import type { Diagnostics, SourcePlace } from '../diagnostics.js';
import type { ContainerDirective, LeafDirective, TextDirective } from '../parse/mdast-extra.js';
import type { Block, Inline, TextStyle } from '../types/layout-tree.js';
import type { State } from '../template/from-mdast/state.js';

/** `:::name` … `:::` (container), `::name` (leaf, on its own line) or `:name[…]` (text, inside a paragraph). */
export type DirectiveKind = 'container' | 'leaf' | 'text';

/** The mdast node of each kind. */
export interface DirectiveNodes {
  readonly container: ContainerDirective;
  readonly leaf: LeafDirective;
  readonly text: TextDirective;
}

/** What resolve does with one use of a known directive after checking it. */
export type DirectiveCheck = 'keep' | 'unknown' | 'drop';

/** Context of {@link DirectiveDefinition.check}. */
export interface DirectiveCheckContext {
  readonly place: SourcePlace;
  readonly diags: Diagnostics;
}

/** A directive declaration. */
export interface DirectiveDefinition<K extends DirectiveKind = DirectiveKind> {
  readonly name: string;
  readonly kind: K;
  /** How it is written, for messages and the README (`:::note`, `::pagebreak`, `:lang[…]{lang=…}`). */
  readonly syntax: string;
  /** One line for the README table. */
  readonly summary: string;
  /** A valid use, when the bare `syntax` is not one (a directive that needs a label or content); for tests and docs. */
  readonly example?: string;
  /** Its attributes (`{key=value}`); unknown keys are ignored. */
  readonly attributes: z.ZodType;
  /**
   * Resolve-time check of one use: may normalise the node's attributes in place and record errors.
   * `keep` (default): the directive stays for the template stage; `unknown`: treated as an unknown
   * directive; `drop`: removed (an error was recorded).
   */
  readonly check?: (node: DirectiveNodes[K], ctx: DirectiveCheckContext) => DirectiveCheck;
  /** Block handler (container and leaf directives). */
  readonly block?: (node: DirectiveNodes[K], state: State) => Block[];
  /**
   * Inline handler (text directives): `children` are converted by `convert` with the given style;
   * undefined when this use has no meaning (it is then printed as written).
   */
  readonly inline?: (
    node: DirectiveNodes[K],
    style: TextStyle,
    convert: (nodes: readonly Nodes[], style: TextStyle) => Inline[],
  ) => Inline[] | undefined;
}
