/** `contactCard` and `safety` in clinic.yaml: printed through their partials, which a clinic can override. */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/build.js';
import { extractPageTexts } from '../helpers/pdf-read.js';

const GUIDE = path.join('content', 'guides', 'before-session', 'en.md');

function clinic(extra = ''): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'handoutkit-card-')), 'card');
  mkdirSync(dir);
  copyFileSync(path.join('content', 'clinics', 'example-community', 'logo.svg'), path.join(dir, 'logo.svg'));
  writeFileSync(
    path.join(dir, 'clinic.yaml'),
    'name: Card Clinic\nlogo: logo.svg\ncolors: { primary: "#1F5FAD" }\ncontact: { website: https://example.org }\n' +
      'contactCard: { phone: "(555) 010-0100", hours: "Mon–Fri 8 am – 6 pm", website: https://example.org/book }\n' +
      `safety: "Call 911 for an emergency; call or text 988 for a mental-health crisis."\n${extra}`,
  );
  return dir;
}

describe('contact card and safety line', () => {
  it('prints both, the card with its hours and a linked website', async () => {
    const r = await buildHandout({ guide: GUIDE, clinic: path.join(clinic(), 'clinic.yaml') });
    expect(r.diagnostics).toEqual([]);
    const text = extractPageTexts(r.pdf!).join('\n');
    expect(text).toContain('call or text 988');
    expect(text).toContain('Mon–Fri 8 am – 6 pm');
    expect(text).toContain('https://example.org/book');
  });

  it('uses a clinic’s own safety partial', async () => {
    const dir = clinic();
    mkdirSync(path.join(dir, 'templates', 'partials'), { recursive: true });
    writeFileSync(path.join(dir, 'templates', 'partials', 'safety.hbs'), '<p style="body"><b>In an emergency: {{clinic.safety}}</b></p>\n');
    const r = await buildHandout({ guide: GUIDE, clinic: path.join(dir, 'clinic.yaml') });
    expect(r.diagnostics).toEqual([]);
    expect(extractPageTexts(r.pdf!)[0]).toContain('In an emergency: Call 911');
  });

  it('refuses a card website that is not a web address, at its line', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'handoutkit-card-')), 'bad');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'clinic.yaml'), 'name: Bad\ncolors: { primary: "#1F5FAD" }\ncontactCard:\n  website: ftp://example.org\n');
    const r = await buildHandout({ guide: GUIDE, clinic: path.join(dir, 'clinic.yaml') });
    expect(r.pdf).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual(['4 clinic-invalid-value']);
  });
});
