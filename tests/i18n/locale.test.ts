import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIcu, localeLoader, ownStringsFor, stringsFor } from '../../src/template/locale.js';
import { nodeWorld } from '../../src/world.js';
import { Diagnostics } from '../../src/diagnostics.js';

const dir = path.resolve('locales');

describe('UI strings (ICU MessageFormat)', () => {
  it('formats plurals, selects and numbers per locale', () => {
    const msg = '{count, plural, one {# page} other {# pages}}';
    expect(formatIcu(msg, 'en', { count: 1 })).toBe('1 page');
    expect(formatIcu(msg, 'en', { count: 1200 })).toBe('1,200 pages');
    expect(formatIcu('{n, number}', 'de', { n: 1200.5 })).toBe('1.200,5');
    expect(formatIcu('Call{phone, select, none {} other { {phone}}}', 'en', { phone: 'none' })).toBe('Call');
  });

  it('escapes the message but splices markup values verbatim', () => {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    expect(formatIcu('A & B {v} {page}', 'en', { v: '<x>' }, esc, { page: '<page-number/>' })).toBe('A &amp; B &lt;x> <page-number/>');
  });

  it('falls back to English with a warning for a locale with no strings', () => {
    const diags = new Diagnostics();
    const load = localeLoader(nodeWorld, dir, diags);
    const s = stringsFor(load, 'tlh', diags, { file: 'g.md', line: 1, column: 1 });
    expect(s.pageOf).toBe('Page {page} of {pages}');
    expect(diags.list[0]?.ruleId).toBe('locale-missing-strings');
    expect(ownStringsFor(load, 'tlh')).toBeNull();
    expect(ownStringsFor(load, 'zh-Hans-CN')?.pageOf).toContain('页');
  });

  it('every locale file has every key of English, and every message parses', () => {
    const en = JSON.parse(readFileSync(path.join(dir, 'en.json'), 'utf8')) as Record<string, string>;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const lang = f.slice(0, -5);
      const s = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, string>;
      expect(Object.keys(s).sort(), f).toEqual(Object.keys(en).sort());
      for (const m of Object.values(s))
        expect(() => formatIcu(m, lang, { page: '1', pages: '2', version: 1, date: 'd', phone: '555' })).not.toThrow();
    }
  });
});
