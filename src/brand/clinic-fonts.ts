/**
 * The clinic's own fonts (`fonts:` in clinic.yaml): read through the World from the clinic's folder only
 * (so incremental builds record them), checked to be usable TTF/OTF fonts, and — once the guide's language
 * is known — checked to cover the basic Latin letters when the guide is written in Latin script.
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Diagnostics, SourcePlace } from '../diagnostics.js';
import type { Brand, BrandFont, ClinicFontRole } from '../types/brand.js';
import type { World } from '../world.js';
import { CLINIC_FONT_ROLES, MAX_CLINIC_FONT_BYTES, openClinicFont } from '../layout/fonts/clinic-fonts.js';

/** A `fonts.<role>` entry as written, with its place in clinic.yaml. */
export interface FontRef {
  readonly role: ClinicFontRole;
  readonly ref: string;
  readonly place: SourcePlace;
}

const FONT_FILE = /\.(ttf|otf)$/i;

/**
 * Reads and checks every font named under `fonts:` (confined to the clinic folder `dir`). Each problem is
 * an error at the entry's line (`clinic-font-not-found`, `clinic-font-outside`, `clinic-font-too-large`,
 * `clinic-font-invalid`); returns the fonts that are usable.
 */
export function loadClinicFonts(
  refs: readonly FontRef[],
  dir: string,
  world: World,
  diags: Diagnostics,
): Partial<Record<ClinicFontRole, BrandFont>> {
  const out: Partial<Record<ClinicFontRole, BrandFont>> = {};
  for (const { role, ref, place } of refs) {
    const what = `\`fonts.${role}\` \`${ref}\``;
    if (!FONT_FILE.test(ref)) {
      diags.error(
        place,
        `${what} is not a font file name; name a TrueType (.ttf) or OpenType (.otf) file in the clinic folder, e.g. ` +
          `\`${role}: fonts/Brand-Regular.ttf\``,
        'clinic-font-invalid',
      );
      continue;
    }
    const read = world.read(ref, dir, [dir], MAX_CLINIC_FONT_BYTES);
    if (!read.ok) {
      switch (read.reason) {
        case 'remote':
        case 'outside-root':
          diags.error(
            place,
            `${what} is outside the clinic folder; fonts are read only from inside \`${dir}\`: copy the font (with its ` +
              `licence) next to clinic.yaml and refer to it with a relative path`,
            'clinic-font-outside',
          );
          break;
        case 'too-large':
          diags.error(
            place,
            `${what} is too large (${read.detail}); a font file is at most ${MAX_CLINIC_FONT_BYTES / 1024 / 1024} MB`,
            'clinic-font-too-large',
          );
          break;
        default:
          diags.error(
            place,
            `${what} was not found (looked for \`${path.resolve(dir, ref)}\`: ${read.detail}); check the spelling and letter ` +
              `case of the file name`,
            'clinic-font-not-found',
          );
      }
      continue;
    }
    const digest = createHash('sha256').update(read.data).digest('hex');
    const opened = openClinicFont({ digest, data: read.data });
    if (!opened.ok) {
      diags.error(
        place,
        `${what} cannot be used as a font: ${opened.reason}; name a TrueType (.ttf) or OpenType (.otf) file`,
        'clinic-font-invalid',
      );
      continue;
    }
    out[role] = { file: ref, digest, data: read.data, place };
  }
  return out;
}

const BASIC_LATIN_LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];

/** Whether a language is written in Latin script (by its tag's likely script). */
function isLatinScript(lang: string): boolean {
  try {
    return new Intl.Locale(lang).maximize().script === 'Latn';
  } catch {
    return false;
  }
}

/**
 * A clinic font for a guide in Latin script must have every basic Latin letter (a–z, A–Z): otherwise
 * words would be drawn letter by letter in two fonts. Records `clinic-font-coverage` at the font's line
 * and returns false when one lacks them. Guides in other scripts are not checked (their text falls back,
 * per character, to the bundled font of the script).
 */
export function checkClinicFontCoverage(brand: Brand, lang: string, diags: Diagnostics): boolean {
  const fonts = brand.fonts;
  if (!fonts || !isLatinScript(lang)) return true;
  let ok = true;
  for (const role of CLINIC_FONT_ROLES) {
    const f = fonts[role];
    if (!f) continue;
    const opened = openClinicFont(f);
    if (!opened.ok) continue; // refused when the clinic was loaded
    const missing = BASIC_LATIN_LETTERS.filter((ch) => !opened.font.hasGlyphForCodePoint(ch.codePointAt(0)!));
    if (missing.length === 0) continue;
    ok = false;
    const shown =
      missing.length === BASIC_LATIN_LETTERS.length
        ? 'any basic Latin letter'
        : `the letters ${missing.slice(0, 8).join(' ')}${missing.length > 8 ? ' …' : ''}`;
    diags.error(
      f.place,
      `\`fonts.${role}\` \`${f.file}\` has no glyph for ${shown}, and this guide (\`${lang}\`) is written in Latin script; ` +
        `name a font that covers the Latin alphabet, or remove \`fonts.${role}\` to use the bundled font`,
      'clinic-font-coverage',
    );
  }
  return ok;
}
