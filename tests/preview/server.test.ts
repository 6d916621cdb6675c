/**
 * The preview server refuses what it must: path traversal in every spelling,
 * foreign Host headers (DNS rebinding) and cross-site requests, and files
 * outside the content, clinic, template and font folders. No build is needed
 * for these, so none runs.
 */
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/server.js';
import { checkHeaders, requestPath } from '../../src/preview/guard.js';
import { ROOT, previewWorkspace, rawGet, type PreviewWorkspace } from './helpers.js';

let ws: PreviewWorkspace;
let server: PreviewServer;

beforeAll(async () => {
  ws = previewWorkspace();
  symlinkSync('/etc/passwd', path.join(path.dirname(ws.guide), 'passwd-link.md'));
  server = await startPreview({ guide: ws.guide, clinic: ws.clinic, port: 0, cwd: ws.dir });
});

afterAll(async () => {
  await server?.close();
});

const PASSWD = /root:.*:0:0:/;
const PACKAGE = readFileSync(path.join(ROOT, 'package.json'), 'utf8').slice(0, 60);

describe('preview server: requests refused', () => {
  it('listens on 127.0.0.1 only and serves the page to its own Host names', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`]) {
      const r = await rawGet(server.port, '/', { host });
      expect(r.status, host).toBe(200);
      expect(r.body.toString()).toContain('handout preview');
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it.each([
    '/..%2f..%2fetc/passwd',
    '/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/../../../../etc/passwd',
    '/pdfjs/../../../../etc/passwd',
    '/pdfjs/..%2f..%2fpackage.json',
    '/pdfjs/%2e%2e/%2e%2e/package.json',
    '/..\\..\\..\\etc\\passwd',
    '/%2e%2e%5c%2e%2e%5cetc%5cpasswd',
    '/app.js%00.html',
    '//etc/passwd',
    '/api/source/..%2f..%2f..%2fetc%2fpasswd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '/package.json',
    '/node_modules/pdfjs-dist/package.json',
  ])('refuses %s', async (target) => {
    const r = await rawGet(server.port, target);
    expect([400, 404]).toContain(r.status);
    expect(r.body.toString()).not.toMatch(PASSWD);
    expect(r.body.toString()).not.toContain(PACKAGE);
  });

  it.each([
    'evil.example',
    'evil.example:80',
    `attacker.test:${'PORT'}`,
    '127.0.0.1',
    '127.0.0.1:1',
    `localhost.evil.example:PORT`,
    '[::1]:PORT',
    '',
  ])('refuses the Host header %j (DNS rebinding)', async (host) => {
    const r = await rawGet(server.port, '/', { host: host.replace('PORT', String(server.port)) });
    expect(r.status).toBe(host === '' ? 400 : 403); // Node refuses an HTTP/1.1 request without Host itself
    expect(r.body.toString()).not.toContain('<html');
  });

  it('refuses cross-site requests and methods other than GET and HEAD', async () => {
    expect((await rawGet(server.port, '/api/state', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await rawGet(server.port, '/', {}, 'POST')).status).toBe(405);
    expect((await rawGet(server.port, '/nope')).status).toBe(404);
  });

  it('reads files only inside the content, clinic, template and font folders', async () => {
    const src = (file: string) => rawGet(server.port, `/api/source?file=${encodeURIComponent(file)}`);
    const outside = [
      '/etc/passwd',
      '../../../../../../etc/passwd',
      'guides/../../../../../../etc/passwd',
      path.join(ROOT, 'package.json'),
      path.join(ROOT, 'src/build.ts'),
      path.join(ws.dir, 'content/../secret.txt'),
      'guides/first-ketamine-session/passwd-link.md', // a symlink out of the content folder
      'file:///etc/passwd',
      'http://127.0.0.1/',
    ];
    for (const f of outside) {
      const r = await src(f);
      expect(r.status, f).toBe(403);
      expect(r.body.toString(), f).not.toMatch(PASSWD);
    }
    const guide = await src(ws.guide);
    expect(guide.status).toBe(200);
    expect(guide.body.toString()).toBe(readFileSync(ws.guide, 'utf8'));
    expect((await src('clinics/example-community/clinic.yaml')).status).toBe(200);
    expect((await src(path.join(ROOT, 'templates/handout.hbs'))).status).toBe(200);
  });

  it('names views by id, never by path', async () => {
    for (const q of ['guide=../../etc', 'clinic=..%2F..%2Fetc%2Fpasswd', 'template=../x', 'paper=b5']) {
      const r = await rawGet(server.port, `/api/state?${q}`);
      expect(r.status, q).toBe(400);
    }
  });
});

describe('request guards', () => {
  it('decodes safe paths and refuses dot segments and encoded separators', () => {
    expect(requestPath('/app.js?x=1')).toMatchObject({ path: '/app.js' });
    expect(requestPath('/a%20b')).toMatchObject({ path: '/a b' });
    for (const t of ['/..', '/a/../b', '/a/%2e%2e/b', '/a%2fb', '/a%5Cb', '/a\\b', '/%00', '/%E0%A4%A', 'http://x/', '//x']) {
      expect(requestPath(t), t).toHaveProperty('status', 400);
    }
  });

  it('accepts only the server own Host names', () => {
    expect(checkHeaders({ host: '127.0.0.1:4780' }, 4780)).toBeUndefined();
    expect(checkHeaders({ host: 'localhost:4780' }, 4780)).toBeUndefined();
    expect(checkHeaders({ host: 'localhost:4781' }, 4780)?.status).toBe(403);
    expect(checkHeaders({}, 4780)?.status).toBe(403);
  });
});
