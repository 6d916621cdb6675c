/** The content-check rules of `handout check`, with their default levels. */

/** How a rule reports: not at all, as a note, a warning or an error. */
export type RuleLevel = 'off' | 'note' | 'warning' | 'error';

/** One content-check rule. */
export interface CheckRule {
  readonly id: string;
  readonly level: RuleLevel;
  readonly summary: string;
}

/** Every content-check rule, in the order the README lists them. Defaults keep the bundled samples building. */
export const CHECK_RULES = [
  {
    id: 'reading-level',
    level: 'warning',
    summary:
      'reading level above `maxGrade` (en: Flesch–Kincaid, SMOG; de: Wiener Sachtextformel) or reading ease below `minEase` ' +
      '(es: INFLESZ; fr: Kandel–Moles)',
  },
  { id: 'reading-level-unsupported', level: 'note', summary: 'no validated readability formula for the language: needs human review' },
  { id: 'long-sentence', level: 'warning', summary: 'a sentence longer than `maxSentenceWords`' },
  { id: 'passive-voice', level: 'warning', summary: 'passive voice (English, retext-passive)' },
  { id: 'simpler-words', level: 'warning', summary: 'a phrase with a simpler alternative (English, retext-simplify)' },
  { id: 'inclusive-language', level: 'warning', summary: 'possibly insensitive wording (English, retext-equality)' },
  { id: 'jargon', level: 'warning', summary: 'a medical term from the jargon list with no plain definition in its sentence or the next' },
  { id: 'no-summary', level: 'warning', summary: 'no summary or key-points section (PEMAT item 7)' },
  {
    id: 'no-call-to-action',
    level: 'warning',
    summary: 'no clear call to action telling the reader whom to contact (PEMAT item 20, CDC CCI)',
  },
  {
    id: 'steps-as-prose',
    level: 'warning',
    summary: 'steps written as prose (First…, Then…) instead of a numbered list or checklist (PEMAT item 22)',
  },
  { id: 'no-contact', level: 'warning', summary: 'no contact information reachable from the handout (guide or clinic profile)' },
  { id: 'review-due', level: 'warning', summary: '`reviewDue` has passed (a note when it falls within `reviewDueNoticeDays`)' },
  { id: 'broken-link', level: 'warning', summary: 'an internal link `#anchor` to no heading of the guide' },
  {
    id: 'translation-structure',
    level: 'warning',
    summary: 'a translation whose headings, list items or callouts differ in number from its source',
  },
  { id: 'color-contrast', level: 'warning', summary: 'clinic colours below WCAG AA contrast (4.5:1) for text' },
] as const satisfies readonly CheckRule[];

/** A content-check rule id. */
export type CheckRuleId = (typeof CHECK_RULES)[number]['id'];

/** Every rule id. */
export const CHECK_RULE_IDS: readonly CheckRuleId[] = CHECK_RULES.map((r) => r.id);
