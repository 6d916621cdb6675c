/** Views: parsed from the query by id, mapped to the `handout build` input and command line; fill-ins as placeholders. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewContent } from '../../src/preview/content.js';
import { buildCommandOf, buildInputOf, fillPlaceholders, resolveView, viewQuery, type ResolvedView } from '../../src/preview/view.js';
import { SAMPLE_VIEW, previewWorkspace } from './helpers.js';

const ws = previewWorkspace();
writeFileSync(ws.clinic, `${'locales: [en, ar, fr]\n'}${readFileSync(ws.clinic, 'utf8')}`);
const content = previewContent(ws.guide, ws.clinic);
const defaults = SAMPLE_VIEW;

async function view(query: string): Promise<ResolvedView> {
  const v = await resolveView(new URLSearchParams(query), content, defaults);
  if ('message' in v) throw new Error(v.message);
  return v;
}

describe('preview views', () => {
  it('round-trips through the URL query and takes defaults for what is unset', async () => {
    const v = await view('lang=ar&paper=a4&fillable=1');
    expect(v.spec).toEqual({ ...defaults, lang: 'ar', paper: 'a4', fillable: true });
    expect((await view(viewQuery(v.spec))).spec).toEqual(v.spec);
  });

  it('maps a view to what `handout build` is given, and says so', async () => {
    const v = await view('lang=ar&paper=a4&fillable=1');
    expect(buildInputOf(v)).toEqual({ guide: path.join(path.dirname(ws.guide), 'ar.md'), clinic: ws.clinic, paper: 'a4', fillable: true });
    expect(buildCommandOf(v, ws.dir)).toBe(
      'handout build content/guides/first-ketamine-session/ar.md --clinic content/clinics/example-community/clinic.yaml --paper a4 --fillable',
    );
  });

  it('builds a missing translation as the fallback handout, marked missing', async () => {
    const v = await view('lang=fr');
    expect(v.translation.state).toBe('missing');
    expect(v.languages.map((l) => `${l.lang}:${l.state}`)).toContain('fr:missing');
    expect(buildInputOf(v).translations).toBe('fallback');
    expect(buildCommandOf(v, ws.dir)).toMatch(/fr\.md .* --translations fallback$/);
  });

  it('falls back to the source language for a language the guide does not have', async () => {
    expect((await view('lang=xx')).spec.lang).toBe('en');
  });

  it('refuses unknown ids', async () => {
    for (const q of ['guide=nope', 'clinic=nope', 'template=nope', 'paper=b5']) {
      expect(await resolveView(new URLSearchParams(q), content, defaults), q).toHaveProperty('message');
    }
  });

  it('shows fill-in fields by name, never a value', async () => {
    const v = await view('');
    expect(fillPlaceholders(v)).toEqual({});
    const src = readFileSync(ws.guide, 'utf8');
    writeFileSync(ws.guide, `${src}\nYour name: {{fill.patientName}}. Literal \\{{fill.notAField}}.\n`);
    expect(fillPlaceholders(v)).toEqual({ patientName: '[patientName]' });
    writeFileSync(ws.guide, src);
  });
});
