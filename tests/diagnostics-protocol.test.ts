/** The diagnostics protocol: positioned messages, hints on their own line, file starts. */
import { describe, expect, it } from 'vitest';
import { Diagnostics, fileStart, formatDiagnostic } from '../src/diagnostics.js';
import { redactFill } from '../src/redact.js';

describe('diagnostics', () => {
  it('prints a hint on its own line after the positioned message', () => {
    const diags = new Diagnostics();
    diags.error(fileStart('g.md'), 'unknown directive `:::asid`', 'unknown-directive', 'did you mean `:::aside`?');
    diags.warning({ file: 'g.md', line: 3, column: 2 }, 'no hint here', 'x');
    expect(diags.list.map(formatDiagnostic)).toEqual([
      'g.md:1:1: error unknown directive `:::asid` [unknown-directive]\n  hint: did you mean `:::aside`?',
      'g.md:3:2: warning no hint here [x]',
    ]);
    expect(diags.list[1]).not.toHaveProperty('hint');
  });

  it('redacts fill-in values from hints too', () => {
    const diags = new Diagnostics();
    diags.error(fileStart('g.md'), 'm', 'r', 'write Ana Ruiz differently');
    expect(redactFill(diags.list, { patientName: 'Ana Ruiz' })[0]!.hint).toBe('write ‹fill.patientName› differently');
  });
});
