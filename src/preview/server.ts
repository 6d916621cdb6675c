/**
 * `handout preview`'s web server: node:http bound to 127.0.0.1, a fixed
 * table of routes, the page's own files and pdf.js from the package (nothing
 * from the internet), a JSON state and server-sent events per view, the last
 * good PDF, a download of exactly what `handout build` writes, and source
 * excerpts read only from the content, clinic, template and font folders.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildHandout } from '../build.js';
import { formatDiagnostic, sortDiagnostics } from '../diagnostics.js';
import { packageDir } from '../package-dir.js';
import { nodeWorld } from '../world.js';
import {
  PREVIEW_PAPERS,
  PREVIEW_TEMPLATES,
  listClinics,
  listGuides,
  previewContent,
  readableRoots,
  type PreviewContent,
} from './content.js';
import { checkHeaders, requestPath, type Refusal } from './guard.js';
import { LiveView, type LiveState } from './live.js';
import { translationNote } from './translation-note.js';
import {
  buildCommandOf,
  buildInputOf,
  resolveView,
  viewKey,
  viewQuery,
  type ResolvedView,
  type ViewProblem,
  type ViewSpec,
} from './view.js';

/** Options of {@link startPreview}. */
export interface PreviewOptions {
  /** The guide shown first (its content folder is the one browsed); default the bundled samples. */
  readonly guide?: string;
  /** The clinic profile shown first; default the bundled sample clinic. */
  readonly clinic?: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** The working folder (paths in diagnostics are shown relative to it). */
  readonly cwd: string;
}

/** A running preview. */
export interface PreviewServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly port: number;
  /** The query of the first view (for the printed URL). */
  readonly initialQuery: string;
  close(): Promise<void>;
}

/** Views kept alive without a subscriber. */
const IDLE_VIEWS = 4;
/** Largest source file shown in excerpts (bytes). */
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

interface StaticFile {
  readonly file: string;
  readonly type: string;
}

function staticFiles(): Map<string, StaticFile> {
  const page = path.join(packageDir(), 'preview');
  const pdfjsBuild = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist'));
  const pdfjsWeb = path.join(path.dirname(pdfjsBuild), 'web');
  const js = 'text/javascript; charset=utf-8';
  return new Map<string, StaticFile>([
    ['/', { file: path.join(page, 'index.html'), type: 'text/html; charset=utf-8' }],
    ['/app.js', { file: path.join(page, 'app.js'), type: js }],
    ['/style.css', { file: path.join(page, 'style.css'), type: 'text/css; charset=utf-8' }],
    ['/pdfjs/pdf.mjs', { file: path.join(pdfjsBuild, 'pdf.min.mjs'), type: js }],
    ['/pdfjs/pdf.worker.mjs', { file: path.join(pdfjsBuild, 'pdf.worker.min.mjs'), type: js }],
    ['/pdfjs/pdf_viewer.css', { file: path.join(pdfjsWeb, 'pdf_viewer.css'), type: 'text/css; charset=utf-8' }],
  ]);
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data: blob:; " +
    "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...extra });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function refuse(res: ServerResponse, r: Refusal): void {
  send(res, r.status, 'text/plain; charset=utf-8', `${r.message}\n`);
}

function isProblem(v: ResolvedView | ViewProblem): v is ViewProblem {
  return 'message' in v;
}

/** Starts the preview server; resolves when it listens. */
export async function startPreview(opts: PreviewOptions): Promise<PreviewServer> {
  const content = previewContent(
    opts.guide ? path.resolve(opts.cwd, opts.guide) : undefined,
    opts.clinic ? path.resolve(opts.cwd, opts.clinic) : undefined,
  );
  const guides = listGuides(content);
  const first = opts.guide ? path.resolve(opts.cwd, opts.guide) : undefined;
  const defaults: ViewSpec = {
    guide: first ? path.basename(path.dirname(first)) : (guides[0]?.id ?? ''),
    lang: first ? path.basename(first, '.md') : 'en',
    clinic: content.defaultClinic.id,
    template: PREVIEW_TEMPLATES[0]!.id,
    paper: 'clinic',
    fillable: false,
  };
  const files = staticFiles();
  const views = new Map<string, LiveView>();
  const streams = new Set<ServerResponse>();
  let port = 0;

  const liveView = (v: ResolvedView): LiveView => {
    const key = viewKey(v.spec);
    let live = views.get(key);
    if (live) {
      views.delete(key); // most recently used last
      views.set(key, live);
      return live;
    }
    live = new LiveView(v, opts.cwd, async () => {
      const again = await resolveView(new URLSearchParams(viewQuery(v.spec)), content, defaults);
      return isProblem(again) || viewKey(again.spec) !== key ? undefined : again;
    });
    views.set(key, live);
    const idle = [...views.entries()].filter(([, l]) => l.subscribers === 0);
    for (const [k, l] of idle.slice(0, Math.max(0, idle.length - IDLE_VIEWS))) {
      l.dispose();
      views.delete(k);
    }
    return live;
  };

  const stateOf = async (live: LiveView, s: LiveState = live.state()): Promise<unknown> => {
    const again = await resolveView(new URLSearchParams(viewQuery(live.resolved.spec)), content, defaults);
    const v = isProblem(again) ? live.resolved : again;
    return {
      view: v.spec,
      query: viewQuery(v.spec),
      choices: {
        guides: listGuides(content).map((g) => g.id),
        languages: v.languages.map((l) => ({ lang: l.lang, state: l.state })),
        clinics: listClinics(content).map((c) => c.id),
        templates: PREVIEW_TEMPLATES.map((t) => ({ id: t.id, label: t.label })),
        papers: PREVIEW_PAPERS,
      },
      translation: { lang: v.translation.lang, state: v.translation.state, note: translationNote(v.translation) },
      command: buildCommandOf(v, opts.cwd),
      live: s,
    };
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, q: URLSearchParams) => Promise<void>> = {
    '/api/state': async (_req, res, q) => {
      const v = await resolveView(q, content, defaults);
      if (isProblem(v)) return refuse(res, { status: 400, message: v.message });
      const live = liveView(v);
      await live.ready;
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify(await stateOf(live)));
    },
    '/api/events': async (req, res, q) => {
      const v = await resolveView(q, content, defaults);
      if (isProblem(v)) return refuse(res, { status: 400, message: v.message });
      const live = liveView(v);
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
      streams.add(res);
      let chain = Promise.resolve();
      const push = (s: LiveState): void => {
        chain = chain.then(async () => {
          const body = JSON.stringify(await stateOf(live, s));
          if (!res.writableEnded) res.write(`event: state\ndata: ${body}\n\n`);
        });
      };
      const unsubscribe = live.subscribe(push);
      push(live.state());
      const ping = setInterval(() => res.write(': ping\n\n'), 20_000);
      req.on('close', () => {
        clearInterval(ping);
        unsubscribe();
        streams.delete(res);
      });
    },
    '/api/pdf': async (_req, res, q) => {
      const v = await resolveView(q, content, defaults);
      if (isProblem(v)) return refuse(res, { status: 400, message: v.message });
      const live = liveView(v);
      await live.ready;
      const pdf = live.pdf();
      if (!pdf) return refuse(res, { status: 404, message: 'no good build of this view yet' });
      send(res, 200, 'application/pdf', pdf.bytes, { 'x-pdf-version': String(pdf.version) });
    },
    '/api/download': async (_req, res, q) => {
      const v = await resolveView(q, content, defaults);
      if (isProblem(v)) return refuse(res, { status: 400, message: v.message });
      // exactly what `handout build` writes: a fresh build of the files on disk, without placeholders
      const result = await buildHandout(buildInputOf(v));
      if (!result.pdf) {
        const text = sortDiagnostics(result.diagnostics)
          .filter((d) => d.severity === 'error')
          .map(formatDiagnostic)
          .join('\n');
        return refuse(res, { status: 409, message: `handout build would write no PDF:\n${text}` });
      }
      const name = `${result.meta?.id ?? v.guide.id}.${result.outputLang ?? result.meta?.lang ?? v.spec.lang}.pdf`;
      send(res, 200, 'application/pdf', result.pdf, { 'content-disposition': `attachment; filename="${name}"` });
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- every route handler has the same async signature
    '/api/source': async (_req, res, q) => {
      const file = q.get('file') ?? '';
      const r = readSource(file, content);
      if (!r.ok) return refuse(res, { status: 403, message: r.message });
      send(res, 200, 'text/plain; charset=utf-8', r.text);
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const bad = checkHeaders(req.headers, port);
    if (bad) return refuse(res, bad);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, { status: 405, message: 'only GET and HEAD' });
    const target = requestPath(req.url ?? '');
    if ('status' in target) return refuse(res, target);
    const file = files.get(target.path);
    if (file) return send(res, 200, file.type, readFileSync(file.file)); // the page's own bundled assets (a fixed list), not user input
    const route = Object.hasOwn(routes, target.path) ? routes[target.path] : undefined;
    if (!route) return refuse(res, { status: 404, message: 'not found' });
    await route(req, res, target.query);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) refuse(res, { status: 500, message: `internal error: ${e instanceof Error ? e.message : String(e)}` });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : opts.port;
  const initialQuery = defaults.guide ? viewQuery(defaults) : '';
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    initialQuery,
    close: async () => {
      for (const l of views.values()) l.dispose();
      views.clear();
      for (const s of streams) s.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reads a text file for the page's excerpts, only from inside the content, clinic, template and font folders. */
export function readSource(file: string, content: PreviewContent): { ok: true; text: string } | { ok: false; message: string } {
  if (file === '') return { ok: false, message: 'no file named' };
  const ref = path.isAbsolute(file) ? path.relative(content.root, file) : file;
  const r = nodeWorld.read(ref, content.root, readableRoots(content), MAX_SOURCE_BYTES);
  if (!r.ok)
    return {
      ok: false,
      message: r.reason === 'not-found' ? 'file not found' : 'only files inside the content, clinic, template and font folders can be read',
    };
  return { ok: true, text: r.data.toString('utf8') };
}
