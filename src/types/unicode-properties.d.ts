/** The part of `unicode-properties` (a fontkit dependency) handoutkit uses. */
declare module 'unicode-properties' {
  /** The Unicode script of a code point, as its long name (`Egyptian_Hieroglyphs`, `Latin`). */
  export function getScript(codePoint: number): string;
}
