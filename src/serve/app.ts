/* eslint-disable @typescript-eslint/require-await -- Fastify sends what an async route handler returns */
/**
 * The `handout serve` HTTP application (Fastify): personalised handouts built on demand by warm
 * workers. Personal health information (the `fill` values) is held in memory only: request bodies
 * are never logged (the logger redacts `fill` and the `Authorization` header besides), PDFs are
 * streamed from memory with `Cache-Control: no-store`, and error bodies carry positions and field
 * names, never values.
 */
import path from 'node:path';
import { textOrUndefined } from '../world.js';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { diagnosticIn, didYouMean, fileStart, type Diagnostic } from '../diagnostics.js';
import type { TranslationPolicy } from '../i18n/translation-status.js';
import { fillFieldsOf, languagesFor, readCatalog, type Catalog, type CatalogClinic } from './catalog.js';
import { openApiDocument } from './openapi.js';
import { BuildTimeoutError, MemoryLimitError, QueueFullError, type BuildPool } from './pool.js';
import { memoryLimitMessage } from '../batch/worker-limits.js';
import { problem, sendProblem } from './problem.js';
import { parseHandoutRequest, type HandoutRequest } from './request.js';
import { allowsClinic, type TokenGrant, type TokenStore } from './tokens.js';
import type { ServeJob } from './types.js';

/** Options of {@link createServeApp}. */
export interface ServeAppOptions {
  /** The content folder (`guides/`, `clinics/`). */
  readonly contentDir: string;
  /** Bearer tokens, or `none` (only allowed on a loopback address; the CLI checks). */
  readonly auth: TokenStore | 'none';
  /** The warm build workers. */
  readonly pool: BuildPool;
  /** A language the guide has no translation for but the clinic serves: built from the source with a notice, or refused. */
  readonly translations: TranslationPolicy;
  /** Largest request body in bytes. */
  readonly bodyLimit: number;
  /** Seconds a client should wait before retrying when the queue is full. */
  readonly retryAfterSeconds: number;
  /** Where structured logs go (default stdout); `false` for none. */
  readonly log?: { write(line: string): void } | false;
  /** The handoutkit version (reported by `/healthz`). */
  readonly version: string;
}

/** Paths that must never be logged with their values. */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'body',
  'fill',
  '*.fill',
  'request.body',
];

const FILL_RULES = new Set(['missing-fill-value', 'invalid-fill', 'unknown-fill-field']);
const TRANSLATION_RULES = new Set(['translation-stale', 'translation-missing']);

declare module 'fastify' {
  interface FastifyRequest {
    grant?: TokenGrant;
  }
}

/** Diagnostics as sent to clients: files relative to the content folder, nothing else of the server's disk. */
function publicDiagnostics(list: readonly Diagnostic[], contentDir: string): Diagnostic[] {
  return list.map((d) => {
    const rel = path.relative(contentDir, d.file);
    const file = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : path.basename(d.file);
    return diagnosticIn(d, file);
  });
}

/** Creates the application (not yet listening). */
export function createServeApp(options: ServeAppOptions): FastifyInstance {
  const app = Fastify({
    logger:
      options.log === false
        ? false
        : {
            level: 'info',
            redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
            ...(options.log ? { stream: options.log } : {}),
          },
    bodyLimit: options.bodyLimit,
    return503OnClosing: true,
  });
  let ready = false;
  let closing = false;
  const catalog = (): Catalog => readCatalog(options.contentDir);

  // Shutting down: answers still in flight close their connection, so the server does not wait out the
  // 72 s keep-alive of every client that sent one (Fastify closes only the connections idle when close began).
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async () => {
    if (closing) app.server.closeIdleConnections();
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413)
      return sendProblem(
        reply,
        problem(413, 'body-too-large', 'Request body too large', { detail: `the body is larger than ${options.bodyLimit} bytes` }),
      );
    if (status === 415) return sendProblem(reply, problem(415, 'unsupported-media-type', 'Send application/json'));
    if (status >= 400 && status < 500) {
      // a parser error may quote the body: send only its code
      return sendProblem(
        reply,
        problem(status, 'bad-request', 'The request could not be read', {
          detail: `the body is not valid JSON (${error.code ?? 'parse error'})`,
        }),
      );
    }
    req.log.error({ code: error.code }, 'unexpected error');
    return sendProblem(reply, problem(500, 'internal-error', 'Internal error'));
  });
  app.setNotFoundHandler((_req, reply) => sendProblem(reply, problem(404, 'not-found', 'No such resource')));

  const authenticate = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (options.auth === 'none') return undefined;
    const grant = options.auth.verify(req.headers.authorization);
    if (!grant) {
      reply.header('www-authenticate', 'Bearer realm="handoutkit"');
      return sendProblem(reply, problem(401, 'unauthorized', 'A valid bearer token is required'));
    }
    req.grant = grant;
    return undefined;
  };
  const visibleClinic = (req: FastifyRequest, c: CatalogClinic): boolean => !req.grant || allowsClinic(req.grant, c.id);

  app.get('/healthz', async () => ({ status: 'ok', version: options.version }));
  app.get('/readyz', async (_req, reply) =>
    ready ? { status: 'ready', workers: options.pool.workers } : sendProblem(reply, problem(503, 'not-ready', 'Workers are warming up')),
  );
  app.get('/openapi.json', async () => openApiDocument(options.version));

  app.get('/v1/guides', { preHandler: authenticate }, async () => {
    const c = catalog();
    return {
      guides: [...c.guides.values()].map((g) => ({
        id: g.id,
        languages: g.languages,
        fields: g.fields,
        templates: ['handout', 'checklist'],
        variants: { largePrint: true, fillable: true, paper: ['letter', 'a4'] },
      })),
    };
  });
  app.get('/v1/clinics', { preHandler: authenticate }, async (req) => {
    const c = catalog();
    return {
      clinics: [...c.clinics.values()]
        .filter((cl) => visibleClinic(req, cl))
        .map((cl) => ({ id: cl.id, name: cl.name, locales: cl.locales ?? null })),
    };
  });

  app.post('/v1/handouts', { preHandler: authenticate }, async (req, reply) => {
    const parsed = parseHandoutRequest(req.body);
    if (!parsed.ok)
      return sendProblem(reply, problem(400, 'invalid-request', 'The request body does not match the schema', { errors: parsed.problems }));
    const r: HandoutRequest = parsed.value;
    const c = catalog();
    const clinic = c.clinics.get(r.clinic);
    if (!clinic || !visibleClinic(req, clinic)) {
      if (clinic)
        return sendProblem(reply, problem(403, 'forbidden-clinic', 'This token may not request this clinic', { clinic: r.clinic }));
      return sendProblem(
        reply,
        problem(404, 'unknown-clinic', 'No such clinic', {
          clinic: r.clinic,
          detail: `unknown clinic \`${r.clinic}\`${didYouMean(r.clinic, [...c.clinics.keys()])}`,
        }),
      );
    }
    const guide = c.guides.get(r.guide);
    if (!guide)
      return sendProblem(
        reply,
        problem(404, 'unknown-guide', 'No such guide', {
          guide: r.guide,
          detail: `unknown guide \`${r.guide}\`${didYouMean(r.guide, [...c.guides.keys()])}`,
        }),
      );
    const langs = languagesFor(guide, clinic);
    if (!langs.includes(r.lang)) {
      return sendProblem(
        reply,
        problem(404, 'unknown-language', 'This guide is not available in this language', { lang: r.lang, available: langs }),
      );
    }
    const hasFile = guide.languages.includes(r.lang);
    const guideFile = path.join(guide.folder, `${r.lang}.md`);
    const builtFile = hasFile ? guideFile : path.join(guide.folder, `${guide.languages[0]}.md`);
    // fill-in fields: every field the built file uses must have a value; no unknown names
    const fields = fillFieldsOf(textOrUndefined(builtFile) ?? '');
    const fill = r.fill ?? {};
    const unknown = Object.keys(fill).filter((k) => !fields.includes(k));
    const missing = fields.filter((f) => !Object.prototype.hasOwnProperty.call(fill, f) || fill[f]!.trim() === '');
    if (unknown.length > 0 || missing.length > 0) {
      const detail = [
        ...missing.map((f) => `fill-in field \`${f}\` has no value`),
        ...unknown.map((f) => `the guide has no fill-in field \`${f}\`${didYouMean(f, fields)}`),
      ].join('; ');
      return sendProblem(reply, problem(422, 'fill-fields', 'Fill-in fields do not match the guide', { detail, missing, unknown, fields }));
    }
    const job: ServeJob = {
      guide: guideFile,
      clinic: clinic.file,
      ...(r.paper ? { paper: r.paper } : {}),
      ...(r.fillable ? { fillable: true } : {}),
      ...(r.template ? { template: r.template } : {}),
      ...(r.largePrint ? { largePrint: true } : {}),
      translations: options.translations,
      fill,
    };
    const started = performance.now();
    let result;
    try {
      result = await options.pool.run(job);
    } catch (e) {
      if (e instanceof QueueFullError) {
        reply.header('retry-after', String(options.retryAfterSeconds));
        return sendProblem(reply, problem(429, 'busy', 'Too many handouts are being built; retry later'));
      }
      if (e instanceof BuildTimeoutError) return sendProblem(reply, problem(504, 'build-timeout', 'The handout took too long to build'));
      if (e instanceof MemoryLimitError) {
        // its worker was stopped and replaced, as for a crash; the guide, not the request, is at fault: said as a build failure
        const d: Diagnostic = {
          ...fileStart(guideFile),
          severity: 'error',
          message: memoryLimitMessage(e.limitMb),
          ruleId: 'memory-limit',
        };
        req.log.warn({ guide: r.guide, clinic: r.clinic, lang: r.lang, status: 500 }, 'handout not built: worker memory limit');
        const diagnostics = publicDiagnostics([d], options.contentDir);
        return sendProblem(reply, problem(500, 'build-failed', 'The handout could not be built', { diagnostics }));
      }
      req.log.error({ kind: e instanceof Error ? e.name : 'error' }, 'build worker failed');
      return sendProblem(reply, problem(500, 'worker-failed', 'The build worker stopped; the request can be retried'));
    }
    const ms = Math.round(performance.now() - started);
    const diagnostics = publicDiagnostics(result.diagnostics, options.contentDir);
    if (!result.pdf) {
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const status = errors.some((d) => FILL_RULES.has(d.ruleId)) ? 422 : errors.some((d) => TRANSLATION_RULES.has(d.ruleId)) ? 409 : 500;
      req.log.warn({ guide: r.guide, clinic: r.clinic, lang: r.lang, ms, status }, 'handout not built');
      return sendProblem(reply, problem(status, 'build-failed', 'The handout could not be built', { diagnostics }));
    }
    req.log.info(
      { guide: r.guide, clinic: r.clinic, lang: r.lang, ms, pages: result.pages, bytes: result.pdf.byteLength },
      'handout built',
    );
    return reply
      .code(200)
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        `attachment; filename="${r.guide}.${r.lang}${r.template === 'checklist' ? '.checklist' : ''}${r.largePrint ? '.large' : ''}.pdf"`,
      )
      .header('x-handout-pages', String(result.pages))
      .header('x-handout-warnings', String(diagnostics.length))
      .send(Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength));
  });

  /** Warms every worker with one build of the first guide (no personal data), then reports ready. */
  app.decorate('warmUp', async () => {
    const c = catalog();
    const guide = [...c.guides.values()][0];
    const clinic = [...c.clinics.values()][0];
    if (guide && clinic) {
      const fill = Object.fromEntries(guide.fields.map((f) => [f, 'x'.repeat(8)]));
      options.pool.setWarmUpJob({
        guide: path.join(guide.folder, `${guide.languages[0]}.md`),
        clinic: clinic.file,
        translations: 'fallback',
        fill,
      });
      await options.pool.warmAll();
    }
    ready = true;
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Warms the build workers; `/readyz` answers ready afterwards. */
    warmUp(): Promise<void>;
  }
}
