/** Printed diagnostics are one line and never carry terminal control characters. */
import { describe, expect, it } from 'vitest';
import { Diagnostics, MAX_REPEATED_DIAGNOSTICS, escapeControls, formatDiagnostic } from '../src/diagnostics.js';

describe('formatDiagnostic', () => {
  it('escapes escape sequences, carriage returns, newlines, C1 controls and bidi overrides', () => {
    const line = formatDiagnostic({
      file: 'g\u001b]0;x\u0007.md',
      line: 2,
      column: 3,
      severity: 'warning',
      message: 'tag `<b>\u001b[31mred\u001b[0m` \r\nnext \u009b \u202Eevil',
      ruleId: 'x',
    });
    expect(line).toBe('g\\u001b]0;x\\u0007.md:2:3: warning tag `<b>\\u001b[31mred\\u001b[0m` \\u000d\\u000anext \\u009b \\u202eevil [x]');
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('leaves ordinary text, including non-Latin scripts, as it is', () => {
    expect(escapeControls('Llame al “(555) 010‑0199” — مرحبا')).toBe('Llame al “(555) 010‑0199” — مرحبا');
  });
});

describe('Diagnostics cap repeated problems per rule and file', () => {
  it('keeps the first 50 and one summary counting the rest, at the place of the first left out', () => {
    const diags = new Diagnostics();
    for (let i = 1; i <= 200_000; i++) diags.warning({ file: 'g.md', line: i, column: 1 }, `tag <b> ${i}`, 'unsupported-html');
    diags.warning({ file: 'g.md', line: 1, column: 1 }, 'other', 'other-rule');
    diags.warning({ file: 'h.md', line: 1, column: 1 }, 'tag', 'unsupported-html');
    expect(diags.list).toHaveLength(MAX_REPEATED_DIAGNOSTICS + 3);
    const summary = diags.list[MAX_REPEATED_DIAGNOSTICS]!;
    expect(summary).toMatchObject({ file: 'g.md', line: 51, column: 1, severity: 'warning', ruleId: 'unsupported-html' });
    expect(summary.message).toBe('and 199,950 more like the warning above in this file (only the first 50 are shown)');
    expect(diags.hasErrors).toBe(false);
  });

  it('counts every error, also those left out of the list', () => {
    const diags = new Diagnostics();
    for (let i = 0; i < 60; i++) diags.error({ file: 'g.md', line: 1, column: 1 }, 'x', 'r');
    expect(diags.errorCount).toBe(60);
    expect(diags.list).toHaveLength(51);
    expect(diags.hasErrors).toBe(true);
  });
});
