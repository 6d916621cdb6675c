/**
 * Starts the real `handout serve` CLI (bin/handout.js, compiled dist/) on a free loopback port with
 * a temporary content folder, and stops it. Every log line and the server's temp folder are kept
 * for PHI checks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A running server. */
export interface TestServer {
  readonly url: string;
  readonly proc: ChildProcess;
  /** stdout (structured logs) and stderr so far. */
  readonly logs: () => string;
  /** The content folder it serves. */
  readonly content: string;
  /** TMPDIR of the server process. */
  readonly tmp: string;
  /** Sends SIGTERM and resolves with the exit code. */
  readonly stop: () => Promise<number | null>;
}

/** A guide with two personalised fields. */
export const VISIT_PLAN = `---
id: visit-plan
title: "Your visit plan"
lang: en
version: 1
reviewed: 2026-10-01
---

## Your appointment

This plan is for {{fill.patientName}}. Your appointment is on {{fill.appointment}}.

- [ ] Bring a support person.
- [ ] Do not eat for 4 hours before.

Call us at {{clinic.contact.phone}} if you have questions.
`;

/** A guide long enough to keep a worker busy for a while. */
export function heavyGuide(paragraphs: number): string {
  const para = 'Ketamine sessions are calm and supervised; we check your blood pressure, stay with you, and plan your ride home. ';
  const body = Array.from({ length: paragraphs }, (_, i) => `## Section ${i + 1}\n\n${para.repeat(6)}\n`).join('\n');
  return `---\nid: heavy\ntitle: "Heavy"\nlang: en\nversion: 1\n---\n\n${body}`;
}

/** A content folder with the sample guide, the visit plan, a heavy guide and two clinics. */
export function makeContent(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'serve-content-'));
  cpSync(path.join(ROOT, 'content/guides/first-ketamine-session'), path.join(dir, 'guides/first-ketamine-session'), { recursive: true });
  mkdirSync(path.join(dir, 'guides/visit-plan'), { recursive: true });
  writeFileSync(path.join(dir, 'guides/visit-plan/en.md'), VISIT_PLAN);
  mkdirSync(path.join(dir, 'guides/heavy'), { recursive: true });
  writeFileSync(path.join(dir, 'guides/heavy/en.md'), heavyGuide(1400)); // about 440 pages: seconds even in a warm worker
  cpSync(path.join(ROOT, 'content/clinics/example-community'), path.join(dir, 'clinics/example-community'), { recursive: true });
  cpSync(path.join(ROOT, 'content/clinics/example-community'), path.join(dir, 'clinics/other-clinic'), { recursive: true });
  return dir;
}

/** Starts the server with extra CLI arguments; resolves once it is ready (workers warm). */
export async function startServer(args: readonly string[], env: Record<string, string> = {}, content = makeContent()): Promise<TestServer> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'serve-tmp-'));
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin/handout.js'), 'serve', '--port', '0', '--content', content, ...args], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: tmp, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
  proc.stderr.on('data', (b: Buffer) => (out += b.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const look = (): void => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout.on('data', look);
    proc.stderr.on('data', look);
    void exited.then(() => reject(new Error(`server exited:\n${out}`)));
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const r = await fetch(`${url}/readyz`).catch(() => undefined);
    if (r?.status === 200) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  return {
    url,
    proc,
    content,
    tmp,
    logs: () => out,
    stop: async () => {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

/** POSTs a handout request. */
export function requestHandout(server: TestServer, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/v1/handouts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
