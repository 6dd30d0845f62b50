import { AdapterError } from '../core/errors.js';
import type { Role, ViewerClaims } from '../core/types.js';

const invalid = (field: string, message: string, reason?: string) =>
  new AdapterError('invalid', message, reason === undefined ? { field } : { field, reason });

/** NUL and lone surrogates cannot be stored by PostgreSQL's text type; refuse them rather than change the text. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Code points, without building an array for huge strings. */
export function codePointLength(text: string, stopAfter = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= stopAfter; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export interface TextRules {
  field: string;
  max: number;
  min?: number;
  /** A label for messages, e.g. "The comment". */
  label: string;
}

/** A user-typed text: a string, not blank (unless min is 0), within the length limit, storable. Returned unchanged. */
export function text(value: unknown, rules: TextRules): string {
  const { field, max, label } = rules;
  const min = rules.min ?? 1;
  if (typeof value !== 'string') throw invalid(field, `${label} must be text.`);
  if (min > 0 && value.trim().length === 0) throw invalid(field, `${label} is empty. Write something first.`, 'empty');
  if (value.length > max * 2 || codePointLength(value, max) > max)
    throw invalid(field, `${label} is too long: at most ${max} characters.`, 'too_long');
  if (UNSTORABLE.test(value)) throw invalid(field, `${label} contains characters that cannot be stored (a NUL byte or a broken surrogate pair). Remove them and try again.`, 'unstorable');
  return value;
}

/** An identifier from outside: a short printable string. */
export function id(value: unknown, field: string, label = 'The id'): string {
  // No control characters, and no lone surrogates: databases would store them as U+FFFD, and the id read back would differ.
  // eslint-disable-next-line no-control-regex -- ids must not carry control characters
  if (typeof value !== 'string' || value.length === 0 || value.length > 200 || /[\u0000-\u001f\u007f]/.test(value) || !value.isWellFormed())
    throw invalid(field, `${label} is not valid: expected a short text id.`);
  return value;
}

export function idempotencyKey(value: unknown): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(value))
    throw invalid('idempotencyKey', 'Every write needs an idempotency key: 8 to 200 printable ASCII characters, new for each intended write.');
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, label: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T))
    throw invalid(field, `${label} must be one of: ${allowed.join(', ')}.`);
  return value as T;
}

export function limit(value: unknown, fallback: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
    throw invalid('limit', `The page size must be a whole number from 1 to ${max}.`);
  return value;
}

export function cursor(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw invalid('cursor', 'The paging cursor is not valid. Start again from the first page.');
  return value;
}

/** ISO 8601 as the API documents it: a date, or a date and time with its zone. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export function futureDate(value: unknown, now: number, field: string, label: string): number {
  // Date.parse alone also takes whatever the engine's fallback parser guesses at ("42" is the year 2042).
  const time = typeof value === 'string' && ISO_DATE.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(time)) throw invalid(field, `${label} must be a date (ISO 8601).`);
  if (time <= now) throw invalid(field, `${label} must be in the future.`);
  return time;
}

const ROLES: readonly Role[] = ['moderator', 'admin'];
const NAME_HARD_LIMIT = 500;

/** The viewer the host site vouches for. Long names are cut, not refused: refusing would lock the member out. */
export function claims(value: ViewerClaims): ViewerClaims & { roles: Role[] } {
  id(value.id, 'viewer.id', 'The viewer id');
  if (typeof value.name !== 'string' || value.name.trim() === '') throw new AdapterError('unauthorized', 'The viewer has no name. The host site must sign a token with a name.');
  let name = value.name.trim();
  if (codePointLength(name, NAME_HARD_LIMIT) > NAME_HARD_LIMIT) name = Array.from(name.slice(0, NAME_HARD_LIMIT * 2)).slice(0, NAME_HARD_LIMIT).join('');
  // eslint-disable-next-line no-control-regex -- NUL cannot be stored
  name = name.toWellFormed().replace(/\u0000/g, '');
  const roles = Array.isArray(value.roles) ? ROLES.filter((r) => value.roles!.includes(r)) : [];
  // A malformed picture address is dropped, not refused: it must not lock the member out.
  // eslint-disable-next-line no-control-regex -- control characters and NUL cannot be stored
  const avatarUrl = typeof value.avatarUrl === 'string' && value.avatarUrl.length <= 2000 && value.avatarUrl.isWellFormed() && !/[\u0000-\u001f]/.test(value.avatarUrl) ? value.avatarUrl : undefined;
  return { id: value.id, name, roles, ...(avatarUrl !== undefined && { avatarUrl }) };
}
