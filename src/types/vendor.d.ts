/** Minimal typings for `linebreak` (UAX #14), which ships none. */
declare module 'linebreak' {
  /** A break opportunity: `position` is the code-unit index after which a line may end. */
  export interface Break {
    readonly position: number;
    readonly required: boolean;
  }
  /** Iterates break opportunities in a string. */
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
