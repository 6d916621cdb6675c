/** Parse stage: Markdown source → mdast + validated front matter. */
import path from 'node:path';
import type { Diagnostics } from '../diagnostics.js';
import type { ParsedDocument } from '../types/document.js';
import { readFrontMatter } from './front-matter.js';
import { LineIndex } from './line-index.js';
import { parseMarkdown } from './processor.js';
import './source-data.js';

/**
 * Parses one guide. Front matter problems are recorded in `diags` with their
 * exact line:column; returns undefined when any error was recorded.
 */
export function parse(file: string, source: string, diags: Diagnostics): ParsedDocument | undefined {
  const root = parseMarkdown(source);
  const meta = readFrontMatter(file, source, root, new LineIndex(source), diags);
  if (!meta) return undefined;
  root.data = { ...root.data, handoutSource: source };
  return { file, dir: path.dirname(file), meta, root };
}
