/** Where a guide's `id` is written (a module of its own: read by the CLI without the batch config code). */
import { readFileSync } from 'node:fs';

/** Line and column of the `id:` value in a guide's front matter (1:1 when there is none). */
export function guideIdPlace(file: string): { line: number; column: number } {
  try {
    const lines = readFileSync(file, 'utf8').split('\n', 200);
    const line = lines.findIndex((l) => /^id\s*:/.test(l));
    if (line >= 0) return { line: line + 1, column: (/^id\s*:\s*/.exec(lines[line]!)?.[0].length ?? 0) + 1 };
  } catch {
    // unreadable: the build reports it
  }
  return { line: 1, column: 1 };
}
