// npm run bench — every performance figure of issue 12 in one run, side by side on this machine.
//
// Prints: the machine; warm ms/doc of the full pipeline on the seed guide (tagged, branded), wall and CPU;
// the Typst yardstick (@myriaddreamin/typst-ts-node-compiler, a dev dependency) on an equivalent Typst
// document and our ratio to it; cold `handout build` of one guide (wall); N handouts with --jobs 1 and
// --jobs 2 (BENCH_DOCS, default 1000: the 1,000-document target, measured, not projected) with peak RSS; and
// the size of the seed handout. The machine may be shared: compare the ratios of one run.
// BENCH_RUNS sets the warm samples (default 20), BENCH_WARMUP the documents built before them (default 30);
// BENCH_SKIP=batch,cold,typst leaves parts out.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHandout } from '../dist/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const guide = path.join(root, 'content/guides/first-ketamine-session/en.md');
const clinicDir = path.join(root, 'content/clinics/example-community');
const bin = path.join(root, 'bin/handout.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
// documents built before the warm samples: about 30 bring V8's optimizing compiler to a steady state (after 5, a
// third of the CPU time was still background compilation); the Typst yardstick gets the same
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
const DOCS = Number(process.env.BENCH_DOCS ?? 1000);
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const TARGETS = { warm: 15, cold: 450, thousand: 15_000, size: 36 * 1024 };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const verdict = (ok) => (ok ? 'met' : 'MISSED');

/** Median wall time and mean CPU time (user + system, ms) per call of `fn`. */
async function time(fn) {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const samples = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn(WARMUP + i);
    samples.push(ms(t0));
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: median(samples), cpu: (cpu.user + cpu.system) / 1000 / RUNS };
}

const hasGnuTime = existsSync('/usr/bin/time');

/**
 * Samples each thread's CPU time (user + system, ms) of the `handout` process under `pid` (GNU time's child when `wrapped`)
 * from /proc every 20 ms, keeping each thread's last figure (Linux only; elsewhere it stays empty).
 */
function threadSampler(pid, wrapped) {
  const threads = new Map(); // tid → CPU ms
  let node = wrapped ? undefined : pid;
  const tick = () => {
    try {
      node ??= Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0]) || undefined;
      if (node === undefined) return;
      for (const tid of readdirSync(`/proc/${node}/task`)) {
        const stat = readFileSync(`/proc/${node}/task/${tid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        threads.set(Number(tid), ((Number(f[11]) + Number(f[12])) * 1000) / 100); // clock ticks (USER_HZ 100) → ms
      }
    } catch {
      // the process or a thread ended between two reads
    }
  };
  const timer = setInterval(tick, 20);
  return {
    /**
     * Stops sampling: the CLI thread's CPU, the build workers' (the threads with at least a third of the busiest other
     * thread's CPU: a worker builds, V8's helper threads — garbage collection, compiling — and libuv's do less), the rest.
     */
    stop() {
      clearInterval(timer);
      if (node === undefined || !threads.has(node)) return undefined;
      const others = [...threads].filter(([tid]) => tid !== node).map(([, ms]) => ms);
      const busiest = Math.max(0, ...others);
      const workers = others.filter((ms) => ms >= busiest / 3);
      const sum = (xs) => xs.reduce((a, b) => a + b, 0);
      return { cli: threads.get(node), workers: sum(workers), workerThreads: workers.length, helpers: sum(others) - sum(workers) };
    },
  };
}

/**
 * Runs `handout` with `args`; wall ms and, with GNU time, the process's CPU ms (user + system) and peak RSS in MB; on Linux
 * also its CPU by thread (`threads`, see {@link threadSampler}).
 */
/**
 * The environment of the `handout` processes measured: this one's without `NODE_EXTRA_CA_CERTS` (the cold target is
 * stated without it: Node reads and parses the whole certificate file at start-up, about 30 ms here).
 */
function childEnv() {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

async function runCli(args) {
  const cmd = hasGnuTime ? '/usr/bin/time' : process.execPath;
  const argv = hasGnuTime ? ['-f', 'RSS %M CPU %U %S', process.execPath, bin, ...args] : [bin, ...args];
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: childEnv() });
  const sampler = threadSampler(child.pid, hasGnuTime);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const status = await new Promise((resolve) => child.on('close', resolve));
  const wall = ms(t0);
  const threads = sampler.stop();
  if (status !== 0) throw new Error(`bench: handout ${args.slice(0, 3).join(' ')} … failed (${status}): ${stderr.slice(-2000)}`);
  const m = /RSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(stderr);
  return { wall, threads, rssMb: m ? Number(m[1]) / 1024 : undefined, cpu: m ? (Number(m[2]) + Number(m[3])) * 1000 : undefined };
}

// --- the Typst yardstick: the seed guide as an equivalent Typst document (same text, fonts, page chrome) ---
function typstEscape(s) {
  return s.replace(/[\\#$@<>\[\]`~*_]/g, (c) => `\\${c}`);
}
function inlineToTypst(s) {
  // **bold** and *italic* / _italic_ (the guide uses no other inline syntax outside links)
  let out = '';
  const re = /\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_|\[([^\]]+)\]\(([^)]+)\)/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out += typstEscape(s.slice(last, m.index));
    if (m[1]) out += `*${typstEscape(m[1])}*`;
    else if (m[2] || m[3]) out += `_${typstEscape(m[2] ?? m[3])}_`;
    else out += `#link("${m[5].replace(/"/g, '')}")[${typstEscape(m[4])}]`;
    last = m.index + m[0].length;
  }
  return out + typstEscape(s.slice(last));
}
function typstDocument(md) {
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(md);
  const meta = Object.fromEntries(
    (fm?.[1] ?? '')
      .split('\n')
      .map((l) => /^(\w+):\s*"?(.*?)"?$/.exec(l))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
  const body = md.slice(fm ? fm[0].length : 0);
  const lines = [
    `#set document(title: "${meta.title}", author: "Example Community Clinic")`,
    '#set page(paper: "us-letter", margin: (x: 60pt, top: 90pt, bottom: 70pt),',
    '  header: grid(columns: (auto, 1fr), gutter: 8pt, image("logo.svg", height: 28pt), align(horizon)[*Example Community Clinic*]),',
    '  footer: context [#set text(8pt); This handout does not replace advice from your care team. (555) 010-0199 #h(1fr) #counter(page).display()])',
    '#set text(font: "Noto Sans", size: 10.5pt, lang: "en", hyphenate: true)',
    '#set par(justify: true, leading: 0.6em)',
    '#show heading: set text(fill: rgb("#1F5FAD"))',
    `#text(20pt, weight: "bold", fill: rgb("#1F5FAD"))[${typstEscape(meta.title ?? '')}]`,
    '',
    `#text(13pt)[${typstEscape(meta.subtitle ?? '')}]`,
    '',
  ];
  for (const block of body.split(/\n\s*\n/)) {
    const b = block.trim();
    if (!b) continue;
    const h = /^(#{1,6})\s+(.*)$/.exec(b);
    if (h) lines.push(`${'='.repeat(h[1].length)} ${inlineToTypst(h[2])}`);
    else if (/^[-*] /.test(b)) lines.push(...b.split('\n').map((l) => `- ${inlineToTypst(l.replace(/^[-*]\s+/, ''))}`));
    else if (/^\d+\. /.test(b)) lines.push(...b.split('\n').map((l) => `+ ${inlineToTypst(l.replace(/^\d+\.\s+/, ''))}`));
    else lines.push(inlineToTypst(b.replace(/\n/g, ' ')));
    lines.push('');
  }
  return lines.join('\n');
}

async function typstYardstick() {
  let mod;
  try {
    mod = await import('@myriaddreamin/typst-ts-node-compiler');
  } catch (e) {
    return {
      skipped: `Typst yardstick skipped: @myriaddreamin/typst-ts-node-compiler did not load (${e instanceof Error ? e.message.split('\n')[0] : e})`,
    };
  }
  try {
    const compiler = mod.NodeCompiler.create({ workspace: clinicDir, fontArgs: [{ fontPaths: [path.join(root, 'fonts')] }] });
    const source = typstDocument(readFileSync(guide, 'utf8'));
    const first = compiler.pdf({ mainFileContent: source });
    // each document differs (a number in it), as ours are rebuilt from scratch; Typst keeps its caches, as we keep ours
    const t = await time((i) => {
      const pdf = compiler.pdf({ mainFileContent: source.replace('Example Community Clinic*]', `Example Community Clinic ${i}*]`) });
      if (!pdf || pdf.length < 1000) throw new Error('typst produced no PDF');
    });
    return { ...t, size: first.length };
  } catch (e) {
    return { skipped: `Typst yardstick skipped: ${e instanceof Error ? e.message.split('\n')[0] : e}` };
  }
}

/** N copies of the seed guide with distinct ids, in a temporary folder. */
function copies(dir, n) {
  const source = readFileSync(guide, 'utf8');
  const files = [];
  for (let i = 0; i < n; i++) {
    const d = path.join(dir, 'guides', `copy-${i}`);
    mkdirSync(d, { recursive: true });
    const f = path.join(d, 'en.md');
    writeFileSync(f, source.replace(/^id: .*$/m, `id: copy-${i}`));
    files.push(f);
  }
  return files;
}

// ------------------------------------------------------------------------------------------------
const out = [];
const line = (s) => {
  out.push(s);
  console.log(s);
};
line(
  `machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}, node ${process.version}`,
);

const warm = await time(async () => {
  const r = await buildHandout({ guide });
  if (!r.pdf) throw new Error('bench: build failed');
});
line(
  `warm full pipeline (seed guide, tagged, branded): ${warm.wall.toFixed(1)} ms/doc wall (median of ${RUNS}, after ${WARMUP} warm-up documents), ${warm.cpu.toFixed(1)} ms/doc CPU — target ≤ ${TARGETS.warm} ms: ${verdict(warm.wall <= TARGETS.warm)}`,
);
// the figure above rebuilds one guide, so its parse is cached (as in a batch of one guide for many clinics);
// this one gives every document a guide text of its own (copies differing in their id), so nothing is cached by text
const distinctDir = mkdtempSync(path.join(os.tmpdir(), 'handout-bench-warm-'));
const distinct = copies(distinctDir, WARMUP + RUNS);
const warmDistinct = await time(async (i) => {
  const r = await buildHandout({ guide: distinct[i] });
  if (!r.pdf) throw new Error('bench: build failed');
});
rmSync(distinctDir, { recursive: true, force: true });
line(
  `warm full pipeline, a different guide text each document: ${warmDistinct.wall.toFixed(1)} ms/doc wall, ${warmDistinct.cpu.toFixed(1)} ms/doc CPU`,
);

if (!skip.has('typst')) {
  const typst = await typstYardstick();
  if (typst.skipped) line(typst.skipped);
  else {
    line(
      `Typst (typst-ts-node-compiler), equivalent document: ${typst.wall.toFixed(1)} ms/doc wall, ${typst.cpu.toFixed(1)} ms/doc CPU (PDF ${(typst.size / 1024).toFixed(1)} KB)`,
    );
    line(`ratio handoutkit / Typst: ${(warm.wall / typst.wall).toFixed(2)}× wall, ${(warm.cpu / typst.cpu).toFixed(2)}× CPU`);
  }
}

const seed = await buildHandout({ guide });
line(
  `seed handout PDF: ${(seed.pdf.length / 1024).toFixed(1)} KB (${seed.pdf.length} bytes) — target ≤ 36 KB: ${verdict(seed.pdf.length <= TARGETS.size)}`,
);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'handout-bench-'));
try {
  if (!skip.has('cold')) {
    // the workers' compile cache in a folder of the bench's own: the first process writes it, the next three use it
    process.env.HANDOUT_CACHE_DIR = path.join(tmp, 'compile-cache');
    const first = await runCli(['build', guide, '-o', path.join(tmp, 'x.pdf'), '--force']);
    const cold = [];
    for (let i = 0; i < 3; i++) cold.push(await runCli(['build', guide, '-o', path.join(tmp, 'x.pdf'), '--force']));
    const wall = median(cold.map((c) => c.wall));
    const cpu = cold[0].cpu === undefined ? '' : `, ${median(cold.map((c) => c.cpu)).toFixed(0)} ms CPU`;
    line(
      `cold \`handout build\` of one guide: ${wall.toFixed(0)} ms wall${cpu} (median of 3 processes, compile cache written, without NODE_EXTRA_CA_CERTS) — target ≤ ${TARGETS.cold} ms: ${verdict(wall <= TARGETS.cold)}`,
    );
    line(
      `  the first one, which writes the compile cache: ${first.wall.toFixed(0)} ms wall${first.cpu === undefined ? '' : `, ${first.cpu.toFixed(0)} ms CPU`}`,
    );
  }
  if (!skip.has('batch')) {
    const files = copies(tmp, DOCS);
    const results = {};
    for (const jobs of [1, 2]) {
      const r = await runCli(['build', ...files, '--out-dir', path.join(tmp, `out-${jobs}`), '--force', '--jobs', String(jobs)]);
      results[jobs] = r;
      const cpu = r.cpu === undefined ? '' : `, ${(r.cpu / 1000).toFixed(1)} s CPU`;
      line(
        `${DOCS} handouts, --jobs ${jobs}: ${(r.wall / 1000).toFixed(1)} s wall (${(r.wall / DOCS).toFixed(0)} ms/doc)${cpu}${r.rssMb ? `, peak RSS ${r.rssMb.toFixed(0)} MB (process)` : ''}`,
      );
      const t = r.threads;
      if (t)
        line(
          `  CPU by thread, ms/doc: CLI thread ${(t.cli / DOCS).toFixed(1)}, build workers ${(t.workers / DOCS).toFixed(1)} ` +
            `(${t.workerThreads} thread${t.workerThreads === 1 ? '' : 's'}), V8 and libuv helper threads ${(t.helpers / DOCS).toFixed(1)}`,
        );
    }
    const [a, b] = [results[1], results[2]];
    if (a.rssMb && b.rssMb)
      line(`peak RSS per worker: about ${(b.rssMb - a.rssMb).toFixed(0)} MB (--jobs 2 minus --jobs 1; workers are threads of one process)`);
    line(`--jobs 2 vs --jobs 1: ${(a.wall / b.wall).toFixed(2)}× faster`);
    const per1000 = (b.wall / DOCS) * 1000;
    line(
      `1,000 handouts with --jobs 2: ${DOCS === 1000 ? 'measured' : 'projected from the above'} ${(per1000 / 1000).toFixed(1)} s — target ≤ 15 s: ${verdict(per1000 <= TARGETS.thousand)}`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, out.join('\n') + '\n');
