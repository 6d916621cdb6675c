/** Names of a guide's language files (a module of its own: no Markdown parser behind it). */
import path from 'node:path';

/** The source language of every guide. */
export const SOURCE_LANG = 'en';

/** The language of a guide file from its name (`es.md` → `es`). */
export function langOfFile(file: string): string {
  return path.basename(file, '.md');
}

/** The source-language guide next to `file` (`<dir>/en.md`). */
export function sourceGuideOf(file: string): string {
  return path.join(path.dirname(path.resolve(file)), `${SOURCE_LANG}.md`);
}
