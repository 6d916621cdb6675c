/** Minimal typings for `bidi-js` (the Unicode Bidirectional Algorithm), which ships none. */
declare module 'bidi-js' {
  /** Result of the paragraph-level algorithm: one level per UTF-16 code unit. */
  export interface EmbeddingLevels {
    readonly levels: Uint8Array;
    readonly paragraphs: readonly { readonly start: number; readonly end: number; readonly level: number }[];
  }
  /** The functions of one bidi instance. */
  export interface Bidi {
    getEmbeddingLevels(text: string, direction?: 'ltr' | 'rtl' | 'auto'): EmbeddingLevels;
    getMirroredCharacter(char: string): string | null;
  }
  /** Creates a bidi instance (its tables are built on first call). */
  export default function bidiFactory(): Bidi;
}
