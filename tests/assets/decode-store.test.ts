/**
 * Decoded images kept across processes (`src/assets/decode-store.ts`): off with the word stores; a kept outcome is the
 * decoded one, byte for byte; a corrupt, truncated, tampered or unsafe file is not used; another pixel limit or other
 * bytes are another file. Every test uses its own folder.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/assets/decode-image.js';
import { MAX_STORED_BYTES, MAX_STORED_IMAGES, storedDecode, storeDecode } from '../../src/assets/decode-store.js';
import { disableWordStores, enableWordStores } from '../../src/layout/word-store.js';
import { tempDir } from '../helpers/cli.js';

const LOGO = readFileSync(path.resolve('content/clinics/example-community/logo.svg'));
const PNG = readFileSync(path.resolve('tests/fixtures/stress/square.png'));
const LIMIT = 40_000_000;

function folder(): string {
  const dir = path.join(tempDir('decode-store-'), 'cache');
  enableWordStores({ dir, key: 'test' });
  return dir;
}

const images = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []).filter((f) => /^image-[0-9a-f]+\.bin$/.test(f));

afterEach(() => disableWordStores());

describe('decode store', () => {
  it('keeps nothing while the word stores are off', async () => {
    const outcome = await decodeImage(PNG, LIMIT);
    storeDecode(PNG, LIMIT, outcome);
    expect(storedDecode(PNG, LIMIT)).toBeUndefined();
  });

  it.each([
    ['an SVG logo (raster and vector source)', LOGO],
    ['a PNG', PNG],
  ])('gives back %s exactly as decoded', async (_name, bytes) => {
    const dir = folder();
    expect(storedDecode(bytes, LIMIT)).toBeUndefined();
    const outcome = await decodeImage(bytes, LIMIT);
    expect(outcome.ok).toBe(true);
    storeDecode(bytes, LIMIT, outcome);
    expect(images(dir)).toHaveLength(1);
    const kept = storedDecode(bytes, LIMIT);
    expect(kept).toEqual(outcome);
    expect(kept?.ok && outcome.ok && kept.asset.data.equals(outcome.asset.data)).toBe(true);
    // another limit or other bytes: not this file
    expect(storedDecode(bytes, LIMIT - 1)).toBeUndefined();
    expect(storedDecode(Buffer.concat([bytes, Buffer.from(' ')]), LIMIT)).toBeUndefined();
  });

  it('keeps no failure', async () => {
    const dir = folder();
    const broken = PNG.subarray(0, 100);
    const outcome = await decodeImage(broken, LIMIT);
    expect(outcome.ok).toBe(false);
    storeDecode(broken, LIMIT, outcome);
    expect(images(dir)).toHaveLength(0);
  });

  it('keeps no large image, and no more than the limit of images', () => {
    const dir = folder();
    const asset = (n: number) => ({
      ok: true as const,
      asset: { data: Buffer.alloc(n, 1), format: 'png' as const, width: 1, height: 1, key: 'k' },
    });
    storeDecode(PNG, LIMIT, asset(MAX_STORED_BYTES + 1));
    expect(images(dir)).toHaveLength(0);
    storeDecode(PNG, LIMIT, asset(10));
    expect(storedDecode(PNG, LIMIT)).toEqual(asset(10));
    for (let i = 1; i < MAX_STORED_IMAGES; i++) writeFileSync(path.join(dir, `image-${i}.bin`), 'x', { mode: 0o600 });
    storeDecode(LOGO, LIMIT, asset(10));
    expect(storedDecode(LOGO, LIMIT)).toBeUndefined();
  });

  it('does not use a truncated, corrupt, tampered or unsafe file', async () => {
    const dir = folder();
    storeDecode(LOGO, LIMIT, await decodeImage(LOGO, LIMIT));
    const file = path.join(dir, images(dir)[0]!);
    const good = readFileSync(file);
    expect(storedDecode(LOGO, LIMIT)).toBeDefined();
    writeFileSync(file, good.subarray(0, good.length - 1));
    expect(storedDecode(LOGO, LIMIT)).toBeUndefined();
    writeFileSync(file, 'not a store file');
    expect(storedDecode(LOGO, LIMIT)).toBeUndefined();
    const tampered = Buffer.from(good);
    tampered[tampered.indexOf('\n', 30) + 60]! ^= 1; // a byte of the decoded PNG
    writeFileSync(file, tampered);
    expect(storedDecode(LOGO, LIMIT)).toBeUndefined();
    writeFileSync(file, good);
    expect(storedDecode(LOGO, LIMIT)).toBeDefined();
    chmodSync(file, 0o666);
    expect(storedDecode(LOGO, LIMIT)).toBeUndefined();
  });
});
