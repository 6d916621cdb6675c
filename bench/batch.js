// node bench/batch.js (part of `npm run bench`) — `handout batch` on a generated library of
// BENCH_BATCH_OUTPUTS outputs (default 1000: 10 clinics × 25 guides × 4 languages, small guides).
// Prints the first (full) build in the worker pool, the no-op run's work after start-up (deciding
// that every output is up to date: hashing inputs and outputs), and a whole no-op `handout batch` process.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../dist/batch/config.js';
import { planLibrary } from '../dist/batch/plan.js';
import { runLibrary } from '../dist/batch/library.js';
import { defaultJobs } from '../dist/batch/batch.js';
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
const jobs = defaultJobs();
let t0 = performance.now();
const first = await runLibrary(config, plan, { jobs });
const firstMs = performance.now() - t0;
if (first.failed > 0) throw new Error(`${first.failed} outputs failed`);
t0 = performance.now();
const noop = await runLibrary(config, plan, { jobs });
const noopMs = performance.now() - t0;
if (noop.upToDate !== plan.length) throw new Error('the second run was not a no-op');
t0 = performance.now();
execFileSync(process.execPath, [path.join(root, 'bin/handout.js'), 'batch'], { cwd: dir, stdio: 'ignore' });
const processMs = performance.now() - t0;
rmSync(dir, { recursive: true, force: true });

console.log(`handout batch, ${plan.length} outputs (${CLINICS} clinics × ${GUIDES} guides × ${LANGS.length} languages), --jobs ${jobs}:`);
console.log(`  first build:           ${(firstMs / 1000).toFixed(1)} s (${(plan.length / (firstMs / 1000)).toFixed(1)} docs/s)`);
console.log(`  no-op, after start-up: ${noopMs.toFixed(0)} ms`);
console.log(`  no-op process:         ${processMs.toFixed(0)} ms`);
