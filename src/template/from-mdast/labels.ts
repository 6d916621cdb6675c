/** Words the template adds to the text, per language (English fallback). */

/** The translatable labels. */
export interface Labels {
  readonly note: string;
  readonly warning: string;
  readonly tip: string;
  /** Heading of the endnotes section. */
  readonly notes: string;
  /** Heading of the table of contents. */
  readonly contents: string;
}

const LABELS: ReadonlyMap<string, Labels> = new Map([
  ['en', { note: 'Note', warning: 'Warning', tip: 'Tip', notes: 'Notes', contents: 'Contents' }],
  ['de', { note: 'Hinweis', warning: 'Warnung', tip: 'Tipp', notes: 'Anmerkungen', contents: 'Inhalt' }],
  ['fr', { note: 'Remarque', warning: 'Avertissement', tip: 'Conseil', notes: 'Notes', contents: 'Sommaire' }],
  ['es', { note: 'Nota', warning: 'Advertencia', tip: 'Consejo', notes: 'Notas', contents: 'Índice' }],
  ['pt', { note: 'Nota', warning: 'Aviso', tip: 'Dica', notes: 'Notas', contents: 'Sumário' }],
  ['it', { note: 'Nota', warning: 'Avvertenza', tip: 'Suggerimento', notes: 'Note', contents: 'Indice' }],
  ['nl', { note: 'Opmerking', warning: 'Waarschuwing', tip: 'Tip', notes: 'Noten', contents: 'Inhoud' }],
]);

/** Labels for a BCP 47 tag. */
export function labelsFor(lang: string): Labels {
  return LABELS.get(lang.toLowerCase().split('-')[0] ?? 'en') ?? LABELS.get('en')!;
}
