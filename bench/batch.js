// node bench/batch.js (part of `npm run bench`) — `handout batch` on generated libraries of small guides
// (clinics × guides × 4 languages, two of them falling back to English):
// - BENCH_BATCH_OUTPUTS outputs (default 1000: 10 clinics × 25 guides; 0 leaves this part out): the first (full)
//   build as a `handout batch` process with --jobs 1 and --jobs 2 (BENCH_BATCH_JOBS): wall, CPU and peak RSS; the
//   no-op run's work after start-up (deciding that every output is up to date: hashing inputs and outputs); and a whole
//   no-op `handout batch` process;
// - 20 of those outputs (`--only`), --jobs 1 and --jobs 2 (five alternating rounds, medians): whether two workers pay
//   off for a small run;
// - memory, BENCH_BATCH_MEMORY_OUTPUTS outputs (default 10000: 10 clinics × 250 guides; 0 leaves it out), built with
//   --jobs 2 in this process (`runLibrary`, as `handout batch` does): the build workers are threads of one process, so
//   their RSS is one figure; each worker reports its own V8 heap with every document. Printed at the 1,000th output
//   and at the end: each worker's peak heap (committed, and the most in use), this (the CLI) thread's, the process's
//   RSS and peak RSS, and the ratios; then what a worker keeps across documents, without its garbage: the heap in use
//   after a full collection at the 1,000th output and at the end, one thread building the same outputs in a worker's
//   order (bench/retained.js, in a process of its own with --expose-gc).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../dist/batch/config.js';
import { planLibrary } from '../dist/batch/plan.js';
import { runLibrary } from '../dist/batch/library.js';
import { Diagnostics } from '../dist/diagnostics.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = Number(process.env.BENCH_BATCH_OUTPUTS ?? 1000);
const MEMORY_TARGET = Number(process.env.BENCH_BATCH_MEMORY_OUTPUTS ?? 10_000);
const LANGS = ['en', 'es', 'vi', 'ko'];
const bin = path.join(root, 'bin/handout.js');
const hasGnuTime = existsSync('/usr/bin/time');
const MB = 1024 * 1024;
/** The `handout` processes run without NODE_EXTRA_CA_CERTS, as bench/run.js runs them (Node parses the file at start). */
const CHILD_ENV = { ...process.env };
delete CHILD_ENV.NODE_EXTRA_CA_CERTS;

/** Writes a library of about `target` outputs into a new temporary folder; its folder, config, plan and shape. */
function makeLibrary(target) {
  const clinics = Math.max(1, Math.min(10, Math.round(target / (LANGS.length * 5))));
  const guides = Math.max(1, Math.round(target / (clinics * LANGS.length)));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-bench-batch-'));
  const sample = path.join(root, 'content/clinics/example-community');
  for (let c = 0; c < clinics; c++) {
    const cdir = path.join(dir, 'content/clinics', `clinic-${c}`);
    mkdirSync(cdir, { recursive: true });
    copyFileSync(path.join(sample, 'logo.svg'), path.join(cdir, 'logo.svg'));
    writeFileSync(
      path.join(cdir, 'clinic.yaml'),
      readFileSync(path.join(sample, 'clinic.yaml'), 'utf8').replace('Example Community Clinic', `Clinic ${c}`),
    );
  }
  for (let g = 0; g < guides; g++) {
    const gdir = path.join(dir, 'content/guides', `guide-${g}`);
    mkdirSync(gdir, { recursive: true });
    writeFileSync(
      path.join(gdir, 'en.md'),
      `---\nid: guide-${g}\ntitle: Guide ${g}\nlang: en\nversion: 1\n---\n\n## Before your visit\n\nCall {{clinic.name}} if you have questions. Bring a list of your medicines.\n\n- [ ] Eat a light meal\n- [ ] Arrange a ride home\n`,
    );
    writeFileSync(
      path.join(gdir, 'es.md'),
      `---\nid: guide-${g}\ntitle: Guía ${g}\nlang: es\nversion: 1\ntranslatedFrom: { version: 1 }\n---\n\n## Antes de su visita\n\nLlame a {{clinic.name}} si tiene preguntas.\n`,
    );
  }
  writeFileSync(
    path.join(dir, 'handout.config.yaml'),
    `clinics: [content/clinics/*]\nguides: [content/guides/*]\nlanguages: [${LANGS.join(', ')}]\ntranslations: fallback\n`,
  );
  const diags = new Diagnostics();
  const config = loadConfig(path.join(dir, 'handout.config.yaml'), diags);
  const plan = planLibrary(config, diags);
  if (diags.hasErrors) throw new Error(diags.list.map((d) => d.message).join('\n'));
  return { dir, config, plan, shape: `${clinics} clinics × ${guides} guides × ${LANGS.length} languages` };
}

/** A whole `handout batch` process in `dir`: wall ms and, with GNU time, CPU ms (user + system) and peak RSS in MB. */
function batchProcess(dir, args) {
  const argv = [bin, 'batch', ...args];
  const t0 = performance.now();
  const env = CHILD_ENV;
  const r = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'RSS %M CPU %U %S', process.execPath, ...argv], { cwd: dir, encoding: 'utf8', env })
    : spawnSync(process.execPath, argv, { cwd: dir, encoding: 'utf8', env });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`handout batch ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const m = /RSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { wall, rssMb: m ? Number(m[1]) / 1024 : undefined, cpu: m ? (Number(m[2]) + Number(m[3])) * 1000 : undefined };
}
const show = (r, n) =>
  `${(r.wall / 1000).toFixed(1)} s wall (${(n / (r.wall / 1000)).toFixed(1)} docs/s)` +
  (r.cpu !== undefined ? `, ${(r.cpu / 1000).toFixed(1)} s CPU` : '') +
  (r.rssMb !== undefined ? `, peak RSS ${r.rssMb.toFixed(0)} MB` : '');

/** This process's resident and peak resident memory (VmRSS, VmHWM) in MB, from /proc (Linux), else RSS only. */
function processMemory() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    const rss = process.memoryUsage().rss / MB;
    return { rss, peak: process.resourceUsage().maxRSS / 1024 };
  }
}

if (TARGET > 0) {
  // --- the 1,000-output library: first build with --jobs 1 and --jobs 2, then no-op runs ---
  const lib = makeLibrary(TARGET);
  const JOBS = (process.env.BENCH_BATCH_JOBS ?? '1,2').split(',').map(Number);
  const first = new Map();
  for (const jobs of JOBS) {
    rmSync(path.join(lib.dir, 'out'), { recursive: true, force: true });
    first.set(jobs, batchProcess(lib.dir, ['--jobs', String(jobs)]));
  }
  const jobs = JOBS.at(-1);
  let t0 = performance.now();
  const noop = await runLibrary(lib.config, lib.plan, { jobs });
  const noopMs = performance.now() - t0;
  if (noop.upToDate !== lib.plan.length) throw new Error('the second run was not a no-op');
  t0 = performance.now();
  execFileSync(process.execPath, [bin, 'batch'], { cwd: lib.dir, stdio: 'ignore', env: CHILD_ENV });
  const processMs = performance.now() - t0;

  // --- a small run: 20 outputs (5 clinics × 1 guide × 4 languages) ---
  const SMALL = ['--only', `clinic-[0-4]/*/guide-0.pdf`];
  // a run of about 1.5 s: --jobs 1 and --jobs 2 alternating, five rounds each, medians (one run each moved by 10%)
  const small = new Map();
  const smallCount = lib.plan.filter((o) => /^clinic-[0-4]\/[^/]+\/guide-0\.pdf$/.test(o.key)).length;
  const smallRuns = new Map([
    [1, []],
    [2, []],
  ]);
  for (let round = 0; round < 5; round++) {
    for (const j of [1, 2]) {
      rmSync(path.join(lib.dir, 'out'), { recursive: true, force: true });
      smallRuns.get(j).push(batchProcess(lib.dir, ['--jobs', String(j), ...SMALL]));
    }
  }
  const medianOf = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  for (const [j, runs] of smallRuns) {
    small.set(j, {
      wall: medianOf(runs.map((r) => r.wall)),
      cpu: runs[0].cpu === undefined ? undefined : medianOf(runs.map((r) => r.cpu)),
      rssMb: runs[0].rssMb === undefined ? undefined : medianOf(runs.map((r) => r.rssMb)),
    });
  }
  rmSync(lib.dir, { recursive: true, force: true });

  console.log(`handout batch, ${lib.plan.length} outputs (${lib.shape}):`);
  for (const [j, r] of first) console.log(`  first build, --jobs ${j}: ${show(r, lib.plan.length)}`);
  if (first.has(1) && first.has(2)) {
    const [a, b] = [first.get(1), first.get(2)];
    console.log(`  --jobs 2 vs --jobs 1:  ${(a.wall / b.wall).toFixed(2)}× faster`);
    if (a.rssMb !== undefined && b.rssMb !== undefined)
      console.log(`  peak RSS per extra worker: about ${(b.rssMb - a.rssMb).toFixed(0)} MB`);
  }
  console.log(`  no-op, after start-up: ${noopMs.toFixed(0)} ms`);
  console.log(`  no-op process:         ${processMs.toFixed(0)} ms`);
  console.log(`handout batch, ${smallCount} outputs (--only; medians of 5 alternating rounds):`);
  for (const [j, r] of small) console.log(`  --jobs ${j}: ${show(r, smallCount)}`);
  console.log(`  --jobs 2 vs --jobs 1:  ${(small.get(1).wall / small.get(2).wall).toFixed(2)}× faster`);
}

// --- memory over a long run: each worker's heap and the process's RSS, at the 1,000th output and at the end ---
if (MEMORY_TARGET > 0) {
  const big = makeLibrary(MEMORY_TARGET);
  const MARK = Math.min(1000, big.plan.length);
  const peakHeap = new Map(); // threadId → the largest committed heap seen so far, MB
  const usedHeap = new Map(); // threadId → the most heap in use seen so far, MB
  const cli = { heap: 0, used: 0 }; // this (the CLI) thread's largest heap, committed and in use, MB
  let heapLimit = 0; // each worker's heap limit, MB
  let done = 0;
  let atMark;
  const snapshot = () => ({
    heap: new Map(peakHeap),
    used: new Map(usedHeap),
    cli: { ...cli },
    memory: processMemory(),
    seconds: (performance.now() - t1) / 1000,
  });
  const t1 = performance.now();
  const summary = await runLibrary(big.config, big.plan, {
    jobs: 2,
    onItem: (e) => {
      if (e.worker) {
        const { threadId, heapCommitted, heapUsed } = e.worker;
        peakHeap.set(threadId, Math.max(peakHeap.get(threadId) ?? 0, heapCommitted / MB));
        usedHeap.set(threadId, Math.max(usedHeap.get(threadId) ?? 0, heapUsed / MB));
        heapLimit = (e.worker.heapLimit ?? 0) / MB; // (absent before the limit)
      }
      const h = v8.getHeapStatistics();
      cli.heap = Math.max(cli.heap, h.total_heap_size / MB);
      cli.used = Math.max(cli.used, h.used_heap_size / MB);
      if (e.status === 'built' || e.status === 'failed') if (++done === MARK) atMark = snapshot();
    },
  });
  const atEnd = snapshot();
  // what the pipeline keeps across documents, without the garbage between collections (bench/retained.js)
  const kept = spawnSync(process.execPath, ['--expose-gc', path.join(root, 'bench/retained.js'), big.dir, String(MARK)], {
    encoding: 'utf8',
    env: CHILD_ENV,
  });
  if (kept.status !== 0) throw new Error(`bench/retained.js failed (${kept.status}): ${kept.stderr.slice(-2000)}`);
  const keptHeap = JSON.parse(kept.stdout.trim().split('\n').at(-1));
  rmSync(big.dir, { recursive: true, force: true });
  if (summary.built !== big.plan.length) throw new Error(`memory run: ${summary.built} of ${big.plan.length} outputs built`);
  const workersOf = (s) => [...s.heap.keys()].sort((a, b) => a - b);
  const mb = (x) => `${x.toFixed(0)} MB`;
  console.log(
    `memory, ${big.plan.length} outputs (${big.shape}), --jobs 2 in one process (worker threads: one RSS for all; ` +
      `each worker's own memory is its V8 heap${heapLimit ? `, limited to ${heapLimit.toFixed(0)} MB` : ''}):`,
  );
  const row = (label, s) =>
    `  at ${label}: ` +
    workersOf(s)
      .map((id, i) => `worker ${i + 1} heap peak ${mb(s.heap.get(id))} committed (${mb(s.used.get(id))} in use)`)
      .join(', ') +
    `; CLI thread heap peak ${mb(s.cli.heap)} (${mb(s.cli.used)} in use)` +
    `; process RSS ${mb(s.memory.rss)}, peak ${mb(s.memory.peak)} (${s.seconds.toFixed(0)} s)`;
  console.log(row(`output ${MARK}`, atMark));
  console.log(row(`output ${big.plan.length}`, atEnd));
  const ratio = (end, mark) => `${(end / (mark ?? NaN)).toFixed(2)}×`;
  console.log(
    `  ${big.plan.length} vs ${MARK}: worker heap peak ` +
      workersOf(atEnd)
        .map((id) => `${ratio(atEnd.heap.get(id), atMark.heap.get(id))} (in use ${ratio(atEnd.used.get(id), atMark.used.get(id))})`)
        .join(', ') +
      `; CLI thread heap peak ${ratio(atEnd.cli.heap, atMark.cli.heap)}; ` +
      `process peak RSS ${(atEnd.memory.peak / atMark.memory.peak).toFixed(2)}× ` +
      `(target: flat within 10%, under 300 MB per worker)`,
  );
  console.log(
    `  what a worker keeps (heap in use after a full collection; one thread building the same outputs in a worker's ` +
      `order): ${mb(keptHeap.mark.used)} at output ${MARK}, ${mb(keptHeap.end.used)} at output ${keptHeap.built} ` +
      `(${(keptHeap.end.used / keptHeap.mark.used).toFixed(2)}×)`,
  );
}
