/**
 * The `qr` directive: `::qr[https://example.org/book]{label="Book your next visit"}` draws a
 * vector QR code (error correction M, quiet zone kept, at least 2 cm) with the label and URL
 * printed beside it. Only `http:`, `https:` and `tel:` targets.
 */
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import QRCode from 'qrcode';
import type { Diagnostics, SourcePlace } from '../diagnostics.js';
import type { QrBlock } from '../types/layout-tree.js';
import type { LeafDirective } from '../parse/mdast-extra.js';
import { inlines } from '../template/from-mdast/inline.js';
import { placeOf, style, type State } from '../template/from-mdast/state.js';
import { collapse, trimInlines } from '../template/from-mdast/whitespace.js';
import { z } from 'zod';
import { checkAttributeNames } from './attributes.js';
import { boundedMemo } from '../bounded-memo.js';
import type { DirectiveDefinition } from './types.js';

/** Name of the directive. */
export const QR = 'qr';
/** Its attributes. */
export const QR_ATTRIBUTES = ['label'] as const;
/** Quiet zone around the code, in modules (ISO/IEC 18004). */
export const QUIET_MODULES = 4;
/** Smallest side of a printed code, in points (2 cm). */
export const MIN_QR_SIZE = (20 * 72) / 25.4;
/** Smallest module, in points (about 0.5 mm: phone cameras read it at arm's length). */
const MIN_MODULE = 1.5;
/** Longest target accepted (a longer one makes a code too dense to print at this size). */
const MAX_URL = 500;

/** The target of a `::qr` directive: as resolve recorded it (before typography), else its text, trimmed. */
export function qrTarget(d: LeafDirective): string {
  const recorded = (d.data as { qrUrl?: string } | undefined)?.qrUrl;
  return recorded ?? toString(d).trim();
}

/** Validates a QR directive's address and label (resolve stage, after variables); returns whether it can be printed. */
export function checkQrTarget(d: LeafDirective, place: SourcePlace, diags: Diagnostics): boolean {
  let ok = true;
  const target = qrTarget(d);
  if (target.length === 0) {
    diags.error(place, '`::qr` needs the address to encode: `::qr[https://example.org/book]{label="Book your next visit"}`', 'invalid-qr');
    return false;
  }
  let url: URL | undefined;
  try {
    url = new URL(target);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:', 'tel:'].includes(url.protocol) || /\s/u.test(target)) {
    diags.error(
      place,
      `\`${target.slice(0, 80)}\` is not a web address (http or https) or a phone link (tel:); a QR code on a handout may ` +
        `only point to one of those`,
      'invalid-qr',
    );
    ok = false;
  } else if (target.length > MAX_URL) {
    diags.error(
      place,
      `the QR address is ${target.length} characters long; use one of at most ${MAX_URL} (a shorter link) so the code stays ` +
        `readable in print`,
      'invalid-qr',
    );
    ok = false;
  }
  const label = d.attributes?.label;
  if (label !== undefined && label !== null && label.trim().length === 0) {
    diags.error(
      place,
      '`label` on `::qr` is empty; say where the code leads, e.g. `{label="Book your next visit"}`, or leave the attribute out',
      'invalid-qr',
    );
    ok = false;
  }
  return ok;
}

/** QR modules computed once per text and process (a batch prints the same clinic address on every handout). */
const modulesOf = boundedMemo((text: string) => Object.freeze(computeModules(text).map((row) => Object.freeze(row))), 64);

/** The dark modules of `text` at error correction level M, row by row (frozen: shared between documents). */
export function qrModules(text: string): readonly (readonly boolean[])[] {
  return modulesOf(text);
}

function computeModules(text: string): boolean[][] {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = code.modules.size;
  const rows: boolean[][] = [];
  for (let r = 0; r < n; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < n; c++) row.push(code.modules.get(r, c) === 1);
    rows.push(row);
  }
  return rows;
}

/** Converts a checked QR directive to its block (template stage). */
export function qrBlock(d: LeafDirective, state: State): QrBlock {
  const { theme } = state.ctx;
  const url = qrTarget(d);
  const modules = qrModules(url);
  const size = Math.max(theme.qr.size, MIN_QR_SIZE, modules.length * MIN_MODULE);
  const labelText = collapse(d.attributes?.label ?? '').trim();
  const body = theme.body;
  const label = labelText
    ? trimInlines(inlines([{ type: 'text', value: labelText }] as Nodes[], style('bold', body.size, body.leading, body.color), state))
    : [];
  const shown = url.startsWith('tel:') ? url.slice(4) : url;
  const link = style('regular', body.size, body.leading, theme.link, { link: url, underline: true });
  return {
    kind: 'qr',
    url,
    label,
    labelText,
    urlInlines: [{ kind: 'text', text: shown, style: link, place: placeOf(d, state) }],
    modules,
    size,
    quietModules: QUIET_MODULES,
    color: theme.qr.color,
    gap: theme.qr.gap,
    space: { before: 0, after: theme.paragraphAfter },
    place: placeOf(d, state),
    lang: state.ctx.lang,
  };
}

/**
 * `::qr[https://…]{label="…"}` on its own line. Its attribute names are checked here; the address
 * is checked after variables are substituted (resolve/directives.ts), so `::qr[{{clinic.contact.website}}]` works.
 */
export const qr: DirectiveDefinition<'leaf'> = {
  name: QR,
  kind: 'leaf',
  syntax: '::qr[…]',
  example: '::qr[https://example.org/book]{label="Book your next visit"}\n',
  summary: 'a QR code (error correction M, at least 2 cm) for an http(s) or tel: address, with the label and address printed beside it',
  attributes: z.object({ label: z.string().optional() }),
  check: (d, { place, diags }) => (checkAttributeNames('::qr', d.attributes, QR_ATTRIBUTES, place, diags) ? 'keep' : 'drop'),
  block: (d, state) => [qrBlock(d, state)],
};
