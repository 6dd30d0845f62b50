/** The error codes every adapter speaks; elements map each one to a localized message. */
export const ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'invalid',
  'rate_limited',
  'unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AdapterErrorOptions {
  /** Seconds until a retry may succeed (rate limits, 503). */
  retryAfter?: number;
  /** The input field at fault, for `invalid`. */
  field?: string;
  /** A stable machine-readable reason inside the code, e.g. `duplicate`, `edit_window`, `closed`. */
  reason?: string;
  cause?: unknown;
}

/** The one error type of the adapter contract. */
export class AdapterError extends Error {
  readonly code: ErrorCode;
  readonly retryAfter?: number;
  readonly field?: string;
  readonly reason?: string;

  constructor(code: ErrorCode, message: string, options: AdapterErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AdapterError';
    this.code = code;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
    if (options.field !== undefined) this.field = options.field;
    if (options.reason !== undefined) this.reason = options.reason;
  }

  /** A plain object for the wire (HTTP bodies, BroadcastChannel). */
  toJSON(): { code: ErrorCode; message: string; retryAfter?: number; field?: string; reason?: string } {
    return {
      code: this.code,
      message: this.message,
      ...(this.retryAfter !== undefined && { retryAfter: this.retryAfter }),
      ...(this.field !== undefined && { field: this.field }),
      ...(this.reason !== undefined && { reason: this.reason }),
    };
  }
}

export function isAdapterError(value: unknown): value is AdapterError {
  return value instanceof AdapterError || (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AdapterError' && ERROR_CODES.includes((value as { code?: unknown }).code as ErrorCode));
}

/** An aborted call: thrown when the caller's AbortSignal fires. Not an AdapterError: nobody needs to be told. */
export function abortError(signal?: AbortSignal): unknown {
  return signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

/** A developer error: the adapter given to an element lacks a capability the element needs. */
export class CapabilityError extends Error {
  readonly capability: string;
  constructor(capability: string, adapterName: string, element: string) {
    super(`<${element}> needs the "${capability}" capability, but the adapter "${adapterName}" does not provide it. Give <majlis-community> an adapter that implements CommunityAdapter["${capability}"].`);
    this.name = 'CapabilityError';
    this.capability = capability;
  }
}
