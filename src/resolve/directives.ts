/**
 * Checks what can only be checked after variables are substituted and before typography: a QR
 * code's address (`::qr[{{clinic.contact.website}}]`), so the code encodes exactly what the author
 * meant. The other directive checks run in resolve's directive pass (the registry's `check`).
 */
import type { Root } from 'mdast';
import { walkWhere } from '../parse/walk.js';
import type { Diagnostics } from '../diagnostics.js';
import type { LeafDirective } from '../parse/mdast-extra.js';
import { QR, checkQrTarget, qrTarget } from '../directives/qr.js';
import { placeOfNode } from './text-positions.js';

/** Data a checked `::qr` carries to the template stage: its target as written. */
export interface QrData {
  qrUrl?: string;
}

/** Validates every `::qr` address; errors go to `diags`. */
export function checkDirectives(root: Root, file: string, diags: Diagnostics): void {
  walkWhere(root, 'leafDirective', (node: LeafDirective) => {
    if (node.name !== QR || !checkQrTarget(node, placeOfNode(node, file), diags)) return;
    const data = (node.data ??= {}) as QrData;
    data.qrUrl = qrTarget(node);
  });
}
