import { describe, expect, it } from 'vitest';
import { applyNoBreakSpaces } from '../../src/resolve/typography.js';
import { guide, resolveSource } from './helpers.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

describe('applyNoBreakSpaces', () => {
  it('joins a number and its unit with a no-break space', () => {
    expect(applyNoBreakSpaces('Take 10 mg, wait 15 minutes at 40 °C, 5 ml or 5 %.', 'en')).toBe(
      `Take 10${NBSP}mg, wait 15${NBSP}minutes at 40${NBSP}°C, 5${NBSP}ml or 5${NBSP}%.`,
    );
  });

  it('leaves words that only start like a unit, and numbers without a space, alone', () => {
    expect(applyNoBreakSpaces('2 mgx and 2 Liters and 10mg and 3 minutesque', 'en')).toBe('2 mgx and 2 Liters and 10mg and 3 minutesque');
  });

  it('uses the unit words of the language', () => {
    expect(applyNoBreakSpaces('30 minutos y 2 horas', 'es')).toBe(`30${NBSP}minutos y 2${NBSP}horas`);
    expect(applyNoBreakSpaces('nach 2 Stunden', 'de-AT')).toBe(`nach 2${NBSP}Stunden`);
    // English words are not units in Spanish text.
    expect(applyNoBreakSpaces('2 minutes', 'es')).toBe('2 minutes');
  });

  it('applies French punctuation spacing without inserting spaces that were not typed', () => {
    expect(applyNoBreakSpaces('Attention ! Vraiment ? Oui : « bon » ; 10 %', 'fr')).toBe(
      `Attention${NNBSP}! Vraiment${NNBSP}? Oui${NBSP}: «${NBSP}bon${NBSP}»${NNBSP}; 10${NBSP}%`,
    );
    expect(applyNoBreakSpaces('https://example.org à 10:30!', 'fr')).toBe('https://example.org à 10:30!');
    expect(applyNoBreakSpaces('Really ? Yes : no', 'en')).toBe('Really ? Yes : no');
  });
});

describe('applyTypography through resolve', () => {
  it('puts no-break spaces in text but never in code', async () => {
    const { resolved } = await resolveSource(guide('Take 10 mg now, not `10 mg` in code.\n'));
    const json = JSON.stringify(resolved!.root);
    expect(json).toContain(`10${NBSP}mg now`);
    expect(json).toContain('"value":"10 mg"');
  });
});
