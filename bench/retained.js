// node --expose-gc bench/retained.js <library folder> <mark> (run by bench/batch.js): what a build worker keeps.
// Builds every output of the library's plan in this one thread, in the order a worker of a batch meets them (guide
// by guide, then language, then clinic; `src/batch/lanes.ts`), with the pipeline a worker runs (`buildHandout`), and
// after output `mark` and the last one collects the garbage twice and reads the V8 heap: what is in use then is what
// the pipeline keeps across documents (fonts, caches, stores). The stores are on, as in a bundled worker, in a new
// temporary folder (so they start empty, as a worker's first run does), and written after each document as a worker
// writes them. The workers' own peak heap, which bench/batch.js
// reports, also holds the garbage of the documents between two collections, so it moves with the collector's timing;
// this shows whether what is kept grows. Prints one line of JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { loadConfig } from '../dist/batch/config.js';
import { planLibrary } from '../dist/batch/plan.js';
import { buildHandout } from '../dist/build.js';
import { Diagnostics } from '../dist/diagnostics.js';
import { enableWordStores, persistWordStores } from '../dist/layout/word-store.js';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const [dir, markArg] = process.argv.slice(2);
const mark = Number(markArg);
const diags = new Diagnostics();
const plan = planLibrary(loadConfig(path.join(dir, 'handout.config.yaml'), diags), diags);
if (diags.hasErrors) throw new Error(diags.list.map((d) => d.message).join('\n'));
const num = (id) => Number(/\d+/.exec(id)?.[0] ?? 0);
const order = [...plan].sort(
  (a, b) => num(a.guide.id) - num(b.guide.id) || a.lang.localeCompare(b.lang) || num(a.clinic.id) - num(b.clinic.id),
);
const MB = 1024 * 1024;
const retained = () => {
  globalThis.gc();
  globalThis.gc();
  const h = v8.getHeapStatistics();
  return { used: h.used_heap_size / MB, committed: h.total_heap_size / MB };
};
const stores = mkdtempSync(path.join(os.tmpdir(), 'handout-bench-stores-'));
enableWordStores({ dir: stores, key: 'bench/retained.js' });
const readings = {};
let built = 0;
try {
  for (const o of order) {
    const r = await buildHandout(o.item);
    persistWordStores();
    if (r.pdf) built++;
    if (built === mark && !readings.mark) readings.mark = retained();
  }
  readings.end = retained();
} finally {
  rmSync(stores, { recursive: true, force: true });
}
console.log(JSON.stringify({ outputs: order.length, built, mark, ...readings }));
