/** Words the template adds to the text, per language (English fallback). */

/** The translatable labels. */
export interface Labels {
  readonly note: string;
  readonly warning: string;
  readonly tip: string;
  /** Heading of the endnotes section. */
  readonly notes: string;
}

const LABELS: ReadonlyMap<string, Labels> = new Map([
  ['en', { note: 'Note', warning: 'Warning', tip: 'Tip', notes: 'Notes' }],
  ['de', { note: 'Hinweis', warning: 'Warnung', tip: 'Tipp', notes: 'Anmerkungen' }],
  ['fr', { note: 'Remarque', warning: 'Avertissement', tip: 'Conseil', notes: 'Notes' }],
  ['es', { note: 'Nota', warning: 'Advertencia', tip: 'Consejo', notes: 'Notas' }],
  ['pt', { note: 'Nota', warning: 'Aviso', tip: 'Dica', notes: 'Notas' }],
  ['it', { note: 'Nota', warning: 'Avvertenza', tip: 'Suggerimento', notes: 'Note' }],
  ['nl', { note: 'Opmerking', warning: 'Waarschuwing', tip: 'Tip', notes: 'Noten' }],
]);

/** Labels for a BCP 47 tag. */
export function labelsFor(lang: string): Labels {
  return LABELS.get(lang.toLowerCase().split('-')[0] ?? 'en') ?? LABELS.get('en')!;
}
