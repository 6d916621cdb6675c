import type { Plugin } from 'esbuild';
/** `code` with its `count` Unicode tries built on first use, or undefined when it does not define them as expected. */
export function lazyTries(code: string, count: number): string | undefined;
/** The esbuild plugin applying {@link lazyTries} to fontkit's and unicode-properties' ES modules. */
export const lazyTriesPlugin: Plugin;
