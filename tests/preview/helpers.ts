/** A throwaway copy of the bundled content (guides and the sample clinic) for preview tests, and raw HTTP requests. */
import { cpSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { ViewSpec } from '../../src/preview/view.js';

export const ROOT = path.resolve('.');

/** Files of a preview workspace (a copy of `content/`). */
export interface PreviewWorkspace {
  readonly dir: string;
  readonly guide: string;
  readonly arabic: string;
  readonly clinic: string;
}

/** Copies `content/` into a temporary folder. */
export function previewWorkspace(): PreviewWorkspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-preview-'));
  cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  const g = path.join(dir, 'content/guides/first-ketamine-session');
  return {
    dir,
    guide: path.join(g, 'en.md'),
    arabic: path.join(g, 'ar.md'),
    clinic: path.join(dir, 'content/clinics/example-community/clinic.yaml'),
  };
}

/** The default view of a preview of the sample guide for the sample clinic. */
export const SAMPLE_VIEW: ViewSpec = {
  guide: 'first-ketamine-session',
  lang: 'en',
  clinic: 'example-community',
  template: 'handout',
  paper: 'clinic',
  fillable: false,
};

/** A response read whole. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** Sends `GET <target>` exactly as written (no normalisation of `..` or percent-escapes), with the given headers (`host: ''`: none). */
export function rawGet(port: number, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const all: Record<string, string> = { host: `127.0.0.1:${port}`, ...headers };
    const noHost = all.host === ''; // an empty value sends no Host header at all
    if (noHost) delete all.host;
    const req = request({ host: '127.0.0.1', port, method, path: target, headers: all, setHost: !noHost }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
