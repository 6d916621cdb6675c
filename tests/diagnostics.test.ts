/** Printed diagnostics are one line and never carry terminal control characters. */
import { describe, expect, it } from 'vitest';
import { escapeControls, formatDiagnostic } from '../src/diagnostics.js';

describe('formatDiagnostic', () => {
  it('escapes escape sequences, carriage returns, newlines, C1 controls and bidi overrides', () => {
    const line = formatDiagnostic({ file: 'g\u001b]0;x\u0007.md', line: 2, column: 3, severity: 'warning', message: 'tag `<b>\u001b[31mred\u001b[0m` \r\nnext \u009b \u202Eevil', ruleId: 'x' });
    expect(line).toBe('g\\u001b]0;x\\u0007.md:2:3: warning tag `<b>\\u001b[31mred\\u001b[0m` \\u000d\\u000anext \\u009b \\u202eevil [x]');
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('leaves ordinary text, including non-Latin scripts, as it is', () => {
    expect(escapeControls('Llame al “(555) 010‑0199” — مرحبا')).toBe('Llame al “(555) 010‑0199” — مرحبا');
  });
});
