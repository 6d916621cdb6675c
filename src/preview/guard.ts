/**
 * Request guards of the preview server: the Host header must name the
 * server itself (a DNS-rebinding guard), cross-site requests are refused, and
 * a path with `..`, encoded slashes or NUL is refused before any routing.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Why a request was refused, with its HTTP status. */
export interface Refusal {
  readonly status: number;
  readonly message: string;
}

/** The Host values the server answers to on `port`. */
export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** Refuses a foreign Host header (DNS rebinding) or a request another site made. */
export function checkHeaders(headers: IncomingHttpHeaders, port: number): Refusal | undefined {
  const host = headers.host?.toLowerCase();
  if (!host || !allowedHosts(port).has(host)) {
    return { status: 403, message: `this preview answers only to http://127.0.0.1:${port}/ and http://localhost:${port}/` };
  }
  if (headers['sec-fetch-site'] === 'cross-site') return { status: 403, message: 'cross-site requests are refused' };
  return undefined;
}

/**
 * The decoded path of a request target, or a refusal: not origin-form, a
 * `..` or `.` segment (also percent-encoded), an encoded `/` or `\`, a
 * backslash or NUL.
 */
export function requestPath(target: string): { readonly path: string; readonly query: URLSearchParams } | Refusal {
  if (!target.startsWith('/') || target.startsWith('//')) return { status: 400, message: 'bad request target' };
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  if (/%(2f|5c|00)/i.test(rawPath)) return { status: 400, message: 'path refused' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, message: 'bad percent-encoding in the path' };
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return { status: 400, message: 'path refused' };
  if (decoded.split('/').some((seg) => seg === '..' || seg === '.')) return { status: 400, message: 'path refused' };
  return { path: decoded, query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
}
