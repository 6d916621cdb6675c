/**
 * Locale-aware typography: smart quotes, dashes (`--` en dash, `---` em
 * dash) and ellipses, via remark-smartypants. Code is left alone.
 */
import type { Root, Text } from 'mdast';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** Quote characters of one language. */
export interface QuoteStyle {
  readonly open: { readonly double: string; readonly single: string };
  readonly close: { readonly double: string; readonly single: string };
  /** Put a no-break space inside double quotes (French). */
  readonly spaced?: boolean;
}

const q = (od: string, cd: string, os: string, cs: string, spaced = false): QuoteStyle => ({
  open: { double: od, single: os },
  close: { double: cd, single: cs },
  spaced,
});

/** Quotes by primary language subtag; English is the default. */
export const QUOTES: ReadonlyMap<string, QuoteStyle> = new Map([
  ['en', q('“', '”', '‘', '’')],
  ['de', q('„', '“', '‚', '‘')],
  ['fr', q('«', '»', '“', '”', true)],
  ['es', q('«', '»', '“', '”')],
  ['pt', q('“', '”', '‘', '’')],
  ['it', q('«', '»', '“', '”')],
  ['ru', q('«', '»', '„', '“')],
  ['uk', q('«', '»', '„', '“')],
  ['pl', q('„', '”', '‚', '’')],
  ['nl', q('‘', '’', '“', '”')],
  ['cs', q('„', '“', '‚', '‘')],
  ['sv', q('”', '”', '’', '’')],
  ['fi', q('”', '”', '’', '’')],
  ['da', q('»', '«', '›', '‹')],
  ['nb', q('«', '»', '‘', '’')],
  ['no', q('«', '»', '‘', '’')],
  ['tr', q('“', '”', '‘', '’')],
  ['zh', q('“', '”', '‘', '’')],
  ['ja', q('「', '」', '『', '』')],
]);

/** The quote style for a BCP 47 tag (English when unknown). */
export function quotesFor(lang: string): QuoteStyle {
  const primary = lang.toLowerCase().split('-')[0] ?? 'en';
  return QUOTES.get(primary) ?? QUOTES.get('en')!;
}

// Placeholders (one code unit each, so smartypants' splicing stays exact).
const OD = '\uE000';
const CD = '\uE001';
const OS = '\uE002';
const CS = '\uE003';
const NBSP = '\u00A0';

const smarten = unified()
  .use(remarkSmartypants, {
    openingQuotes: { double: OD, single: OS },
    closingQuotes: { double: CD, single: CS },
    dashes: 'oldschool',
    ellipses: true,
    backticks: false,
  })
  .freeze();

const LETTER = /[\p{L}\p{N}]/u;

function localise(value: string, style: QuoteStyle): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    switch (c) {
      case OD:
        out += style.open.double + (style.spaced ? NBSP : '');
        if (style.spaced && value[i + 1] === ' ') i++;
        break;
      case CD:
        if (style.spaced) out = out.replace(/ $/, '') + NBSP;
        out += style.close.double;
        break;
      case OS:
        out += style.open.single;
        break;
      case CS: {
        // Between letters it is an apostrophe (it's, l'eau), never a quote.
        const inWord = LETTER.test(value[i - 1] ?? '') && LETTER.test(value[i + 1] ?? '');
        out += inWord ? '’' : style.close.single;
        break;
      }
      default:
        out += c;
    }
  }
  return out;
}

/** Applies smart punctuation for `lang` to the text of `root` (in place). */
export function applyTypography(root: Root, lang: string): void {
  smarten.runSync(root);
  const style = quotesFor(lang);
  visit(root, 'text', (node: Text) => {
    if (/[\uE000-\uE003]/.test(node.value)) node.value = localise(node.value, style);
  });
}
