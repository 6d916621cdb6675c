/** Progress display: a bar redrawn in place on a terminal, a plain line every few seconds otherwise. */
import { expect, test } from 'vitest';
import { Progress } from '../../src/cli/progress.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('not a terminal: a plain progress line now and then, never a carriage return', async () => {
  let out = '';
  const p = new Progress({ write: (s) => (out += s), tty: false, total: 4, everySeconds: 0.05, label: 'handout batch' });
  p.tick();
  p.tick(true);
  await sleep(130);
  p.stop();
  const lines = out.split('\n').filter(Boolean);
  expect(lines.length).toBeGreaterThanOrEqual(1);
  expect(lines[0]).toMatch(/^handout batch: 2\/4 done, 1 failed, \d+\.\d docs\/s, ETA (\d+ s|\d+ min \d+ s)$/);
  expect(out).not.toContain('\r');
  const after = out;
  await sleep(120);
  expect(out).toBe(after); // stopped
});

test('a terminal: one line redrawn in place with a bar, cleared at the end', () => {
  let out = '';
  const p = new Progress({ write: (s) => (out += s), tty: true, total: 2, label: 'handout batch' });
  p.tick();
  expect(out).toMatch(/^\r\x1b\[K\[#{12}-{12}\] handout batch: 1\/2 done, /);
  p.tick();
  expect(out).toContain('[########################] handout batch: 2/2 done');
  p.stop();
  expect(out.endsWith('\r\x1b[K')).toBe(true);
  expect(out).not.toContain('\n');
});
