import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillFieldsOf, languagesFor, readCatalog } from '../../src/serve/catalog.js';

describe('serve catalog', () => {
  it('finds fill-in fields, not escaped ones', () => {
    expect(fillFieldsOf('Hi {{fill.patientName}}, {{ fill.when }} \\{{fill.literal}} {{fill.patientName}}')).toEqual([
      'patientName',
      'when',
    ]);
  });

  it('lists guides by folder id with the source language first, and clinics with their locales', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
    mkdirSync(path.join(dir, 'guides/plan'), { recursive: true });
    writeFileSync(path.join(dir, 'guides/plan/es.md'), '---\n---\n{{fill.a}}');
    writeFileSync(path.join(dir, 'guides/plan/en.md'), '---\n---\n{{fill.b}}');
    writeFileSync(path.join(dir, 'guides/plan/notes.txt'), 'not a guide');
    mkdirSync(path.join(dir, 'guides/Bad Name'), { recursive: true });
    writeFileSync(path.join(dir, 'guides/Bad Name/en.md'), 'x');
    mkdirSync(path.join(dir, 'clinics/north'), { recursive: true });
    writeFileSync(path.join(dir, 'clinics/north/clinic.yaml'), 'name: North\nlocales: [en, vi]\n');
    const c = readCatalog(dir);
    expect([...c.guides.keys()]).toEqual(['plan']);
    expect(c.guides.get('plan')).toMatchObject({ languages: ['en', 'es'], fields: ['a', 'b'] });
    expect(c.clinics.get('north')).toMatchObject({ name: 'North', locales: ['en', 'vi'] });
    expect(languagesFor(c.guides.get('plan')!, c.clinics.get('north')!)).toEqual(['en', 'es', 'vi']);
  });
});
