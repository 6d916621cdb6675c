// node bench/batch.js (part of `npm run bench`) — `handout batch` on a generated library of
// BENCH_BATCH_OUTPUTS outputs (default 1000: 10 clinics × 25 guides × 4 languages, small guides).
// Prints the first (full) build as a `handout batch` process with --jobs 1 and --jobs 2 (BENCH_BATCH_JOBS):
// wall, CPU and peak RSS; the no-op run's work after start-up (deciding that every output is up to date:
// hashing inputs and outputs); and a whole no-op `handout batch` process.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../dist/batch/config.js';
import { planLibrary } from '../dist/batch/plan.js';
import { runLibrary } from '../dist/batch/library.js';
import { Diagnostics } from '../dist/diagnostics.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = Number(process.env.BENCH_BATCH_OUTPUTS ?? 1000);
const LANGS = ['en', 'es', 'vi', 'ko'];
const CLINICS = Math.max(1, Math.min(10, Math.round(TARGET / (LANGS.length * 5))));
const GUIDES = Math.max(1, Math.round(TARGET / (CLINICS * LANGS.length)));

const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-bench-batch-'));
const sample = path.join(root, 'content/clinics/example-community');
for (let c = 0; c < CLINICS; c++) {
  const cdir = path.join(dir, 'content/clinics', `clinic-${c}`);
  mkdirSync(cdir, { recursive: true });
  copyFileSync(path.join(sample, 'logo.svg'), path.join(cdir, 'logo.svg'));
  writeFileSync(
    path.join(cdir, 'clinic.yaml'),
    readFileSync(path.join(sample, 'clinic.yaml'), 'utf8').replace('Example Community Clinic', `Clinic ${c}`),
  );
}
for (let g = 0; g < GUIDES; g++) {
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
const bin = path.join(root, 'bin/handout.js');
const hasGnuTime = existsSync('/usr/bin/time');

/** A whole `handout batch` process: wall ms and, with GNU time, CPU ms (user + system) and peak RSS in MB. */
function batchProcess(args) {
  const argv = [bin, 'batch', ...args];
  const t0 = performance.now();
  const r = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'RSS %M CPU %U %S', process.execPath, ...argv], { cwd: dir, encoding: 'utf8' })
    : spawnSync(process.execPath, argv, { cwd: dir, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`handout batch ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const m = /RSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { wall, rssMb: m ? Number(m[1]) / 1024 : undefined, cpu: m ? (Number(m[2]) + Number(m[3])) * 1000 : undefined };
}
const show = (r) =>
  `${(r.wall / 1000).toFixed(1)} s wall (${(plan.length / (r.wall / 1000)).toFixed(1)} docs/s)` +
  (r.cpu !== undefined ? `, ${(r.cpu / 1000).toFixed(1)} s CPU` : '') +
  (r.rssMb !== undefined ? `, peak RSS ${r.rssMb.toFixed(0)} MB` : '');

// the first build of the whole library, as a user runs it, once per --jobs value (BENCH_BATCH_JOBS, default 1,2)
const JOBS = (process.env.BENCH_BATCH_JOBS ?? '1,2').split(',').map(Number);
const first = new Map();
for (const jobs of JOBS) {
  rmSync(path.join(dir, 'out'), { recursive: true, force: true });
  first.set(jobs, batchProcess(['--jobs', String(jobs)]));
}
const jobs = JOBS.at(-1);
let t0 = performance.now();
const noop = await runLibrary(config, plan, { jobs });
const noopMs = performance.now() - t0;
if (noop.upToDate !== plan.length) throw new Error('the second run was not a no-op');
t0 = performance.now();
execFileSync(process.execPath, [bin, 'batch'], { cwd: dir, stdio: 'ignore' });
const processMs = performance.now() - t0;
rmSync(dir, { recursive: true, force: true });

console.log(`handout batch, ${plan.length} outputs (${CLINICS} clinics × ${GUIDES} guides × ${LANGS.length} languages):`);
for (const [j, r] of first) console.log(`  first build, --jobs ${j}: ${show(r)}`);
if (first.has(1) && first.has(2)) {
  const [a, b] = [first.get(1), first.get(2)];
  console.log(`  --jobs 2 vs --jobs 1:  ${(a.wall / b.wall).toFixed(2)}× faster`);
  if (a.rssMb !== undefined && b.rssMb !== undefined)
    console.log(`  peak RSS per extra worker: about ${(b.rssMb - a.rssMb).toFixed(0)} MB`);
}
console.log(`  no-op, after start-up: ${noopMs.toFixed(0)} ms`);
console.log(`  no-op process:         ${processMs.toFixed(0)} ms`);
