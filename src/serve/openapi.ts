/** The OpenAPI 3.1 description of `handout serve`, served at `/openapi.json`. */
import * as z from 'zod';
import { handoutRequestSchema } from './request.js';

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; never contains fill-in values',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    diagnostics: { type: 'array', items: { $ref: '#/components/schemas/Diagnostic' } },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { pointer: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

function problemResponse(description: string): object {
  return { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
}

/** The OpenAPI document for this version. */
export function openApiDocument(version: string): object {
  const request = z.toJSONSchema(handoutRequestSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  delete request['$schema'];
  return {
    openapi: '3.1.0',
    info: {
      title: 'handoutkit serve',
      version,
      description:
        'Personalised patient handouts on demand. Fill-in values are personal health information: they are never logged, ' +
        'stored, cached or put in PDF metadata. Every response carries `Cache-Control: no-store`.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        HandoutRequest: request,
        Problem: problemSchema,
        Diagnostic: {
          type: 'object',
          required: ['file', 'line', 'column', 'severity', 'message', 'ruleId'],
          properties: {
            file: { type: 'string', description: 'path relative to the content folder' },
            line: { type: 'integer' },
            column: { type: 'integer' },
            severity: { enum: ['error', 'warning'] },
            message: { type: 'string' },
            ruleId: { type: 'string' },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/v1/handouts': {
        post: {
          summary: 'Build one personalised handout',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/HandoutRequest' } } } },
          responses: {
            '200': {
              description: 'the PDF (Content-Disposition names the guide and language only)',
              content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
            },
            '400': problemResponse('the body does not match the schema'),
            '401': problemResponse('missing or unknown bearer token'),
            '403': problemResponse('the token may not request this clinic'),
            '404': problemResponse('unknown guide, clinic or language'),
            '409': problemResponse('the translation is missing or stale and the server refuses fallbacks'),
            '413': problemResponse('the body is too large'),
            '422': problemResponse(
              'fill-in fields missing or unknown, or the build refused the content (e.g. a checklist of a guide with no checklist items)',
            ),
            '429': problemResponse('the queue is full; retry after `Retry-After` seconds'),
            '500': problemResponse('the handout could not be built (diagnostics) or its worker stopped'),
            '504': problemResponse('the build took longer than its time budget'),
          },
        },
      },
      '/v1/guides': {
        get: {
          summary: 'Guides that can be requested, with languages and fill-in fields',
          responses: { '200': { description: 'guides' } },
        },
      },
      '/v1/clinics': { get: { summary: 'Clinics this token may request', responses: { '200': { description: 'clinics' } } } },
      '/healthz': { get: { summary: 'Liveness', security: [], responses: { '200': { description: 'alive' } } } },
      '/readyz': {
        get: {
          summary: 'Readiness: workers warm',
          security: [],
          responses: { '200': { description: 'ready' }, '503': problemResponse('warming up') },
        },
      },
      '/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1' } } } },
    },
  };
}
