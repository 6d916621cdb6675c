/**
 * `handout serve` end to end: the real CLI on a loopback port, real HTTP requests, real worker
 * processes. Covers personalised builds and PHI hygiene, every error status, auth and scopes, a
 * worker killed mid-request, SIGTERM with requests in flight, and byte-identical responses.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/serve/tokens.js';
import { missingToolReason, pdftotext } from '../helpers/poppler.js';
import { requestHandout, startServer, type TestServer } from './server.js';

const PATIENT = 'Zebulon Quixote-Marchetti';
const WHEN = 'Thursday 14 January at 09:45';
const visit = { guide: 'visit-plan', clinic: 'example-community', lang: 'en', fill: { patientName: PATIENT, appointment: WHEN } };

/** Child processes of a process (its workers), from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid ? [Number(d)] : [];
      } catch {
        return [];
      }
    });
}

/** Every file under a folder, with its bytes. */
function filesUnder(dir: string): { file: string; data: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => statSync(f).size < 50_000_000)
    .map((file) => ({ file, data: readFileSync(file) }));
}

function utf16be(s: string): Buffer {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

describe('handout serve without auth (loopback)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(['--no-auth', '--workers', '1', '--queue', '0', '--time-budget', '60', '--body-limit', '4096']);
  }, 120_000);
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  }, 60_000);

  it('builds a personalised handout whose pages show the values, and nothing else holds them', async () => {
    const r = await requestHandout(server, visit);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="visit-plan.en.pdf"');
    const pdf = Buffer.from(await r.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const reason = missingToolReason('pdftotext');
    if (reason === null) {
      const text = pdftotext(pdf).replace(/\s+/g, ' ');
      expect(text).toContain(PATIENT);
      expect(text).toContain(WHEN);
    }
    // the page text is drawn from glyph ids: the value as text (UTF-8 or UTF-16) never appears in the file,
    // so it is in no metadata, outline, destination or annotation
    for (const v of [PATIENT, WHEN, 'Zebulon']) {
      expect(pdf.includes(Buffer.from(v, 'utf8'))).toBe(false);
      expect(pdf.includes(utf16be(v))).toBe(false);
      expect(pdf.toString('latin1').toLowerCase()).not.toContain('zebulon');
    }
    // neither the logs nor any file the server could have written hold a value
    await new Promise((res) => setTimeout(res, 200));
    const logs = server.logs();
    expect(logs).toContain('handout built');
    expect(logs).not.toContain('Zebulon');
    expect(logs).not.toContain('09:45');
    for (const dir of [server.tmp, server.content]) {
      for (const { file, data } of filesUnder(dir)) expect(data.includes(Buffer.from('Zebulon')), file).toBe(false);
    }
  });

  it('builds the checklist and large-print editions', async () => {
    const checklist = await requestHandout(server, {
      guide: 'first-ketamine-session',
      clinic: 'example-community',
      lang: 'en',
      template: 'checklist',
    });
    expect(checklist.status).toBe(200);
    expect(checklist.headers.get('content-disposition')).toBe('attachment; filename="first-ketamine-session.en.checklist.pdf"');
    const large = await requestHandout(server, { ...visit, largePrint: true });
    expect(large.status).toBe(200);
    expect(large.headers.get('content-disposition')).toBe('attachment; filename="visit-plan.en.large.pdf"');
    expect(Number(large.headers.get('x-handout-pages'))).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('answers the same request with the same bytes', async () => {
    const a = Buffer.from(await (await requestHandout(server, visit)).arrayBuffer());
    const b = Buffer.from(await (await requestHandout(server, visit)).arrayBuffer());
    expect(createHash('sha256').update(a).digest('hex')).toBe(createHash('sha256').update(b).digest('hex'));
  });

  it('lists guides with languages and fields, and clinics', async () => {
    const guides = (await (await fetch(`${server.url}/v1/guides`)).json()) as {
      guides: { id: string; fields: string[]; languages: string[] }[];
    };
    const plan = guides.guides.find((g) => g.id === 'visit-plan')!;
    expect(plan.fields).toEqual(['appointment', 'patientName']);
    expect(guides.guides.find((g) => g.id === 'first-ketamine-session')!.languages).toContain('es');
    const clinics = (await (await fetch(`${server.url}/v1/clinics`)).json()) as { clinics: { id: string }[] };
    expect(clinics.clinics.map((c) => c.id)).toEqual(['example-community', 'other-clinic']);
  });

  it('serves liveness, readiness and an OpenAPI 3.1 document', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: object }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/handouts', '/v1/guides', '/v1/clinics', '/healthz', '/readyz']));
    expect(Object.keys(doc.components.schemas['HandoutRequest']!.properties!)).toEqual(
      expect.arrayContaining(['guide', 'clinic', 'lang', 'template', 'largePrint', 'paper', 'fillable', 'fill']),
    );
  });

  it('answers bad requests with problem+json and never echoes fill values', async () => {
    const cases: [unknown, number, string][] = [
      [{ ...visit, extra: true }, 400, 'invalid-request'],
      [{ ...visit, lang: 'not a tag' }, 400, 'invalid-request'],
      [{ ...visit, fill: { patientName: 42 } }, 400, 'invalid-request'],
      ['{"guide": ', 400, 'bad-request'],
      [{ ...visit, guide: 'no-such-guide' }, 404, 'unknown-guide'],
      [{ ...visit, clinic: 'no-such-clinic' }, 404, 'unknown-clinic'],
      [{ ...visit, lang: 'fr' }, 404, 'unknown-language'],
      [{ ...visit, fill: { patientName: PATIENT } }, 422, 'fill-fields'],
      [{ ...visit, fill: { ...visit.fill, patientNmae: PATIENT } }, 422, 'fill-fields'],
      [{ ...visit, fill: { patientName: 'x'.repeat(5000), appointment: WHEN } }, 413, 'body-too-large'],
    ];
    for (const [body, status, kind] of cases) {
      const r = await requestHandout(server, body);
      const text = await r.text();
      expect([r.status, kind], text).toEqual([status, kind]);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(text)).toMatchObject({ type: `urn:handoutkit:problem:${kind}`, status });
      expect(text).not.toContain('Zebulon');
    }
    const missing = (await (await requestHandout(server, { ...visit, fill: { patientName: PATIENT } })).json()) as {
      missing: string[];
      detail: string;
    };
    expect(missing.missing).toEqual(['appointment']);
    expect(missing.detail).toContain('`appointment`');
    const typo = (await (await requestHandout(server, { ...visit, fill: { ...visit.fill, patientNmae: 'a' } })).json()) as {
      detail: string;
    };
    expect(typo.detail).toContain('did you mean `patientName`');
  });

  it('refuses a request beyond the queue with 429 and Retry-After', async () => {
    const heavy = requestHandout(server, { guide: 'heavy', clinic: 'example-community', lang: 'en' });
    await new Promise((res) => setTimeout(res, 150));
    const refused = await requestHandout(server, visit);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await heavy).status).toBe(200);
  }, 120_000);

  it('fails a request whose worker is killed with 500, and serves the next one', async () => {
    const heavy = requestHandout(server, { guide: 'heavy', clinic: 'example-community', lang: 'en' });
    await new Promise((res) => setTimeout(res, 400));
    const workers = childrenOf(server.proc.pid!);
    expect(workers.length).toBeGreaterThan(0);
    for (const pid of workers) process.kill(pid, 'SIGKILL');
    const r = await heavy;
    expect(r.status).toBe(500);
    expect(((await r.json()) as { type: string }).type).toBe('urn:handoutkit:problem:worker-failed');
    const next = await requestHandout(server, visit);
    expect(next.status).toBe(200);
  }, 120_000);
});

describe('handout serve with a time budget', () => {
  it('answers 504 when a build runs past its budget, and keeps serving', async () => {
    const server = await startServer(['--no-auth', '--workers', '1', '--time-budget', '1']);
    try {
      const r = await requestHandout(server, { guide: 'heavy', clinic: 'example-community', lang: 'en' });
      expect(r.status).toBe(504);
      const next = await requestHandout(server, visit);
      expect(next.status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 180_000);
});

describe('handout serve with tokens', () => {
  const full = 'tok-full-0123456789abcdef';
  const scoped = 'tok-scoped-0123456789abcdef';
  let server: TestServer;
  beforeAll(async () => {
    const tokens = {
      tokens: [
        { id: 'portal', sha256: hashToken(full), clinics: ['*'] },
        { id: 'other-only', sha256: hashToken(scoped), clinics: ['other-clinic'] },
      ],
    };
    server = await startServer(['--workers', '2'], { HANDOUT_SERVE_TOKENS: JSON.stringify(tokens) });
  }, 120_000);

  it('requires a valid bearer token and keeps each token to its clinics', async () => {
    expect((await requestHandout(server, visit)).status).toBe(401);
    expect((await requestHandout(server, visit, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await fetch(`${server.url}/v1/guides`)).status).toBe(401);
    expect((await requestHandout(server, visit, { authorization: `Bearer ${full}` })).status).toBe(200);
    const denied = await requestHandout(server, visit, { authorization: `Bearer ${scoped}` });
    expect(denied.status).toBe(403);
    expect((await requestHandout(server, { ...visit, clinic: 'other-clinic' }, { authorization: `Bearer ${scoped}` })).status).toBe(200);
    const clinics = (await (await fetch(`${server.url}/v1/clinics`, { headers: { authorization: `Bearer ${scoped}` } })).json()) as {
      clinics: { id: string }[];
    };
    expect(clinics.clinics.map((c) => c.id)).toEqual(['other-clinic']);
    // health endpoints stay open for load balancers
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.logs()).not.toContain(full);
  });

  it('finishes requests in flight on SIGTERM, then exits 0', async () => {
    const auth = { authorization: `Bearer ${full}` };
    const inflight = [
      requestHandout(server, { guide: 'first-ketamine-session', clinic: 'example-community', lang: 'es' }, auth),
      requestHandout(server, visit, auth),
      requestHandout(server, { ...visit, clinic: 'other-clinic' }, auth),
    ];
    await new Promise((res) => setTimeout(res, 100));
    const code = server.stop();
    const answers = await Promise.all(inflight);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    // answers sent while stopping close their connection, so the exit does not wait out a client's keep-alive
    expect(answers.map((r) => r.headers.get('connection'))).toEqual(['close', 'close', 'close']);
    const answered = Date.now();
    expect(await code).toBe(0);
    expect(Date.now() - answered).toBeLessThan(30_000);
    expect(server.logs()).toContain('stopping');
  }, 120_000);
});

describe('handout serve usage errors', () => {
  it('refuses --no-auth on a non-loopback address and a bad token file', async () => {
    const { spawnSync } = await import('node:child_process');
    const bin = path.resolve(import.meta.dirname, '../../bin/handout.js');
    const a = spawnSync(process.execPath, [bin, 'serve', '--host', '0.0.0.0', '--no-auth'], { encoding: 'utf8', timeout: 30_000 });
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('--no-auth is allowed only with a loopback --host');
    const file = path.join(import.meta.dirname, '__output__', 'bad-tokens.yaml');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'tokens:\n  - id: x\n    sha256: not-a-hash\n    clinics: ["*"]\n');
    const b = spawnSync(process.execPath, [bin, 'serve', '--tokens', file], { encoding: 'utf8', timeout: 30_000 });
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('tokens[0].sha256');
    const folder = spawnSync(process.execPath, [bin, 'serve', '--tokens', path.dirname(file)], { encoding: 'utf8', timeout: 30_000 });
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('is not a file');
    const c = spawnSync(process.execPath, [bin, 'serve'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, HANDOUT_SERVE_TOKENS: '' },
    });
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('no tokens');
  }, 60_000);
});
