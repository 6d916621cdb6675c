/** Writing direction of a language tag. */

/** Languages written right to left (primary subtags), and RTL scripts. */
const RTL_LANGS = new Set(['ar', 'fa', 'ur', 'ps', 'he', 'yi', 'ckb', 'sd', 'ug', 'dv', 'syr', 'arc', 'ks', 'prs']);
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg']);

/** Base direction of a BCP 47 language tag (`ar`, `fa-IR`, `he`, `yi`, `pa-Arab` → rtl). */
export function directionOfLang(lang: string): 'ltr' | 'rtl' {
  try {
    const loc = new Intl.Locale(lang);
    if (loc.script) return RTL_SCRIPTS.has(loc.script) ? 'rtl' : 'ltr';
    if (RTL_LANGS.has(loc.language)) return 'rtl';
    const max = loc.maximize();
    return max.script && RTL_SCRIPTS.has(max.script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
