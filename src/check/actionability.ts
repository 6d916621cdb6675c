/**
 * PEMAT-style actionability rules (AHRQ's Patient Education Materials Assessment Tool, and the
 * CDC Clear Communication Index): a summary or key points, a call to action, steps as a list
 * rather than prose, and contact information the reader can reach.
 */
import type { Root } from 'mdast';
import type { SourcePlace } from '../diagnostics.js';
import type { Brand } from '../types/brand.js';
import type { Prose } from './prose.js';
import { LEXICONS } from './lexicon.js';
import { primaryLang } from './readability.js';
import type { RuleSink } from './sink.js';

const PHONE = /\+?\d[\d ().-]{6,}\d/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const URL = /\bhttps?:\/\/|\bwww\./;
const CONTACT_VARIABLE = /\{\{\s*clinic\.contact\.(phone|email|website)\s*\}\}/;

/** Input of {@link actionability}. */
export interface ActionabilityInput {
  readonly file: string;
  readonly lang: string;
  readonly source: string;
  readonly root: Root;
  readonly prose: Prose;
  /** Where guide-wide findings are placed (the start of the body). */
  readonly bodyStart: SourcePlace;
  /** The clinic profile; its contact details are printed on every page. */
  readonly brand?: Brand;
}

/** Runs the four actionability rules. Languages without a lexicon get only `no-contact`. */
export function actionability(input: ActionabilityInput, sink: RuleSink): void {
  const { file, prose, bodyStart, brand } = input;
  const lex = LEXICONS[primaryLang(input.lang)];
  const body = input.source.slice(input.root.children.find((c) => c.type !== 'yaml')?.position?.start.offset ?? 0);

  const contactInGuide = PHONE.test(body) || EMAIL.test(body) || URL.test(body) || CONTACT_VARIABLE.test(body);
  const contactInClinic = Boolean(brand?.contact.phone || brand?.contact.email || brand?.contact.website);
  if (!contactInGuide && !contactInClinic) {
    sink.report(
      'no-contact',
      bodyStart,
      'the handout gives no way to reach the care team: add `{{clinic.contact.phone}}` to the guide, or `contact:` (phone, ' +
        'email or website) to the clinic profile',
    );
  }
  if (!lex) return;

  if (!prose.headings.some((h) => lex.summaryHeading.test(h.text))) {
    sink.report(
      'no-summary',
      bodyStart,
      'no summary or key-points section: add one (e.g. `## Key points`) that repeats the main actions in a short list',
    );
  }

  const hasCall = prose.sentences.some((s) => lex.callToAction.test(s.text)) || CONTACT_VARIABLE.test(body);
  if (!hasCall) {
    sink.report(
      'no-call-to-action',
      bodyStart,
      'no clear call to action: tell readers whom to contact and when (e.g. "Call us at {{clinic.contact.phone}} if …")',
    );
  }

  // steps as prose: two or more sentences of a section's paragraphs open with sequence markers
  const bySection = new Map<number, (typeof prose.sentences)[number][]>();
  for (const s of prose.sentences) {
    if (s.context === 'list-item' || !lex.sequenceMarker.test(s.text)) continue;
    const list = bySection.get(s.section) ?? [];
    list.push(s);
    bySection.set(s.section, list);
  }
  for (const [section, steps] of bySection) {
    if (steps.length < 2) continue;
    const markers = steps.map((s) => `“${lex.sequenceMarker.exec(s.text)![0]}…” (line ${s.start.line})`).join(', ');
    sink.report(
      'steps-as-prose',
      { file, ...steps[0]!.start },
      `the section “${prose.sections[section]!.title}” gives steps in prose (${markers}): write them as a numbered list or a ` +
        `checklist (\`- [ ]\`)`,
    );
  }
}
