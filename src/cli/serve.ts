/**
 * `handout serve`: the HTTP service for personalised handouts (see src/serve/). Runs until SIGTERM
 * or SIGINT, then stops accepting requests, finishes those in flight, stops the workers and exits 0.
 */
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { type Command, Option } from 'commander';
import type { TokenStore } from '../serve/tokens.js';
import { defaultJobs } from '../batch/batch.js';
import { packageDir } from '../package-dir.js';
import { readRegularFile } from '../io/read-regular.js';

/** Options of `handout serve` as commander gives them. */
export interface ServeCliOptions {
  host: string;
  port: string;
  workers?: string;
  content?: string;
  tokens?: string;
  auth: boolean;
  queue: string;
  timeBudget: string;
  translations: 'error' | 'fallback';
  bodyLimit: string;
}

/** What the serve command needs from the CLI. */
export interface ServeIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  /** A usage error (exit 2). */
  readonly usage: (message: string) => Error;
  /** Resolves when the process is asked to stop (SIGTERM/SIGINT); tests pass their own. */
  readonly stopSignal?: Promise<void>;
  readonly version: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function wholeNumber(value: string, flag: string, min: number, max: number, usage: (m: string) => Error): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw usage(`${flag} must be a whole number from ${min} to ${max}; got \`${value}\``);
  return n;
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

/** A token file larger than this is refused (a few thousand tokens fit in far less). */
const MAX_TOKEN_FILE_BYTES = 1024 * 1024;

const TOKEN_READ_PROBLEM = {
  'not-found': 'does not exist',
  'not-a-file': 'is not a file',
  'too-large': `is larger than ${MAX_TOKEN_FILE_BYTES} bytes`,
  unreadable: 'cannot be read',
} as const;

async function loadTokens(opts: ServeCliOptions, io: ServeIo): Promise<TokenStore | undefined> {
  const { TokenConfigError, TokenStore } = await import('../serve/tokens.js');
  try {
    if (opts.tokens) {
      const file = path.resolve(io.cwd, opts.tokens);
      // type and size checked on the open descriptor: a file swapped after a check cannot get past
      const read = readRegularFile(file, MAX_TOKEN_FILE_BYTES);
      if (!read.ok) throw io.usage(`--tokens: ${opts.tokens} ${TOKEN_READ_PROBLEM[read.reason]}`);
      return TokenStore.parse(read.data.toString('utf8'), opts.tokens);
    }
    const env = process.env['HANDOUT_SERVE_TOKENS'];
    return env ? TokenStore.parse(env, 'HANDOUT_SERVE_TOKENS') : undefined;
  } catch (e) {
    if (e instanceof TokenConfigError) throw io.usage(e.message);
    throw e;
  }
}

/** Runs the service until stopped; returns the exit code. */
export async function serve(opts: ServeCliOptions, io: ServeIo): Promise<number> {
  const port = wholeNumber(opts.port, '--port', 0, 65535, io.usage);
  const workers = opts.workers === undefined ? defaultJobs() : wholeNumber(opts.workers, '--workers', 1, 64, io.usage);
  const maxQueue = wholeNumber(opts.queue, '--queue', 0, 100000, io.usage);
  const timeBudget = wholeNumber(opts.timeBudget, '--time-budget', 1, 3600, io.usage);
  const bodyLimit = wholeNumber(opts.bodyLimit, '--body-limit', 1024, 10 * 1024 * 1024, io.usage);
  if (opts.host !== 'localhost' && isIP(opts.host) === 0) throw io.usage(`--host must be an IP address or localhost; got \`${opts.host}\``);
  const contentDir = path.resolve(
    io.cwd,
    opts.content ?? (existsSync(path.join(io.cwd, 'content')) ? 'content' : path.join(packageDir(), 'content')),
  );
  if (!existsSync(path.join(contentDir, 'guides'))) throw io.usage(`--content: ${contentDir} has no guides/ folder`);
  const tokens = opts.auth ? await loadTokens(opts, io) : undefined;
  if (!opts.auth && !LOOPBACK.has(opts.host))
    throw io.usage('--no-auth is allowed only with a loopback --host (127.0.0.1, ::1 or localhost)');
  if (opts.auth && !tokens) {
    throw io.usage('no tokens: give --tokens <file> or HANDOUT_SERVE_TOKENS (see the README), or --no-auth on a loopback host');
  }
  // loaded only for `handout serve`: other commands never pay for Fastify
  const { createServeApp } = await import('../serve/app.js');
  const { BuildPool } = await import('../serve/pool.js');
  const pool = new BuildPool({ workers, maxQueue, timeoutMs: timeBudget * 1000 });
  await pool.start();
  const app = createServeApp({
    contentDir,
    auth: tokens ?? 'none',
    pool,
    translations: opts.translations,
    bodyLimit,
    retryAfterSeconds: Math.max(1, Math.ceil(timeBudget / 10)),
    version: io.version,
  });
  const stop = io.stopSignal ?? signalled();
  try {
    await app.listen({ host: opts.host, port });
  } catch (e) {
    await pool.close();
    const code = (e as { code?: string }).code;
    io.stderr(`handout: cannot listen on ${opts.host}:${port} (${code ?? 'error'}); choose another --port\n`);
    return 1;
  }
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  io.stderr(
    `handout serve: listening on http://${shownHost}:${bound} (${workers} worker${workers === 1 ? '' : 's'}; auth ` +
      `${tokens ? `${tokens.size} token(s)` : 'off'})\n`,
  );
  void app.warmUp();
  await stop;
  io.stderr('handout serve: stopping (finishing requests in flight)\n');
  await app.close();
  await pool.close();
  return 0;
}

/** Adds `serve` to the program. */
export function registerServe(program: Command, io: ServeIo, setCode: (code: number) => void): void {
  program
    .command('serve')
    .description('HTTP service: personalised handouts on demand (POST /v1/handouts); see /openapi.json')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--port <n>', 'port (0: any free port)', '8080')
    .option('--workers <n>', 'build worker processes (default: number of cores)')
    .option('--content <dir>', 'content folder with guides/ and clinics/ (default: ./content, else the bundled samples)')
    .option('--tokens <file>', 'bearer tokens (YAML: tokens: [{ id, sha256, clinics }]); or HANDOUT_SERVE_TOKENS')
    .option('--no-auth', 'accept requests without a token (loopback --host only)')
    .option('--queue <n>', 'builds that may wait for a worker before requests get 429', '32')
    .option('--time-budget <seconds>', 'time one build may take before 504', '30')
    .option('--body-limit <bytes>', 'largest request body (413 above it)', '65536')
    .addOption(
      new Option('--translations <policy>', 'language the guide lacks but the clinic serves')
        .choices(['error', 'fallback'])
        .default('fallback'),
    )
    .action(async (opts: ServeCliOptions) => {
      setCode(await serve(opts, io));
    });
}
