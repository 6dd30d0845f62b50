import assert from 'node:assert/strict';
import { ERROR_CODES } from '../../../src/core/errors.js';

/**
 * Calling the server in tests: over the network (a base URL) or in process (anything with `fetch`,
 * such as the `MajlisServer` that `createServer` returns), and checking its error responses.
 */
export type Target = string | { fetch(request: Request): Response | Promise<Response> };

export interface CallInit {
  method?: string;
  /** A viewer token, sent as `Authorization: Bearer …`. */
  token?: string | null;
  /** JSON-encoded unless it is a string or bytes already (raw bodies, on purpose malformed ones too). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiError {
  code: string;
  message: string;
  field?: string;
  reason?: string;
  retryAfter?: number;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; null (despite the type, which keeps tests short) when the body is not JSON. */
  json: { error?: ApiError } & Record<string, unknown>;
}

let keys = 0;
/** A fresh idempotency key: each call is a new intended write. */
export const idempotencyKey = (label = 'test') => `${label}-key-${process.pid}-${++keys}`;

/** One request; a body gets `Content-Type: application/json` and, on writes, a fresh `Idempotency-Key` unless given. */
export async function call(target: Target, path: string, init: CallInit = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers['Authorization'] = `Bearer ${init.token}`;
  const method = init.method ?? 'GET';
  if (init.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    if (method !== 'GET') headers['Idempotency-Key'] ??= idempotencyKey();
  }
  const body = init.body === undefined ? null : typeof init.body === 'string' || init.body instanceof Uint8Array ? (init.body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(init.body);
  const response =
    typeof target === 'string'
      ? await fetch(`${target}${path}`, { method, headers, body })
      : await target.fetch(new Request(`http://majlis.test${path}`, { method, headers, body }));
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: the assertions say so
  }
  return { status: response.status, headers: response.headers, text, json: json as ApiResponse['json'] };
}

/** Statuses an `invalid` error may carry besides 400: a body too large, or not JSON. */
const INVALID_STATUSES = [400, 413, 415];
const STATUS_OF_CODE: Record<string, number> = { unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429 };

/** An error body as the API promises it: JSON `{ error: { code, message } }` with a known code, a message for people, nothing of the server's insides. */
function assertErrorBody(res: ApiResponse, what: string): ApiError {
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${what}: JSON`);
  const error = res.json?.error;
  assert.ok(error && typeof error === 'object', `${what}: an error object (${res.text.slice(0, 300)})`);
  assert.ok(ERROR_CODES.includes(error.code as never), `${what}: a known code, got ${String(error.code)}`);
  assert.ok(typeof error.message === 'string' && error.message.trim().length > 0, `${what}: a message`);
  assert.ok(error.field === undefined || (typeof error.field === 'string' && error.field.length > 0), `${what}: field, when given, is a name`);
  assert.doesNotMatch(res.text, /\bat [\w.<>]+ \(|node:internal|\/src\/|\.ts:\d+|Error: /, `${what}: no stack trace or paths`);
  return error;
}

/** Any client error: a 4xx with the error body, its code fitting its status, and a message that names the problem (not zod's bare default). */
export function assertClientError(res: ApiResponse, what: string): ApiError {
  assert.ok(res.status >= 400 && res.status < 500, `${what}: a 4xx status, got ${res.status} (${res.text.slice(0, 300)})`);
  const error = assertErrorBody(res, what);
  if (error.code === 'invalid') assert.ok(INVALID_STATUSES.includes(res.status), `${what}: "invalid" with status ${res.status}`);
  else assert.equal(res.status, STATUS_OF_CODE[error.code], `${what}: the status of "${error.code}"`);
  assert.notEqual(error.message, 'Invalid input', `${what}: a message that names the problem`);
  return error;
}

/** An error response of exactly this status and code. */
export function assertError(res: ApiResponse, status: number, code: string, what: string): ApiError {
  assert.equal(res.status, status, `${what}: status (${res.text.slice(0, 300)})`);
  const error = status < 500 ? assertClientError(res, what) : assertErrorBody(res, what);
  assert.equal(error.code, code, `${what}: code`);
  return error;
}

/** base64url of a JSON value: a token segment written by hand. */
export const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
