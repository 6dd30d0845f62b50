import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod/mini';
import { AdapterError, type ErrorCode } from '../core/errors.js';

/** The HTTP status of each AdapterError code. */
export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

/** What a client is told about a failure we did not foresee: nothing about the server. */
export const INTERNAL_MESSAGE = 'Something went wrong on the community server. Try again later.';

/**
 * The one error body: `{ error: { code, message, field?, reason?, retryAfter? } }`, with the status of
 * its code (or the one given, e.g. 413, 415), `Retry-After` when it says when to retry, and
 * `WWW-Authenticate` on 401.
 */
export function errorResponse(c: Context, error: AdapterError, status: ContentfulStatusCode = STATUS_OF[error.code]): Response {
  if (error.retryAfter !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(error.retryAfter))));
  // The unread rest of a refused body would otherwise be taken for the next request on this connection.
  if (status === 413) c.header('Connection', 'close');
  if (status === 401) c.header('WWW-Authenticate', `Bearer realm="majlis"${error.reason ? `, error="invalid_token"` : ''}`);
  return c.json({ error: error.toJSON() }, status);
}

/** A client's mistake other than a field's: an unreadable body, a body too large, the wrong media type. */
export class RequestError extends AdapterError {
  readonly status: ContentfulStatusCode;
  constructor(status: ContentfulStatusCode, message: string, options: { reason?: string; field?: string } = {}) {
    super('invalid', message, options);
    this.status = status;
  }
}

/**
 * Whether a failure is the database being away for a moment (a restart, a failover, a full pool):
 * answered 503 with Retry-After, which clients retry, rather than 500.
 */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // Node socket errors; PostgreSQL classes 08 (connection), 53 (resources), 57P0x (shutting down), 40001/40P01 (serialization, deadlock).
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN)$/.test(code) || /^(08\w{3}|53\w{3}|57P0[1-3]|40001|40P01)$/.test(code);
}

// ───────────────────────── validation failures (zod issues) in the API's words

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

function describe(issue: z.core.$ZodIssue, where: 'query' | 'body'): string {
  const path = issue.path.map(String).join('.');
  const name = path ? `"${path}"` : where === 'body' ? 'The request body' : 'The query';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${name} is required.`;
      return `${name} must be ${KIND[issue.expected] ?? issue.expected}.`;
    case 'invalid_value':
      return `${name} must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'invalid_format':
    case 'too_big':
    case 'too_small':
    case 'custom':
      return issue.message && issue.message !== 'Invalid input' ? `${name}: ${issue.message}` : `${name} is not valid.`;
    default:
      return `${name} is not valid.`;
  }
}

/** Parses with a schema, or throws `invalid` naming the first field at fault. */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, value: unknown, where: 'query' | 'body'): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new AdapterError('invalid', describe(issue, where), field ? { field } : {});
}
