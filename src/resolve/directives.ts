/**
 * Checks the attributes and content of the directives that take them (`:::checklist`, `::field`
 * and `:field`, `::qr`), after variables are substituted and before typography, so a QR code's
 * address is exactly what the author wrote. Each check lives with its directive (src/directives/).
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Diagnostics } from '../diagnostics.js';
import type { ContainerDirective, LeafDirective, TextDirective } from '../parse/mdast-extra.js';
import { CHECKLIST, checkChecklist } from '../directives/checklist.js';
import { FIELD, checkField } from '../directives/field.js';
import { QR, checkQr, qrTarget } from '../directives/qr.js';
import { placeOfNode } from './text-positions.js';

/** Data a checked `::qr` carries to the template stage: its target as written. */
export interface QrData {
  qrUrl?: string;
}

/** Validates every directive with attributes; errors go to `diags`. */
export function checkDirectives(root: Root, file: string, diags: Diagnostics): void {
  visit(root, (node) => {
    if (node.type === 'containerDirective') {
      const d = node as ContainerDirective;
      if (d.name === CHECKLIST) checkChecklist(d, placeOfNode(d, file), diags);
    } else if (node.type === 'leafDirective') {
      const d = node as LeafDirective;
      if (d.name === FIELD) checkField(d, placeOfNode(d, file), diags);
      if (d.name === QR && checkQr(d, placeOfNode(d, file), diags)) {
        (d.data ??= {}) as QrData;
        (d.data as QrData).qrUrl = qrTarget(d);
      }
    } else if (node.type === 'textDirective') {
      const d = node as TextDirective;
      if (d.name === FIELD) checkField(d, placeOfNode(d, file), diags);
    }
  });
}
