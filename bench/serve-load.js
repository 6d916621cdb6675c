// Load test of `handout serve` with autocannon, bounded in time and only against 127.0.0.1.
// Starts the real CLI (2 warm workers, queue 16) on a free loopback port with a temporary content
// folder, then drives POST /v1/handouts (a personalised guide) at 8 and 64 concurrent connections.
// Prints throughput (handouts/s), p50/p99 latency and the status codes seen.
// Env: SERVE_BENCH_SECONDS (default 10 per level), SERVE_BENCH_WORKERS (default 2), SERVE_BENCH_QUEUE (default 16).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.SERVE_BENCH_SECONDS ?? 10);
const workers = Number(process.env.SERVE_BENCH_WORKERS ?? 2);
const queue = Number(process.env.SERVE_BENCH_QUEUE ?? 16);

const content = mkdtempSync(path.join(os.tmpdir(), 'serve-bench-'));
cpSync(path.join(root, 'content/clinics/example-community'), path.join(content, 'clinics/example-community'), { recursive: true });
mkdirSync(path.join(content, 'guides/visit-plan'), { recursive: true });
writeFileSync(
  path.join(content, 'guides/visit-plan/en.md'),
  `---\nid: visit-plan\ntitle: "Your visit plan"\nlang: en\nversion: 1\nreviewed: 2026-10-01\n---\n\n## Your appointment\n\n` +
    `This plan is for {{fill.patientName}}. Your appointment is on {{fill.appointment}}.\n\n` +
    `- [ ] Bring a support person.\n- [ ] Do not eat for 4 hours before.\n- [ ] Arrange a ride home.\n\n` +
    `Call us at {{clinic.contact.phone}} if you have questions.\n`,
);

const proc = spawn(
  process.execPath,
  [
    path.join(root, 'bin/handout.js'),
    'serve',
    '--no-auth',
    '--port',
    '0',
    '--content',
    content,
    '--workers',
    String(workers),
    '--queue',
    String(queue),
  ],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
let err = '';
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60_000);
  proc.stderr.on('data', (b) => {
    err += b;
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
});
for (let i = 0; i < 600; i++) {
  const r = await fetch(`${url}/readyz`).catch(() => undefined);
  if (r?.status === 200) break;
  await new Promise((res) => setTimeout(res, 100));
}
const body = JSON.stringify({
  guide: 'visit-plan',
  clinic: 'example-community',
  lang: 'en',
  fill: { patientName: 'Ana Ruiz', appointment: 'Monday 9:00' },
});
const run = (connections) =>
  autocannon({
    url: `${url}/v1/handouts`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: seconds,
    timeout: 60,
  });
// warm the request path once
await run(2).catch(() => undefined);
console.log(
  `handout serve load (${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, Node ${process.version}); ${workers} workers, queue ${queue}, ${seconds} s per level`,
);
console.log('connections  handouts/s  p50 ms  p99 ms  statuses');
for (const connections of [8, 64]) {
  const r = await run(connections);
  const statuses = Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}×${s.count}`)
    .join(' ');
  const ok = r['2xx'] ?? 0;
  const others = Object.entries(r.statusCodeStats ?? {})
    .filter(([c]) => c !== '200' && c !== '429')
    .reduce((n, [, s]) => n + s.count, 0);
  console.log(
    `${String(connections).padStart(11)}  ${(ok / seconds).toFixed(1).padStart(10)}  ${String(r.latency.p50).padStart(6)}  ${String(r.latency.p99).padStart(6)}  ${statuses}${r.errors ? ` errors×${r.errors}` : ''}${others ? '  (unexpected statuses!)' : ''}`,
  );
}
proc.kill('SIGTERM');
await new Promise((res) => proc.on('exit', res));
rmSync(content, { recursive: true, force: true });
