/**
 * `scripts/lazy-aes.mjs`: @noble/ciphers' AES tables (PDFKit's encryption) made on first use in the bundles. The
 * module it gives encrypts exactly as the original; a file without the expected lines is left alone.
 */
import { readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyAesTables as transform } from '../../scripts/lazy-aes.mjs';

const require = createRequire(import.meta.url);
const file = require.resolve('@noble/ciphers/aes.js');

type Aes = { cbc: (k: Uint8Array, iv: Uint8Array) => { encrypt(d: Uint8Array): Uint8Array; decrypt(d: Uint8Array): Uint8Array } };

/** The CommonJS module compiled from `code` as if it were `file` (its relative requires work). */
function compile(code: string): Aes {
  const m = new Module(file) as Module & { _compile(code: string, filename: string): void; paths: string[] };
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  m._compile(code, file);
  return m.exports as Aes;
}

describe('lazy AES tables', () => {
  it('gives a module that encrypts and decrypts as the original', () => {
    const code = readFileSync(file, 'utf8');
    const lazy = transform(code);
    expect(lazy).toBeDefined();
    expect(lazy).toMatch(/const tableEncoding = lazyTable\(/);
    const original = require(file) as Aes;
    const changed = compile(lazy!);
    const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const iv = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);
    const data = Uint8Array.from({ length: 100 }, (_, i) => (i * 31) % 256);
    const sealed = changed.cbc(key, iv).encrypt(data);
    expect(Buffer.from(sealed).equals(Buffer.from(original.cbc(key, iv).encrypt(data)))).toBe(true);
    expect(Buffer.from(changed.cbc(key, iv).decrypt(sealed)).equals(Buffer.from(data))).toBe(true);
  });

  it('leaves a file without the expected table lines alone', () => {
    expect(transform('const tableEncoding = makeTables();')).toBeUndefined();
  });
});
