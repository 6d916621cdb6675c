/** Decoding of text files: UTF-8 (and UTF-16 with a BOM) only; anything else is positioned at the first bad byte. */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../src/text-decode.js';

const cp1252 = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('decodeText', () => {
  it('accepts UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(Buffer.from('Después'))).toMatchObject({ ok: true, text: 'Después' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a')]))).toMatchObject({ ok: true });
  });

  it('refuses Windows-1252 at the line and column of the first bad byte, naming the encoding', () => {
    const text = '---\ntitle: Después de la cita, señora\n---\n\nLa señora está aquí. “Hola” — ¿qué tal? Después de la cita llame.\n';
    const data = cp1252(text.replace('“', '\x93').replace('”', '\x94').replace('—', '\x97'));
    const r = decodeText(data);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect({ line: r.line, column: r.column }).toEqual({ line: 2, column: 13 });
    expect(r.message).toContain('0xE9');
    expect(r.message).toMatch(/Windows-1252|ISO-8859-1/);
    expect(r.message).toContain('save it as UTF-8');
  });

  it('counts columns in characters on a line that already has valid UTF-8 before the bad byte', () => {
    const data = Buffer.concat([Buffer.from('línea\nñandú '), Buffer.from([0xe9]), Buffer.from('\n')]);
    const r = decodeText(data);
    expect(r).toMatchObject({ ok: false, line: 2, column: 7 });
  });

  it('refuses truncated and overlong sequences and encoded surrogates', () => {
    expect(decodeText(Buffer.from([0x61, 0xc3]))).toMatchObject({ ok: false, line: 1, column: 2 });
    expect(decodeText(Buffer.from([0xc0, 0xaf]))).toMatchObject({ ok: false, column: 1 });
    expect(decodeText(Buffer.from([0xed, 0xa0, 0x80]))).toMatchObject({ ok: false, column: 1 });
    expect(decodeText(Buffer.from([0xf0, 0x93, 0x80, 0x80]))).toMatchObject({ ok: true, text: '𓀀' });
  });

  it('decodes UTF-16 with a byte-order mark, both byte orders', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Después 𓀀', 'utf16le')]);
    expect(decodeText(le)).toMatchObject({ ok: true, text: 'Después 𓀀', encoding: 'utf-16le' });
    const be = Buffer.from(le).swap16();
    expect(decodeText(be)).toMatchObject({ ok: true, encoding: 'utf-16be' });
  });

  it('refuses UTF-16 without a byte-order mark, saying so', () => {
    const r = decodeText(Buffer.from('---\ntitle: Después\n---\n', 'utf16le'));
    expect(r).toMatchObject({ ok: false, line: 1, column: 1 });
    if (!r.ok) expect(r.message).toContain('UTF-16LE text without a byte-order mark');
  });

  it('refuses a damaged UTF-16 file', () => {
    const r = decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x00, 0xd8])]));
    expect(r.ok).toBe(false);
  });
});
