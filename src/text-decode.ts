/**
 * Decoding of every text file handoutkit reads (guides, translations, clinic
 * profiles, templates, locale strings): UTF-8 only (a UTF-8 byte-order mark is
 * dropped; a UTF-16 file with a byte-order mark is decoded). Anything else is a
 * positioned refusal at the first byte that is not UTF-8, naming the likely
 * encoding, so no U+FFFD replacement character ever reaches a page.
 */
import { createRequire } from 'node:module';
import type Chardet from 'chardet';

/**
 * chardet, loaded when a file is not UTF-8 (to name its likely encoding): not with this module, which every process
 * loads (about 130 KB of code compiled for a message few runs print).
 */
function chardet(): typeof Chardet {
  return createRequire(import.meta.url)('chardet') as typeof Chardet;
}

/** Result of {@link decodeText}. */
export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly message: string };

const HOW_TO_SAVE = 'save it as UTF-8 (in most editors: Save As › Encoding › UTF-8; in Word: Plain Text › Unicode (UTF-8))';

/** Friendly names of the encodings chardet reports. */
function encodingName(name: string): string {
  const m = /^windows-(\d+)$/i.exec(name);
  if (m) return `Windows-${m[1]}${m[1] === '1252' ? ' (Western European, "ANSI")' : ''}`;
  const iso = /^ISO-8859-(\d+)$/i.exec(name);
  if (iso) return `ISO-8859-${iso[1]}${iso[1] === '1' ? ' (Latin-1)' : ''}`;
  return name;
}

/** Where in the text a byte offset lies: 1-based line, and column in characters. */
function placeOf(data: Uint8Array, offset: number): { line: number; column: number } {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (data[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // the bytes before the bad one on its line are valid UTF-8: count their characters
  const before = new TextDecoder('utf-8').decode(data.subarray(lineStart, offset)).replace(/^\uFEFF/, '');
  return { line, column: [...before].length + 1 };
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence. */
function firstBadUtf8Byte(data: Uint8Array): number {
  let i = 0;
  while (i < data.length) {
    const b = data[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    const b1 = data[i + 1];
    if (b1 === undefined || b1 < lo || b1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const bk = data[i + k];
      if (bk === undefined || bk < 0x80 || bk > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** True when the bytes look like UTF-16 without a byte-order mark (many NULs at alternate positions). */
function looksLikeBomlessUtf16(data: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(data.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (data[i] === 0) even++;
    if (data[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > half * 0.3 && even < half * 0.05) return 'utf-16le';
  if (even > half * 0.3 && odd < half * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * Decodes the bytes of a text file. UTF-8 (with or without a byte-order mark)
 * and UTF-16 with a byte-order mark are accepted; for anything else the result
 * is the line and column of the first byte that is not UTF-8 with a message
 * naming the likely encoding and how to save the file as UTF-8.
 */
export function decodeText(data: Uint8Array): DecodeResult {
  if (data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))) {
    const encoding = data[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(data);
      return { ok: true, text, encoding };
    } catch {
      return {
        ok: false,
        line: 1,
        column: 1,
        message:
          `the file starts with a UTF-16 byte-order mark but is not valid ${encoding.toUpperCase()} text (it is cut ` +
          `short or damaged); ${HOW_TO_SAVE}`,
      };
    }
  }
  const bad = firstBadUtf8Byte(data);
  if (bad < 0) return { ok: true, text: new TextDecoder('utf-8').decode(data), encoding: 'utf-8' };
  const utf16 = looksLikeBomlessUtf16(data);
  if (utf16) {
    return {
      ok: false,
      line: 1,
      column: 1,
      message: `the file looks like ${utf16.toUpperCase()} text without a byte-order mark, which cannot be read reliably; ${HOW_TO_SAVE}`,
    };
  }
  const { line, column } = placeOf(data, bad);
  const byte = `0x${data[bad]!.toString(16).toUpperCase().padStart(2, '0')}`;
  const guess = chardet()
    .analyse(data)
    .find((m) => !/^UTF-8$/i.test(m.name) && !/^UTF-(16|32)/i.test(m.name));
  let likely = '';
  if (guess) {
    let shown = '';
    try {
      const ch = new TextDecoder(guess.name, { fatal: true }).decode(data.subarray(bad, bad + 1));
      if (/^[\p{L}\p{P}\p{S}]$/u.test(ch)) shown = `, where that byte is \`${ch}\``;
    } catch {
      // a multi-byte encoding, or one this Node does not know: name it without the character
    }
    likely = `; it is probably ${encodingName(guess.name)}${shown}`;
  }
  return { ok: false, line, column, message: `the file is not UTF-8 text: byte ${byte} here is not valid UTF-8${likely}; ${HOW_TO_SAVE}` };
}
