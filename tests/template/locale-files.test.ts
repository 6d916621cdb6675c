/** Every locale file has exactly English's keys, and every message is valid ICU MessageFormat. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../../src/template/from-mdast/labels.js';
import { localeLoader } from '../../src/template/locale.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { nodeWorld } from '../../src/world.js';

const DIR = path.resolve('locales');
const read = (f: string): Record<string, string> => JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Record<string, string>;
const english = read('en.json');
const bundled = () => localeLoader(nodeWorld, DIR, new Diagnostics());
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('locale files', () => {
  it.each(files)('%s has the English keys and valid ICU messages', (f) => {
    const strings = read(f);
    expect(Object.keys(strings).sort()).toEqual(Object.keys(english).sort());
    const lang = f.replace(/\.json$/, '');
    for (const [key, message] of Object.entries(strings)) {
      expect(() => new IntlMessageFormat(message, lang), `${f}: ${key}`).not.toThrow();
      expect(message.trim().length, `${f}: ${key}`).toBeGreaterThan(0);
    }
  });

  it('gives callout and section labels from the locale files, English for unknown languages', () => {
    expect(labelsFor(bundled(), 'de').contents).toBe('Inhalt');
    expect(labelsFor(bundled(), 'ar').contents).toBe(read('ar.json').contents);
    expect(labelsFor(bundled(), 'zh-Hans-CN').notes).toBe(read('zh-Hans.json').notes);
    expect(labelsFor(bundled(), 'gu').warning).toBe('Warning');
  });
});

describe('locale lookup', () => {
  it('falls back within a script, never across scripts', async () => {
    const { ownStringsFor } = await import('../../src/template/locale.js');
    expect(ownStringsFor(bundled(), 'es-MX')).toEqual(read('es.json'));
    expect(ownStringsFor(bundled(), 'zh-TW')).toEqual(read('zh-Hant.json'));
    expect(ownStringsFor(bundled(), 'zh-CN')).toEqual(read('zh-Hans.json'));
    expect(ownStringsFor(bundled(), 'pa-Arab')).toBeNull();
    expect(ownStringsFor(bundled(), 'pa-IN')).toEqual(read('pa.json'));
  });
});
