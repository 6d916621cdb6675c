/**
 * Fill-in values are personal data: a character in one that no bundled font
 * has is reported before layout, naming the field and the character's script,
 * never the character or any part of the value.
 */
import { getScript } from 'unicode-properties';
import { fileStart, type Diagnostics, type SourcePlace } from './diagnostics.js';
import type { FontBook } from './layout/fonts/font-book.js';
import { LineIndex } from './parse/line-index.js';

const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Z}\p{M}]$/u;

/** Where the guide first uses `{{fill.<name>}}`, else its start. */
function firstUse(file: string, source: string, name: string): SourcePlace {
  const m = new RegExp(`\\{\\{\\s*fill\\.${name.replace(/[-]/g, '\\-')}\\s*\\}\\}`).exec(source);
  return m ? { file, ...new LineIndex(source).at(m.index) } : fileStart(file);
}

/**
 * Records a `missing-glyph` error for each fill-in field whose value has a character no bundled font (in the
 * fallback chain for `lang`) can draw. Returns true when every value can be printed.
 */
export function checkFillGlyphs(
  fill: Readonly<Record<string, string>>,
  file: string,
  source: string,
  lang: string,
  fonts: FontBook,
  diags: Diagnostics,
): boolean {
  let ok = true;
  for (const [name, value] of Object.entries(fill)) {
    const scripts = new Set<string>();
    for (const ch of value) {
      if (INVISIBLE.test(ch)) continue;
      const cp = ch.codePointAt(0)!;
      if (fonts.fontFor('regular', cp, lang) === undefined) scripts.add(getScript(cp).replace(/_/g, ' '));
    }
    if (scripts.size === 0) continue;
    ok = false;
    const list = [...scripts].sort();
    const what = `${list.length === 1 ? 'a character' : 'characters'} in the ${list.join(', ')} script${list.length === 1 ? '' : 's'}`;
    diags.error(
      firstUse(file, source, name),
      `fill-in field \`${name}\` has ${what} that no bundled font has (the value is not shown, as it is personal ` +
        `information); give the value in a script the bundled fonts cover, or add a font that covers it`,
      'missing-glyph',
    );
  }
  return ok;
}
