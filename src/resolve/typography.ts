/**
 * Locale-aware typography: smart quotes, dashes (`--` en dash, `---` em
 * dash) and ellipses (remark-smartypants' algorithm, `smart-punctuation.ts`), and no-break spaces where the
 * locale expects them (between a number and its unit; French punctuation).
 * Code is left alone.
 */
import type { Root, Text } from 'mdast';
import { walkWhere } from '../parse/walk.js';
import { smartPunctuation } from './smart-punctuation.js';

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

const smarten = smartPunctuation({
  openingQuotes: { double: OD, single: OS },
  closingQuotes: { double: CD, single: CS },
  dashes: 'oldschool',
  ellipses: true,
  backticks: false,
});

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

/** Narrow no-break space (French `;` `!` `?`, thousands groups). */
const NNBSP = '\u202F';

/** Unit symbols written after a number in every language. */
const SYMBOL_UNITS = [
  'mg',
  'mcg',
  'µg',
  'μg',
  'ng',
  'g',
  'kg',
  'ml',
  'mL',
  'dl',
  'dL',
  'cl',
  'l',
  'L',
  'mm',
  'cm',
  'm',
  'km',
  'mmHg',
  'bpm',
  'IU',
  'UI',
  'kcal',
  'h',
  'min',
  'mins',
  's',
  'ms',
  'hr',
  'hrs',
  '°C',
  '°F',
  '°',
  '%',
  'mg/kg',
  'mg/ml',
  'mg/mL',
];

/** Unit words by primary language subtag. */
const UNIT_WORDS: ReadonlyMap<string, readonly string[]> = new Map([
  [
    'en',
    [
      'second',
      'seconds',
      'minute',
      'minutes',
      'hour',
      'hours',
      'day',
      'days',
      'week',
      'weeks',
      'month',
      'months',
      'year',
      'years',
      'tablet',
      'tablets',
      'sessions',
      'session',
      'units',
      'drops',
    ],
  ],
  ['es', ['segundos', 'minuto', 'minutos', 'hora', 'horas', 'día', 'días', 'semana', 'semanas', 'mes', 'meses', 'año', 'años', 'sesiones']],
  [
    'fr',
    [
      'secondes',
      'minute',
      'minutes',
      'heure',
      'heures',
      'jour',
      'jours',
      'semaine',
      'semaines',
      'mois',
      'an',
      'ans',
      'séances',
      'comprimés',
    ],
  ],
  [
    'de',
    [
      'Sekunden',
      'Minute',
      'Minuten',
      'Stunde',
      'Stunden',
      'Tag',
      'Tage',
      'Tagen',
      'Woche',
      'Wochen',
      'Monat',
      'Monate',
      'Monaten',
      'Jahr',
      'Jahre',
      'Jahren',
      'Sitzungen',
    ],
  ],
  ['pt', ['segundos', 'minuto', 'minutos', 'hora', 'horas', 'dia', 'dias', 'semana', 'semanas', 'mês', 'meses', 'ano', 'anos', 'sessões']],
  [
    'it',
    ['secondi', 'minuto', 'minuti', 'ora', 'ore', 'giorno', 'giorni', 'settimana', 'settimane', 'mese', 'mesi', 'anno', 'anni', 'sedute'],
  ],
  ['nl', ['seconden', 'minuut', 'minuten', 'uur', 'dag', 'dagen', 'week', 'weken', 'maand', 'maanden', 'jaar', 'sessies']],
  ['pl', ['sekund', 'minut', 'minuty', 'godzin', 'godziny', 'godzinę', 'dni', 'dzień', 'tygodni', 'tygodnie', 'miesięcy', 'lat', 'lata']],
  [
    'ru',
    [
      'секунд',
      'минут',
      'минуты',
      'минуту',
      'час',
      'часа',
      'часов',
      'день',
      'дня',
      'дней',
      'недели',
      'недель',
      'месяца',
      'месяцев',
      'года',
      'лет',
      'мг',
      'мл',
      'кг',
    ],
  ],
]);

/** What every match of a unit pattern starts with. */
const DIGIT_SPACE = /\d[ \t]/;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const unitPatterns = new Map<string, RegExp>();

/** The number-space-unit pattern for a language (longest units first). */
function unitPattern(primary: string): RegExp {
  let re = unitPatterns.get(primary);
  if (!re) {
    const units = [...SYMBOL_UNITS, ...(UNIT_WORDS.get(primary) ?? UNIT_WORDS.get('en')!)].sort((a, b) => b.length - a.length);
    re = new RegExp(`(\\d)[ \\t]+(${units.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
    unitPatterns.set(primary, re);
  }
  return re;
}

/**
 * No-break spaces where the locale expects them, replacing the ordinary space
 * the author typed (none is ever inserted where there was no space):
 * between a number and its unit (`10 mg`, `15 minutes`, `40 °C`, `5 %`),
 * and in French before `; ! ?` (narrow), before `:` and inside `« »`.
 */
export function applyNoBreakSpaces(value: string, lang: string): string {
  return noBreakSpaces(value, primaryOf(lang));
}

/** The primary language subtag of `lang`, lower case. */
function primaryOf(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? 'en';
}

/** {@link applyNoBreakSpaces} for a primary language subtag (worked out once per document, not per text node). */
function noBreakSpaces(value: string, primary: string): string {
  // the unit pattern needs a digit then a space or tab: most text nodes have none, and skip its long alternation
  let out = DIGIT_SPACE.test(value) ? value.replace(unitPattern(primary), `$1${NBSP}$2`) : value;
  if (primary === 'fr') {
    out = out
      .replace(/[ \u00A0]+([;!?])/g, `${NNBSP}$1`)
      .replace(/[ \u00A0]+:/g, `${NBSP}:`)
      .replace(/« +/g, `«${NBSP}`)
      .replace(/ +»/g, `${NBSP}»`);
  }
  return out;
}

/** Applies smart punctuation and no-break spaces for `lang` to the text of `root` (in place). */
export function applyTypography(root: Root, lang: string): void {
  smarten(root);
  const style = quotesFor(lang);
  const primary = primaryOf(lang);
  walkWhere(root, 'text', (node: Text) => {
    if (/[\uE000-\uE003]/.test(node.value)) node.value = localise(node.value, style);
    node.value = noBreakSpaces(node.value, primary);
  });
}
