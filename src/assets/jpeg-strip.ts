/**
 * Lossless JPEG clean-up: drops metadata segments (EXIF, XMP, IPTC, ICC,
 * comments) and anything after the end-of-image marker, keeping the coded
 * image bytes untouched so a plain JPEG can be embedded without re-encoding.
 */

/** Segments kept: JFIF (APP0), Adobe (APP14) and everything needed to decode. */
const KEEP_APP = new Set([0xe0, 0xee]);
/** Frame types PDF readers decode: baseline, extended sequential, progressive (Huffman, 8-bit). */
const PLAIN_SOF = new Set([0xc0, 0xc1, 0xc2]);

/** Result of {@link stripJpeg}: cleaned bytes, or why the file is not a plain JPEG. */
export type StripResult = { readonly ok: true; readonly data: Buffer } | { readonly ok: false; readonly reason: string };

/**
 * Rewrites a JPEG keeping only the segments needed to decode it. Refuses
 * (so the caller re-encodes) anything that is not a plain 8-bit Huffman
 * baseline/progressive JPEG with 1 or 3 components, or whose structure is
 * not understood.
 */
export function stripJpeg(src: Buffer): StripResult {
  if (src.length < 4 || src[0] !== 0xff || src[1] !== 0xd8) return { ok: false, reason: 'no SOI marker' };
  const parts: Buffer[] = [src.subarray(0, 2)];
  let pos = 2;
  let sawFrame = false;
  while (pos < src.length) {
    if (src[pos] !== 0xff) return { ok: false, reason: `expected a marker at byte ${pos}` };
    let marker = src[pos + 1];
    // Fill bytes (0xFF padding) before a marker are allowed.
    while (marker === 0xff) {
      pos++;
      marker = src[pos + 1];
    }
    if (marker === undefined) return { ok: false, reason: 'truncated marker' };
    if (marker === 0xd9) {
      parts.push(Buffer.from([0xff, 0xd9]));
      return sawFrame ? { ok: true, data: Buffer.concat(parts) } : { ok: false, reason: 'no frame header' };
    }
    if (marker >= 0xd0 && marker <= 0xd7) return { ok: false, reason: 'restart marker outside scan' };
    if (pos + 4 > src.length) return { ok: false, reason: 'truncated segment' };
    const len = src.readUInt16BE(pos + 2);
    const end = pos + 2 + len;
    if (len < 2 || end > src.length) return { ok: false, reason: 'truncated segment' };
    const segment = src.subarray(pos, end);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (!PLAIN_SOF.has(marker)) return { ok: false, reason: `frame type 0x${marker.toString(16)} is not baseline or progressive` };
      const precision = src[pos + 4];
      const components = src[pos + 9];
      if (precision !== 8) return { ok: false, reason: `${precision ?? '?'}-bit samples` };
      if (components !== 1 && components !== 3) return { ok: false, reason: `${components ?? '?'} colour components` };
      sawFrame = true;
      parts.push(segment);
    } else if (marker >= 0xe0 && marker <= 0xef) {
      if (KEEP_APP.has(marker)) parts.push(segment);
    } else if (marker !== 0xfe) {
      // DQT, DHT, DRI, SOS and any other structural segment.
      parts.push(segment);
    }
    pos = end;
    if (marker === 0xda) {
      // Entropy-coded data runs until a marker other than a stuffed 0x00 or a restart marker.
      const start = pos;
      while (pos < src.length) {
        if (src[pos] === 0xff) {
          const next = src[pos + 1];
          if (next === undefined) return { ok: false, reason: 'truncated scan' };
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        pos++;
      }
      if (pos >= src.length) return { ok: false, reason: 'no end-of-image marker' };
      parts.push(src.subarray(start, pos));
    }
  }
  return { ok: false, reason: 'no end-of-image marker' };
}
