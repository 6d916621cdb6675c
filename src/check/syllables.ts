/**
 * Syllable counts per language for the readability formulas.
 *
 * - English: the `syllable` package (a maintained counter with an exception list); numbers are
 *   counted as they are read aloud (`15` → "fifteen", 2), as Flesch's counting rules ask.
 * - Spanish, French, German: a documented heuristic (no maintained npm counter exists for them):
 *   written vowel groups, with each language's rules below. It matches a dictionary count for
 *   most everyday words; known misses are listed at each function.
 *   Numbers count one syllable per digit (an approximation: `10` → "diez" is 1, `15` → "quince" 2).
 */
import { syllable } from 'syllable';

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** An integer below one billion in English words (`1918` → "one thousand nine hundred eighteen"). */
export function englishNumberWords(n: number): string {
  if (n < 20) return ONES[n]!;
  if (n < 100) return `${TENS[Math.floor(n / 10)]!}${n % 10 ? ` ${ONES[n % 10]!}` : ''}`;
  if (n < 1000) return `${ONES[Math.floor(n / 100)]!} hundred${n % 100 ? ` ${englishNumberWords(n % 100)}` : ''}`;
  if (n < 1e6) return `${englishNumberWords(Math.floor(n / 1000))} thousand${n % 1000 ? ` ${englishNumberWords(n % 1000)}` : ''}`;
  return `${englishNumberWords(Math.floor(n / 1e6))} million${n % 1e6 ? ` ${englishNumberWords(n % 1e6)}` : ''}`;
}

const NUMBER = /^\d[\d,.]*$/;

function englishNumberSyllables(word: string): number {
  const [whole = '', fraction] = word.replace(/,/g, '').split('.');
  const n = Number(whole);
  if (!Number.isSafeInteger(n) || n >= 1e9) return word.replace(/\D/g, '').length; // read digit by digit
  let count = syllable(englishNumberWords(n));
  if (fraction) count += 1 + [...fraction].reduce((s, d) => s + syllable(ONES[Number(d)]!), 0); // "point" + digits
  return count;
}

/**
 * Spanish: vowel nuclei; two strong vowels (a, e, o, or accented í/ú) in a row are a hiatus, any other pair a
 * diphthong; silent `u` in que/qui/gue/gui.
 */
export function spanishSyllables(word: string): number {
  let w = word.toLowerCase().replace(/([qg])u([eiéí])/g, '$1$2');
  w = w.replace(/y(?![aeiouáéíóú])/g, 'i'); // `y` not before a vowel sounds as i (hoy, muy, y)
  const strong = /[aeoáéíóú]/;
  const vowel = /[aeiouáéíóúü]/;
  let count = 0;
  let prev: string | undefined;
  for (const ch of w) {
    if (vowel.test(ch)) {
      if (prev === undefined || (strong.test(prev) && strong.test(ch))) count++;
      prev = ch;
    } else prev = undefined;
  }
  return Math.max(1, count);
}

/**
 * French: written vowel groups (an `é` before another vowel starts a new one: `séance` 2), less a
 * mute final `e`/`es` after a consonant (`une` 1, `pages` 1). Inner mute e counts, as written
 * (`traitement` 3). Misses: verb endings `-ent`, other hiatus (`pays`).
 */
export function frenchSyllables(word: string): number {
  const w = word.toLowerCase().replace(/^[a-z]['’]/, '');
  const groups = (w.match(/[aeiouyàâäéèêëîïôöùûüœæ]+/g)?.length ?? 0) + (w.match(/é(?=[aeiouàâô])/g)?.length ?? 0);
  const mute = groups > 1 && /[^aeiouyàâäéèêëîïôöùûüœæ]es?$/.test(w) ? 1 : 0;
  return Math.max(1, groups - mute);
}

/**
 * German: written vowel groups (so `ei`, `au`, `eu`, `äu`, `ie` and doubled vowels are one). Misses: hiatus in
 * loanwords (`Patient`, `Museum`).
 */
export function germanSyllables(word: string): number {
  return Math.max(1, word.toLowerCase().match(/[aeiouyäöü]+/g)?.length ?? 0);
}

/** Syllables of one word in `lang` (a primary language subtag: en, es, fr, de); undefined for another language. */
export function countSyllables(word: string, lang: string): number | undefined {
  const isNumber = NUMBER.test(word);
  switch (lang) {
    case 'en':
      return isNumber ? englishNumberSyllables(word) : Math.max(1, syllable(word));
    case 'es':
      return isNumber ? word.replace(/\D/g, '').length : spanishSyllables(word);
    case 'fr':
      return isNumber ? word.replace(/\D/g, '').length : frenchSyllables(word);
    case 'de':
      return isNumber ? word.replace(/\D/g, '').length : germanSyllables(word);
    default:
      return undefined;
  }
}
