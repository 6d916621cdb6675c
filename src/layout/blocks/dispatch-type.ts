/** The signature of the block dispatcher, passed to container handlers (avoids an import cycle). */
import type { Block } from '../../types/layout-tree.js';
import type { FlowBuilder } from '../flow.js';
import type { BlockContext, BlockFrame } from './context.js';

/** Lays out a sequence of blocks into a flow. */
export type LayoutBlocks = (blocks: readonly Block[], flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext) => void;
