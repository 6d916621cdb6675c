/**
 * The SHA-256 of a font file's bytes, worked out once per process and buffer: the stores that keep results by the
 * font they came from (the shaped words, `shape-store.ts`, and the encoded subsets, `subset-store.ts`) both name
 * their files by it. Each hashed the whole buffer itself before, so a font was hashed twice; for the CJK collection
 * (19 MB, about 40 ms a pass here) that was a large part of a worker's first Chinese, Japanese or Korean document.
 * The faces of a collection share its buffer, and so its digest. A bundled font's digest comes from the package's
 * stamp ({@link knownFontBytesDigest}, `layout/fonts/font-stamps.ts`), so it is not hashed at all.
 */
import { createHash } from 'node:crypto';

const digests = new WeakMap<Uint8Array, string>();
let hashed = 0;

/** SHA-256 (hex) of `buffer`, hashed the first time this process asks for it. */
export function fontBytesDigest(buffer: Uint8Array): string {
  let digest = digests.get(buffer);
  if (digest === undefined) {
    digest = createHash('sha256').update(buffer).digest('hex');
    digests.set(buffer, digest);
    hashed++;
  }
  return digest;
}

/** Records `sha256` as the digest of `buffer` (a bundled font read with its stamped digest). */
export function knownFontBytesDigest(buffer: Uint8Array, sha256: string): void {
  digests.set(buffer, sha256);
}

/** How many buffers {@link fontBytesDigest} has hashed in this process (tests). */
export function fontBuffersHashed(): number {
  return hashed;
}
