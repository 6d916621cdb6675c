/**
 * `handout preview [<guide.md>] [--clinic <clinic.yaml>] [--port N] [--open]`:
 * a live preview in the browser, served on 127.0.0.1 until interrupted.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { PreviewServer } from '../preview/server.js';
import type { CliIo } from './main.js';

/** Options of `handout preview` (as parsed by commander). */
export interface PreviewCliOptions {
  readonly clinic?: string;
  readonly port?: string;
  readonly open?: boolean;
}

/** The port tried when none is given (a free one is taken if it is busy). */
export const DEFAULT_PREVIEW_PORT = 4780;

/** Resolves when the process is asked to stop (Ctrl+C, SIGTERM); injectable for tests. */
export type StopSignal = () => Promise<void>;

const untilSignal: StopSignal = () =>
  new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

function openBrowser(url: string, io: CliIo): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => io.stderr(`handout: could not start a browser (${cmd}); open ${url} yourself\n`));
    child.unref();
  } catch {
    io.stderr(`handout: could not start a browser (${cmd}); open ${url} yourself\n`);
  }
}

/** Runs the preview; returns the exit code (2 for usage errors). */
export async function preview(
  guide: string | undefined,
  opts: PreviewCliOptions,
  io: CliIo,
  stop: StopSignal = untilSignal,
): Promise<number> {
  const usage = (m: string): number => {
    io.stderr(`handout: ${m}\n`);
    return 2;
  };
  if (guide !== undefined && (!guide.endsWith('.md') || !existsSync(path.resolve(io.cwd, guide)))) {
    return usage(`no guide file \`${guide}\` (a guide is content/guides/<id>/<lang>.md)`);
  }
  if (opts.clinic !== undefined && !existsSync(path.resolve(io.cwd, opts.clinic))) return usage(`no clinic profile \`${opts.clinic}\``);
  const explicit = opts.port !== undefined;
  const port = explicit ? Number(opts.port) : DEFAULT_PREVIEW_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return usage(`--port must be a whole number from 0 to 65535; got \`${opts.port}\``);
  const base = { cwd: io.cwd, ...(guide ? { guide } : {}), ...(opts.clinic ? { clinic: opts.clinic } : {}) };
  // loaded only for `handout preview`: other commands never pay for the server's modules
  const { startPreview } = await import('../preview/server.js');
  let server: PreviewServer;
  try {
    server = await startPreview({ ...base, port });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' && !explicit) server = await startPreview({ ...base, port: 0 });
    else if (code === 'EADDRINUSE') return usage(`port ${port} is in use; choose another with --port, or --port 0 for any free port`);
    else if (code === 'EACCES') return usage(`port ${port} is not allowed here; choose another with --port`);
    else throw e;
  }
  const url = server.initialQuery ? `${server.url}?${server.initialQuery}` : server.url;
  io.stdout(`handout preview: ${url}\n(serving on 127.0.0.1 only; press Ctrl+C to stop)\n`);
  if (opts.open) openBrowser(url, io);
  await stop();
  await server.close();
  return 0;
}

/** Registers `handout preview` on the CLI program. */
export function registerPreview(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('preview')
    .description('live preview in the browser: rebuilds when the guide, clinic, images or templates change')
    .argument('[guide]', 'the guide shown first (content/guides/<id>/<lang>.md); default the bundled sample')
    .option('--clinic <clinic.yaml>', 'clinic profile shown first (default: the bundled sample clinic)')
    .option('--port <n>', `port on 127.0.0.1 (default ${DEFAULT_PREVIEW_PORT}, or a free one if it is busy; 0: any free port)`)
    .option('--open', 'open the preview in the default browser')
    .action(async (guide: string | undefined, opts: PreviewCliOptions) => {
      done(await preview(guide, opts, io));
    });
}
