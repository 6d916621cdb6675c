/** Where a guide's `id` is written (a module of its own: read by the CLI without the batch config code). */
import { textOrUndefined } from '../world.js';

/** Line and column of the `id:` value in a guide's front matter (1:1 when there is none). */
export function guideIdPlace(file: string): { line: number; column: number } {
  const lines = (textOrUndefined(file) ?? '').split('\n', 200); // unreadable: the build reports it
  const line = lines.findIndex((l) => /^id\s*:/.test(l));
  if (line >= 0) return { line: line + 1, column: (/^id\s*:\s*/.exec(lines[line]!)?.[0].length ?? 0) + 1 };
  return { line: 1, column: 1 };
}
