#!/usr/bin/env node
// The `handout` command: runs the compiled CLI (npm install builds dist/ via the prepare script).
import { runCli } from '../dist/cli/main.js';

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
