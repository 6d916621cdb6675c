/**
 * `handout preview` end to end: the real command on a free port, driven in a
 * real headless Chromium (Debian's `chromium` through puppeteer-core) on a
 * temporary copy of the content. Skipped, saying so, where no browser exists.
 * `UPDATE=1` rewrites the README's screenshot (docs/preview.png).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { runCli } from '../../src/cli/main.js';
import { runHandout } from '../helpers/cli.js';
import { preview } from '../../src/cli/preview.js';
import { ensureDist } from '../robustness/ensure-dist.js';
import { ROOT, previewWorkspace, type PreviewWorkspace } from '../preview/helpers.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (p): p is string => !!p && existsSync(p),
);
const SKIP = CHROMIUM ? '' : ' (SKIPPED: no Chromium found at /usr/bin/chromium; install Debian `chromium`, or set CHROMIUM_PATH)';
if (!CHROMIUM) process.stdout.write(`handout preview browser test${SKIP}\n`);
const STEP_MS = 60_000;

/**
 * The 2 s budget from file save to the new text on screen, stretched by the
 * load factor on a machine busier than its cores (a shared runner); the test
 * prints the figures when it does.
 */
function latencyBudget(elapsed: number): number {
  const load = os.loadavg()[0]! / os.cpus().length;
  if (load <= 1) return 2000;
  process.stdout.write(
    `preview: edit shown after ${elapsed} ms; load ${load.toFixed(1)}× the cores, budget ${Math.round(2000 * load)} ms\n`,
  );
  return Math.round(2000 * load);
}

let ws: PreviewWorkspace;
let child: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let base = '';
let firstUrl = '';
const foreign: string[] = [];
const pageErrors: string[] = [];

/** Starts `handout preview … --port 0` and resolves with the URL it prints. */
function startCli(args: string[], cwd: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin/handout.js'), 'preview', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`handout preview printed no URL in 60 s: ${out} ${err}`)), 60_000);
    proc.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[0] });
      }
    });
    proc.stderr.on('data', (b: Buffer) => (err += b.toString()));
    proc.on('exit', (code) => reject(new Error(`handout preview exited (${code}): ${err}`)));
  });
}

/** Waits until the page shows a rendered PDF of a view matching `query` (a substring of the query). */
async function rendered(query = '', after?: string): Promise<void> {
  await page.waitForFunction(
    (q: string, prev: string | null) =>
      !!document.body.dataset.renderedVersion &&
      (document.body.dataset.renderedQuery ?? '').includes(q) &&
      (prev === null || `${document.body.dataset.renderedQuery}#${document.body.dataset.renderedVersion}` !== prev),
    { timeout: STEP_MS },
    query,
    after ?? null,
  );
}

/** How many text pieces of page 1 sit flush with its left and its right text edge (a right-to-left page: flush right). */
function flushSides(): Promise<{ flushLeft: number; flushRight: number }> {
  return page.evaluate(() => {
    const spans = [...document.querySelectorAll('#page-1 .textLayer span')]
      .map((s) => s.getBoundingClientRect())
      .filter((r) => r.width > 4);
    const left = Math.min(...spans.map((r) => r.left));
    const right = Math.max(...spans.map((r) => r.right));
    return { flushLeft: spans.filter((r) => r.left - left < 2).length, flushRight: spans.filter((r) => right - r.right < 2).length };
  });
}

const renderedKey = (): Promise<string> =>
  page.evaluate(() => `${document.body.dataset.renderedQuery}#${document.body.dataset.renderedVersion}`);
const pageText = (): Promise<string> =>
  page.evaluate(() => [...document.querySelectorAll('.textLayer')].map((t) => t.textContent).join('\n'));

/** The `handout build` bytes of `guide` (in-process CLI). */
async function cliBuild(guide: string): Promise<{ pdf: Buffer; pages: number }> {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'handout-preview-out-')), 'x.pdf');
  const { code, out: stdout } = await runHandout(['build', guide, '--clinic', ws.clinic, '-o', out], ws.dir);
  expect(code).toBe(0);
  return { pdf: readFileSync(out), pages: Number(/\((\d+) pages?\)/.exec(stdout)![1]) };
}

describe.skipIf(!CHROMIUM)(`handout preview in Chromium${SKIP}`, () => {
  beforeAll(async () => {
    await ensureDist();
    ws = previewWorkspace();
    const started = await startCli([ws.guide, '--clinic', ws.clinic, '--port', '0'], ws.dir);
    child = started.proc;
    firstUrl = started.url;
    base = new URL(firstUrl).origin + '/';
    browser = await puppeteer.launch({
      executablePath: CHROMIUM!,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
      protocolTimeout: 60_000,
    });
    page = await browser.newPage();
    await page.setBypassCSP(true); // lets the test inject axe-core; the page itself runs under the server's CSP
    await page.setViewport({ width: 1280, height: 900 });
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise<number | null>((r) => child!.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0); // stops cleanly on Ctrl+C / SIGTERM
    }
  });

  it('shows every page of the handout, with thumbnails, and fetches nothing from elsewhere', async () => {
    expect(firstUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?guide=first-ketamine-session&lang=en&clinic=example-community/);
    await page.goto(firstUrl);
    await rendered('lang=en');
    const expected = (await cliBuild(ws.guide)).pages;
    const counts = await page.evaluate(() => [
      document.querySelectorAll('#pages .page').length,
      document.querySelectorAll('#thumb-list button').length,
    ]);
    expect(counts).toEqual([expected, expected]);
    expect(await pageText()).toContain('Understanding');
    const sides = await flushSides(); // left to right: lines flush left
    expect(sides.flushLeft).toBeGreaterThan(3 * sides.flushRight);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
    if (process.env.UPDATE === '1') await page.screenshot({ path: path.join(ROOT, 'docs/preview.png') });
  });

  it('shows an edited heading within 2 s, on the same page as before', async () => {
    await page.evaluate(() => document.querySelector<HTMLButtonElement>('#thumb-list li:nth-child(3) button')!.click());
    const before = await page.evaluate(() => document.getElementById('pages')!.scrollTop);
    const prev = await renderedKey();
    const text = readFileSync(ws.guide, 'utf8');
    const started = Date.now();
    writeFileSync(ws.guide, text.replace('## Understanding Ketamine Therapy', '## Understanding Ketamine Zebrafinch'));
    await page.waitForFunction(() => [...document.querySelectorAll('.textLayer')].some((t) => t.textContent.includes('Zebrafinch')), {
      timeout: STEP_MS,
    });
    const elapsed = Date.now() - started;
    await rendered('', prev);
    expect(elapsed).toBeLessThan(latencyBudget(elapsed));
    const top = await page.evaluate(() => {
      const pages = document.getElementById('pages')!;
      const p3 = document.getElementById('page-3')!;
      return { scrollTop: pages.scrollTop, p3: p3.offsetTop };
    });
    expect(Math.abs(top.scrollTop - before)).toBeLessThan(5);
    expect(Math.abs(top.scrollTop - top.p3)).toBeLessThan(5);
  });

  it('shows an unknown variable as an error at its line above the stale pages, and clears it when fixed', async () => {
    const good = readFileSync(ws.guide, 'utf8');
    const lines = good.split('\n');
    const at = lines.findIndex((l) => l.startsWith('When you')) + 1;
    lines[at - 1] = `Call {{clinic.phnoe}} first. ${lines[at - 1]}`;
    writeFileSync(ws.guide, lines.join('\n'));
    await page.waitForFunction(() => !document.getElementById('error-banner')!.hidden, { timeout: STEP_MS });
    const shown = await page.evaluate(() => ({
      banner: document.getElementById('error-banner')!.textContent,
      items: [...document.querySelectorAll('#diagnostics li')].map((li) => li.textContent),
      stale: document.getElementById('pages')!.classList.contains('stale'),
      pages: document.querySelectorAll('#pages .page').length,
    }));
    expect(shown.banner).toMatch(/1 error/);
    expect(shown.items).toHaveLength(1);
    expect(shown.items[0]).toContain(`content/guides/first-ketamine-session/en.md:${at}:6`);
    expect(shown.items[0]).toContain('[unknown-variable]');
    expect(shown.items[0]).toContain('clinic.phnoe');
    expect(shown.stale).toBe(true);
    expect(shown.pages).toBeGreaterThan(0); // the last good pages stay
    expect(await page.$eval('#download', (a) => a.hasAttribute('href'))).toBe(false); // `handout build` would write nothing
    // the location is copied on click; the source line is shown under it
    await page.waitForFunction(() => !document.querySelector<HTMLElement>('#diagnostics .excerpt')!.hidden, { timeout: STEP_MS });
    expect(await page.$eval('#diagnostics .excerpt', (e) => e.textContent)).toContain('{{clinic.phnoe}}');
    expect(await page.$eval('#diagnostics a', (e) => e.getAttribute('href'))).toBe(`vscode://file${encodeURI(ws.guide)}:${at}:6`);
    await axeClean('with an error shown');
    writeFileSync(ws.guide, good);
    await page.waitForFunction(
      () => document.getElementById('error-banner')!.hidden && document.querySelectorAll('#diagnostics li').length === 0,
      { timeout: STEP_MS },
    );
    expect(await page.evaluate(() => document.getElementById('pages')!.classList.contains('stale'))).toBe(false);
  });

  it('switches to Arabic: the URL says so and the page is mirrored', async () => {
    await page.select('#lang', 'ar');
    await rendered('lang=ar');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('ar');
    const sides = await flushSides();
    expect(sides.flushRight).toBeGreaterThan(3 * sides.flushLeft);
    expect(await page.evaluate(() => document.body.dataset.renderedQuery)).toContain('lang=ar');
  });

  it('downloads exactly the bytes `handout build` writes', async () => {
    const href = await page.$eval('#download', (a) => (a as HTMLAnchorElement).href);
    const b64 = await page.evaluate(async (u: string) => {
      const buf = new Uint8Array(await (await fetch(u)).arrayBuffer());
      let s = '';
      for (const b of buf) s += String.fromCharCode(b);
      return btoa(s);
    }, href);
    const { pdf } = await cliBuild(ws.arabic);
    expect(Buffer.from(b64, 'base64').equals(pdf)).toBe(true);
  });

  it('passes axe-core with no violations', async () => {
    await axeClean('Arabic view');
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/** Injects axe-core and expects no violation. */
async function axeClean(label: string): Promise<void> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const r = await (
      window as unknown as { axe: { run: (c: Document) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }
    ).axe.run(document);
    return r.violations.map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(' ')}`,
    );
  });
  expect(violations, label).toEqual([]);
}

describe('handout preview: command line', () => {
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s), cwd: ROOT } };
  };

  it('prints its URL, serves until stopped, and exits 0', async () => {
    const { out, io: cli } = io();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const run = preview(undefined, { port: '0' }, cli, () => stopped);
    for (let i = 0; i < 200 && !out.stdout.includes('http://'); i++) await new Promise((r) => setTimeout(r, 25));
    const url = /http:\/\/127\.0\.0\.1:(\d+)\/\S*/.exec(out.stdout);
    expect(url?.[0]).toContain('?guide=before-session&lang=en'); // the first bundled guide by id
    const page = await fetch(url![0]);
    expect(page.status).toBe(200);
    stop();
    expect(await run).toBe(0);
    await expect(fetch(url![0])).rejects.toThrow(); // closed
  });

  it.each([
    [['nope.md'], 'no guide file `nope.md`'],
    [['--clinic', 'nope.yaml'], 'no clinic profile `nope.yaml`'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535'],
    [['--port', 'x'], '--port must be a whole number'],
  ])('refuses %j with exit 2', async (args, message) => {
    const { out, io: cli } = io();
    expect(await runCli(['preview', ...args], cli)).toBe(2);
    expect(out.stderr).toContain(message);
  });

  it('says so when an explicit port is in use', async () => {
    const { out, io: cli } = io();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      expect(await preview(undefined, { port: String(port) }, cli, () => Promise.resolve())).toBe(2);
      expect(out.stderr).toContain(`port ${port} is in use`);
    } finally {
      blocker.close();
    }
  });
});
