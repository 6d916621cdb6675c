/**
 * The bundled fonts' digest without reading 48 MB: an OpenType file (and each font of a collection) begins with a table directory that
 * records every table's offset, length and checksum, so that directory (with the file's size) changes
 * whenever a font is edited or replaced. Reading it is a few hundred bytes per font, the same in a
 * checkout, an installed package (where npm gives every file one fixed modification time) and a
 * container. Other files of the folder (the OFL licences) are small and hashed whole.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { listFiles } from './asset-stamps.js';
import { hashFile } from './hash.js';
import path from 'node:path';

/** sfnt versions of TrueType and CFF OpenType fonts (`\0\1\0\0`, `OTTO`, `true`). */
const SFNT_VERSIONS = new Set([0x00010000, 0x4f54544f, 0x74727565]);
/** Most tables a font's directory may list (a real font has a few dozen). */
const MAX_TABLES = 512;

/** Reads `length` bytes at `position`, or null when the file is shorter. */
function readAt(fd: number, position: number, length: number): Buffer | null {
  const b = Buffer.alloc(length);
  return readSync(fd, b, 0, length, position) === length ? b : null;
}

/** The table directory of the font at `offset` (its header and table records), or null when there is none. */
function directoryAt(fd: number, offset: number, size: number): Buffer | null {
  const head = readAt(fd, offset, 12);
  if (!head || !SFNT_VERSIONS.has(head.readUInt32BE(0))) return null;
  const tables = head.readUInt16BE(4);
  if (tables === 0 || tables > MAX_TABLES || offset + 12 + 16 * tables > size) return null;
  const records = readAt(fd, offset + 12, 16 * tables);
  return records ? Buffer.concat([head, records]) : null;
}

/**
 * The size and table directories of an OpenType/TrueType font or collection (`.ttc`: its header and each
 * font's directory), or null when `file` is not one (or is unreadable).
 */
export function fontDirectory(file: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size < 12) return null;
    const parts: Buffer[] = [];
    const tag = readAt(fd, 0, 12);
    if (tag?.toString('latin1', 0, 4) === 'ttcf') {
      const fonts = tag.readUInt32BE(8);
      if (fonts === 0 || fonts > MAX_TABLES) return null;
      const offsets = readAt(fd, 12, 4 * fonts);
      if (!offsets) return null;
      parts.push(tag, offsets);
      for (let i = 0; i < fonts; i++) {
        const dir = directoryAt(fd, offsets.readUInt32BE(4 * i), st.size);
        if (!dir) return null;
        parts.push(dir);
      }
    } else {
      const dir = directoryAt(fd, 0, st.size);
      if (!dir) return null;
      parts.push(dir);
    }
    const size = Buffer.alloc(8);
    size.writeDoubleBE(st.size);
    parts.push(size);
    return Buffer.concat(parts);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * One digest of the fonts folder `dir`: per file (sorted, recursive), its relative path and its table
 * directory with its size — or, for a file that is not a font, its whole content. Null when the folder
 * does not exist.
 */
export function fontFolderDigest(dir: string): string | null {
  const files = listFiles(dir);
  if (!files) return null;
  const h = createHash('sha256');
  for (const [rel] of files) {
    const full = path.join(dir, ...rel.split('/'));
    const directory = fontDirectory(full);
    h.update(rel).update('\0');
    if (directory) h.update('font\0').update(directory);
    else h.update('file\0').update(hashFile(full) ?? '-');
    h.update('\0');
  }
  return h.digest('hex');
}
