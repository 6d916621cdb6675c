/** Compiled templates are reused, but an edited override is compiled again (a long-running preview sees the change). */
import { cpSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/template/environment.js';

describe('loadTemplates', () => {
  it('reuses the compiled set until a template file changes', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'handout-tpl-')), 'templates');
    cpSync(path.resolve('templates'), dir, { recursive: true });
    const footer = path.join(dir, 'partials', 'footer.hbs');
    const first = loadTemplates('handout.hbs', [dir]);
    expect(loadTemplates('handout.hbs', [dir])).toBe(first);
    writeFileSync(footer, `${readFileSync(footer, 'utf8')}{{!-- edited --}}`);
    utimesSync(footer, new Date(), new Date(Date.now() + 5000)); // a different time even on a coarse clock
    const second = loadTemplates('handout.hbs', [dir]);
    expect(second).not.toBe(first);
    expect(second.sources.find((s) => s.file === footer)?.text).toContain('edited');
  });
});
