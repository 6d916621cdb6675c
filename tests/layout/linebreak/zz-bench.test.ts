import { it } from 'vitest';
import { breakLines, type Segment } from '../../../src/layout/linebreak/knuth-plass.js';
it('s', () => {
  const n = 1_000_000;
  const segs: Segment[] = Array.from({ length: n }, (_, i) => ({ width: 5 + (i % 7) * 0.37, spaceWidth: 0, breakAfter: i === n - 1 ? 'mandatory' : 'allowed', cost: 2500, hyphenWidth: 0 }));
  for (const mode of ['justify', 'ragged'] as const) {
    const t = performance.now();
    const lines = breakLines(segs, { mode, lineWidth: () => 451 });
    console.log('CHARS', mode, lines.length, Math.round(performance.now() - t), 'ms', lines.slice(0,3).map(l=>l.end-l.start).join(','));
  }
}, 60000);
