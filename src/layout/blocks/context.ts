/** Shared state of block layout for one document. */
import type { Diagnostics } from '../../diagnostics.js';
import type { Measurer } from '../fonts/measure.js';
import type { StructureBuilder } from '../structure.js';

/** What every block handler needs. */
export interface BlockContext {
  readonly measurer: Measurer;
  readonly diags: Diagnostics;
  readonly structure: StructureBuilder;
  /** Height of the page's body area (for keep decisions and image scaling). */
  readonly bodyHeight: number;
  /** Whether structure nodes are created (false for page chrome, which is an artifact). */
  readonly tagged: boolean;
  /** Base direction of the document: `start` is the right edge in RTL documents. */
  readonly direction: 'ltr' | 'rtl';
}

/** Where a block is placed horizontally, and its structure parent. */
export interface BlockFrame {
  readonly x: number;
  readonly width: number;
  /** Structure parent, or null inside artifacts. */
  readonly parent: number | null;
}

/** Adds a structure node when tagging, else returns null (artifact). */
export function addNode(
  ctx: BlockContext,
  frame: BlockFrame,
  role: Parameters<BlockContext['structure']['add']>[0],
  extra?: Parameters<BlockContext['structure']['add']>[2],
): number | null {
  if (!ctx.tagged || frame.parent === null) return null;
  return ctx.structure.add(role, frame.parent, extra);
}
