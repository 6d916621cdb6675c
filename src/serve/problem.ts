/** RFC 9457 problem details for `handout serve` errors. */
import type { FastifyReply } from 'fastify';

/** A problem+json body. `type` is a URN naming the problem kind. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly [extension: string]: unknown;
}

/** Makes a problem of kind `slug`. */
export function problem(status: number, slug: string, title: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `urn:handoutkit:problem:${slug}`, title, status, ...extra };
}

/** Sends a problem with its status and media type. */
export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).header('content-type', 'application/problem+json; charset=utf-8').send(p);
}
