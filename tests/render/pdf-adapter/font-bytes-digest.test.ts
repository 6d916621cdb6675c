/** One SHA-256 per font buffer and process, shared by the stores kept by font. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fontBuffersHashed, fontBytesDigest, knownFontBytesDigest } from '../../../src/render/pdf-adapter/font-bytes-digest.js';

describe('font bytes digest', () => {
  it('hashes a buffer once, and a known digest not at all', () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const before = fontBuffersHashed();
    const digest = fontBytesDigest(bytes);
    expect(digest).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(fontBytesDigest(bytes)).toBe(digest);
    expect(fontBuffersHashed()).toBe(before + 1);
    // the same bytes in another buffer are hashed for it (a buffer, not its content, is the key)
    expect(fontBytesDigest(new Uint8Array([1, 2, 3, 4]))).toBe(digest);
    expect(fontBuffersHashed()).toBe(before + 2);
    const stamped = new Uint8Array([5, 6]);
    knownFontBytesDigest(stamped, 'from-the-stamp');
    expect(fontBytesDigest(stamped)).toBe('from-the-stamp');
    expect(fontBuffersHashed()).toBe(before + 2);
  });
});
