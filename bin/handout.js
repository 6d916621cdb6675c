#!/usr/bin/env node
// The `handout` command: runs the bundled CLI (dist/bundle/, written after tsc by `npm run build` and the prepare
// and prepack scripts: one file and a few shared chunks instead of about 600 modules). A bundle older than the
// compiled code (tsc run alone) is not used: then the compiled modules in dist/ run, as they are.
import { statSync } from 'node:fs';
import v8 from 'node:v8';

const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
const bundled = mtime('../dist/bundle/cli.js');
const compiled = mtime('../dist/cli/main.js');
const useBundle = bundled !== undefined && (compiled === undefined || bundled >= compiled);
// `handout build` always builds in a worker thread, and so does `handout batch` when it will likely build (a first
// or a forced build): the thread starts first and loads the pipeline (most of a cold build) while this thread loads
// the CLI, instead of after it; the CLI takes it when it starts workers. The code that starts
// it is loaded before any V8 flag is set: Node's own modules it loads then come from Node's code cache, which V8
// refuses once a flag differs. For the same reason the thread starts with no flag set: it sets the interrupt budget
// itself once started (src/batch/worker-limits.ts; the other commands set it below), and the worker of a build of one
// guide starts with V8's own heap sizing (about 30 ms sooner at its first JavaScript).
const command = useBundle ? process.argv[2] : undefined;
const loaded = command === 'build' || command === 'batch' ? await import('../dist/bundle/prestart.js').catch(() => undefined) : undefined;
// a worker started for a `handout batch` with nothing to build would cost CPU (src/batch/prestart.ts)
const prestart = command === 'batch' && !loaded?.batchLikelyBuilds(process.argv.slice(3), process.cwd()) ? undefined : loaded;
const guides = command === 'build' ? process.argv.slice(3).filter((a) => !a.startsWith('-') && /\.md$/i.test(a)) : [];
if (prestart) await prestart.prestartWorkers(1, guides.length === 1, guides).catch(() => {});

// Tier up later: by default V8 hands a function to its optimizing compiler (on background threads) after little
// work, so a run of a second or two spends more CPU optimizing (and deoptimizing, as early type feedback changes)
// than the optimized code saves. About six times the default budget (INTERRUPT_BUDGET in src/batch/worker-limits.ts)
// cuts a cold `handout build`'s CPU by about a quarter, and many documents in one process build no slower (hot
// functions are still optimized, a little later). Worker threads share V8's flags; `handout build`'s worker sets it.
if (!prestart) v8.setFlagsFromString('--interrupt-budget=400000');

const { runCli } = await import(useBundle ? '../dist/bundle/cli.js' : '../dist/cli/main.js');

// `handout batch --json | head`: a closed pipe ends the output quietly, not with a stack trace
process.stdout.on('error', (e) => process.exit(e.code === 'EPIPE' ? 0 : 1));

const code = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  isTTY: Boolean(process.stderr.isTTY),
}).catch((e) => {
  process.stderr.write(`handout: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  return 3;
});
process.exitCode = code;
// Exit now: native work left behind by a document stopped at its time budget (an image decode in a
// terminated worker) must not keep the process running after the result was reported.
setImmediate(() => process.exit(code));
