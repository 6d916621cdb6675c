import { Diagnostics } from '../../src/diagnostics.js';
import { defaultSettings } from '../../src/settings.js';
import { parse } from '../../src/parse/parse.js';
import { resolve } from '../../src/resolve/resolve.js';
import type { Brand } from '../../src/types/brand.js';
import type { ParsedDocument } from '../../src/types/document.js';
import { nodeWorld } from '../../src/world.js';

/** A clinic brand for tests. */
export const BRAND: Brand = {
  id: 'demo',
  file: 'content/clinics/demo/clinic.yaml',
  name: 'Demo Clinic',
  colors: { primary: '#123456', accent: '#EEF2F7', text: '#222222' },
  contact: { phone: '+1 555 0100', website: 'https://demo.example' },
  paper: 'letter',
};

/** Front matter for a test guide. */
export function guide(body: string, lang = 'en'): string {
  return `---\nid: t\ntitle: Test Guide\nlang: ${lang}\nversion: 3\n---\n${body}`;
}

/** Parses and resolves a source (asserting parse succeeded). */
export async function resolveSource(source: string, file = 'content/guides/t/en.md', brand: Brand = BRAND, roots: readonly string[] = []) {
  const diags = new Diagnostics();
  const doc = parse(file, source, diags) as ParsedDocument;
  if (!doc) throw new Error(`parse failed: ${JSON.stringify(diags.list)}`);
  const resolved = await resolve({ doc, brand, world: nodeWorld, roots }, defaultSettings(), diags);
  return { doc, resolved, diags };
}
