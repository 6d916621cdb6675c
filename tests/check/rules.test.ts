/** Every content rule: a fixture that triggers it and one that does not. */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/parse.js';
import { Diagnostics, type Diagnostic } from '../../src/diagnostics.js';
import { checkGuide } from '../../src/check/check-guide.js';
import { DEFAULT_CHECK_CONFIG, resolveCheckConfig, type CheckConfig } from '../../src/check/config.js';
import { RuleSink } from '../../src/check/sink.js';
import { colorContrast } from '../../src/check/hygiene.js';
import { contrastRatio } from '../../src/check/contrast.js';
import type { Brand } from '../../src/types/brand.js';
import type { CheckRuleId } from '../../src/check/rules.js';

const BRAND = {
  colors: { primary: '#1F5FAD', accent: '#E8F0FB', text: '#1A1A1A' },
  contact: { phone: '(555) 010-0199' },
} as unknown as Brand;
const NO_CONTACT = { ...BRAND, contact: {} } as unknown as Brand;

/** A guide that passes every rule: short plain sentences, key points, a call to action, a checklist. */
const GOOD = `Come to your visit rested. Eat a light meal first.

## Before you come

- [ ] Bring your list of medicines.
- [ ] Ask a friend to drive you home.

## Key points

Call us at {{clinic.contact.phone}} if you feel unwell after your visit.`;

async function check(
  body: string,
  opts: { lang?: string; front?: string; config?: CheckConfig; brand?: Brand; sourceGuide?: string } = {},
): Promise<Diagnostic[]> {
  const lang = opts.lang ?? 'en';
  const source = `---\nid: t\ntitle: Test\nlang: ${lang}\nversion: 1\n${opts.front ?? ''}---\n\n${body}\n`;
  const file = `content/guides/t/${lang}.md`;
  const parsed = parse(file, source, new Diagnostics());
  expect(parsed).toBeDefined();
  const src = opts.sourceGuide
    ? parse('content/guides/t/en.md', `---\nid: t\ntitle: Test\nlang: en\nversion: 1\n---\n\n${opts.sourceGuide}\n`, new Diagnostics())
    : undefined;
  const r = await checkGuide({
    file,
    source,
    root: parsed!.root,
    meta: parsed!.meta,
    config: opts.config ?? DEFAULT_CHECK_CONFIG,
    today: new Date('2026-11-28T12:00:00Z'),
    brand: opts.brand ?? BRAND,
    ...(src ? { sourceGuide: { file: 'content/guides/t/en.md', root: src.root } } : {}),
  });
  return [...r.diagnostics];
}

const rules = (ds: readonly Diagnostic[], id: CheckRuleId): Diagnostic[] => ds.filter((d) => d.ruleId === id);

describe('content rules', () => {
  it('the passing fixture triggers no rule', async () => {
    expect(await check(GOOD)).toEqual([]);
  });

  it('reading-level: a hard text warns at the body start; a plain one does not', async () => {
    const hard = `Pharmacological interventions necessitate comprehensive individualized evaluation of contraindications and physiological considerations. ${GOOD}`;
    const d = rules(await check(hard), 'reading-level');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 8, column: 1, severity: 'warning' });
    expect(d[0]!.message).toMatch(/Flesch–Kincaid grade \d+\.\d.*aim for grade 8/);
    expect(rules(await check(GOOD), 'reading-level')).toEqual([]);
  });

  it('reading-level: Spanish INFLESZ below minEase warns; French and German are scored too', async () => {
    const es =
      'La administración intramuscular de medicamentos anestésicos necesita una evaluación individualizada, considerando contraindicaciones farmacológicas.';
    expect(rules(await check(es, { lang: 'es' }), 'reading-level')[0]!.message).toMatch(/INFLESZ/);
    expect(rules(await check('Venga a su cita. Coma algo ligero antes.', { lang: 'es' }), 'reading-level')).toEqual([]);
    expect(
      rules(
        await check('Die intramuskuläre Verabreichung anästhesierender Medikamente erfordert individualisierte Risikoabwägungen.', {
          lang: 'de',
        }),
        'reading-level',
      )[0]!.message,
    ).toMatch(/Wiener Sachtextformel/);
    expect(rules(await check('Kommen Sie gut ausgeruht. Essen Sie vorher wenig.', { lang: 'de' }), 'reading-level')).toEqual([]);
    expect(
      rules(
        await check("L'administration intramusculaire nécessite systématiquement une évaluation pharmacologique individualisée.", {
          lang: 'fr',
        }),
        'reading-level',
      )[0]!.message,
    ).toMatch(/Kandel–Moles/);
    expect(rules(await check('Venez bien reposé. Mangez un peu avant.', { lang: 'fr' }), 'reading-level')).toEqual([]);
  });

  it('reading-level-unsupported: a language without a formula is a note, never a grade', async () => {
    const d = rules(await check('مرحبا بكم في العيادة.', { lang: 'ar' }), 'reading-level-unsupported');
    expect(d).toMatchObject([{ severity: 'note' }]);
    expect(d[0]!.message).toMatch(/needs human review/);
    expect(rules(await check(GOOD), 'reading-level-unsupported')).toEqual([]);
  });

  it('long-sentence: a sentence over maxSentenceWords, at its line and column', async () => {
    const long = `Short one. ${Array.from({ length: 25 }, (_, i) => `Word${i}`).join(' ')} end.`;
    const d = rules(await check(long), 'long-sentence');
    expect(d).toMatchObject([{ line: 8, column: 12 }]);
    expect(d[0]!.message).toMatch(/26 words/);
    expect(rules(await check(long, { config: resolveCheckConfig({ maxSentenceWords: 30 }) }), 'long-sentence')).toEqual([]);
  });

  it('passive-voice', async () => {
    expect(rules(await check('The dose was given by the nurse.'), 'passive-voice')).toMatchObject([{ line: 8, column: 14 }]);
    expect(rules(await check('The nurse gave the dose.'), 'passive-voice')).toEqual([]);
  });

  it('simpler-words', async () => {
    expect(rules(await check('We will ensure you are safe.'), 'simpler-words')[0]!.message).toMatch(/make sure/);
    expect(rules(await check('We will make sure you are safe.'), 'simpler-words')).toEqual([]);
  });

  it('inclusive-language', async () => {
    expect(rules(await check('Each patient should bring his card.'), 'inclusive-language')).toHaveLength(1);
    expect(rules(await check('Each patient should bring their card. Mental health matters.'), 'inclusive-language')).toEqual([]);
  });

  it('jargon: an undefined term warns once with its plain wording; a defined one does not', async () => {
    const d = rules(await check('You get an intramuscular shot. Later you get an intramuscular one again.'), 'jargon');
    expect(d).toMatchObject([{ line: 8, column: 12 }]);
    expect(d[0]!.message).toMatch(/into a muscle/);
    expect(rules(await check('You get an intramuscular shot, which means a shot into a muscle.'), 'jargon')).toEqual([]);
    const cfg = resolveCheckConfig({ jargon: { en: { bolus: 'a single dose' } }, ignoreJargon: ['intramuscular'] });
    expect(rules(await check('You get a bolus. You get an intramuscular shot.', { config: cfg }), 'jargon').map((x) => x.message)).toEqual([
      expect.stringMatching(/bolus.*a single dose/),
    ]);
  });

  it('no-summary', async () => {
    expect(rules(await check(GOOD.replace('## Key points', '## More')), 'no-summary')).toHaveLength(1);
    expect(rules(await check(GOOD), 'no-summary')).toEqual([]);
  });

  it('no-call-to-action', async () => {
    const body = GOOD.replace('Call us at {{clinic.contact.phone}} if you feel unwell after your visit.', 'Rest after your visit.');
    expect(rules(await check(body), 'no-call-to-action')).toMatchObject([{ line: 8, column: 1 }]);
    expect(rules(await check(GOOD), 'no-call-to-action')).toEqual([]);
  });

  it('steps-as-prose: sequence markers in paragraphs, not in a list', async () => {
    const prose = 'First, eat a light meal. Then rest for an hour. Finally, come to the clinic.';
    expect(rules(await check(prose), 'steps-as-prose')).toMatchObject([{ line: 8, column: 1 }]);
    expect(
      rules(await check('1. First, eat a light meal.\n2. Then rest for an hour.\n3. Finally, come to the clinic.'), 'steps-as-prose'),
    ).toEqual([]);
  });

  it('no-contact: neither the guide nor the clinic gives a way to reach the team', async () => {
    const body = 'Rest after your visit.';
    expect(rules(await check(body, { brand: NO_CONTACT }), 'no-contact')).toHaveLength(1);
    expect(rules(await check(body), 'no-contact')).toEqual([]);
    expect(rules(await check('Write to care@example.org with questions.', { brand: NO_CONTACT }), 'no-contact')).toEqual([]);
  });

  it('review-due: passed is a warning, within 30 days a note, later nothing', async () => {
    const passed = rules(await check(GOOD, { front: 'reviewDue: 2026-11-01\n' }), 'review-due');
    expect(passed).toMatchObject([{ line: 6, column: 1, severity: 'warning' }]);
    expect(passed[0]!.message).toMatch(/27 days ago/);
    expect(rules(await check(GOOD, { front: 'reviewDue: 2026-12-10\n' }), 'review-due')).toMatchObject([{ severity: 'note' }]);
    expect(rules(await check(GOOD, { front: 'reviewDue: 2027-06-01\n' }), 'review-due')).toEqual([]);
  });

  it('broken-link: an internal link to no heading', async () => {
    expect(rules(await check(`${GOOD}\n\nSee [the list](#before-you-go).`), 'broken-link')).toMatchObject([{ line: 19, column: 5 }]);
    expect(rules(await check(`${GOOD}\n\nSee [the list](#before-you-come).`), 'broken-link')).toEqual([]);
  });

  it('translation-structure: headings, list items and callouts compared with the source', async () => {
    const source = '## One\n\n- a\n- b\n\n:::note\nHi.\n:::\n\n## Two\n\nText.';
    const same = '## Uno\n\n- a\n- b\n\n:::note\nHola.\n:::\n\n## Dos\n\nTexto.';
    expect(rules(await check(same, { lang: 'es', sourceGuide: source }), 'translation-structure')).toEqual([]);
    const differs = '## Uno\n\n- a\n\n:::warning\nHola.\n:::\n\n### Dos\n\nTexto.';
    const d = rules(await check(differs, { lang: 'es', sourceGuide: source }), 'translation-structure');
    expect(d.map((x) => x.line)).toEqual([16, 10, 12]);
    expect(d.map((x) => x.message)).toEqual([
      expect.stringMatching(/heading 2 is level 3 here and 2 in the source/),
      expect.stringMatching(/1 list items and its source en\.md has 2/),
      expect.stringMatching(/callouts \(warning\) differ from its source en\.md \(note\)/),
    ]);
  });

  it('rule levels come from the config: off silences, error raises', async () => {
    const prose = 'First, eat a light meal. Then rest for an hour.';
    expect(rules(await check(prose, { config: resolveCheckConfig({ rules: { 'steps-as-prose': 'off' } }) }), 'steps-as-prose')).toEqual([]);
    expect(
      rules(await check(prose, { config: resolveCheckConfig({ rules: { 'steps-as-prose': 'error' } }) }), 'steps-as-prose'),
    ).toMatchObject([{ severity: 'error' }]);
  });
});

describe('color-contrast', () => {
  const run = (colors: Brand['colors']): Diagnostic[] => {
    const sink = new RuleSink(DEFAULT_CHECK_CONFIG.levels);
    colorContrast('clinic.yaml', 'name: X\ncolors: { primary: "#FFFF00" }\n', { ...BRAND, colors }, sink);
    return sink.list;
  };
  it('flags a primary colour below 4.5:1 on white, at the colors key', () => {
    const d = run({ primary: '#FFCC00', accent: '#E8F0FB', text: '#1A1A1A' });
    expect(d).toMatchObject([{ file: 'clinic.yaml', line: 2, column: 1, ruleId: 'color-contrast' }]);
    expect(d[0]!.message).toMatch(/colors\.primary \(#FFCC00 on #FFFFFF\) has a contrast of 1\.\d\d:1/);
  });
  it('passes the sample clinic colours', () => {
    expect(run(BRAND.colors)).toEqual([]);
  });
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
  });
});

describe('prose of languages written without spaces', () => {
  it('counts Chinese words with the ICU word segmenter, so long sentences are found', async () => {
    const zh = `${'请您在治疗前一天晚上好好休息，'.repeat(4)}然后按时来诊所。`;
    const d = (await check(zh, { lang: 'zh-Hans' })).filter((x) => x.ruleId === 'long-sentence');
    expect(d).toMatchObject([{ line: 8, column: 1 }]);
    expect(Number(/of (\d+) words/.exec(d[0]!.message)![1])).toBeGreaterThan(20);
    expect((await check('请好好休息。', { lang: 'zh-Hans' })).filter((x) => x.ruleId === 'long-sentence')).toEqual([]);
  });
});
