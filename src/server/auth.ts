import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { AdapterError } from '../core/errors.js';
import type { Role, ViewerClaims } from '../core/types.js';

/**
 * Viewer tokens: HS256 JWTs that the host site's backend signs with the secret it shares with this
 * server. The server trusts exactly what a valid token says — its subject, name, avatar and roles —
 * and nothing else: a role the token does not carry is not the viewer's.
 */
export interface TokenOptions {
  /** The shared secret (at least 32 bytes). */
  secret: string | Uint8Array;
  /** The `aud` claim required in every token (default `majlis`). */
  audience?: string;
  /** When set, the `iss` claim every token must carry. */
  issuer?: string;
  /** Seconds of clock difference allowed between the host site and this server (default 30). */
  clockToleranceSeconds?: number;
}

export const DEFAULT_AUDIENCE = 'majlis';
const ROLES: readonly Role[] = ['moderator', 'admin'];
const MIN_SECRET_BYTES = 32;

export function secretKey(secret: string | Uint8Array): Uint8Array {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (key.length < MIN_SECRET_BYTES)
    throw new Error(`The token secret is too short: use at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 48\`), shared only with the host site's backend.`);
  return key;
}

/** An HS256 signature is 32 bytes: 43 base64url characters, the last of which carries two spare bits, zero. */
const CANONICAL_HS256_SIGNATURE = /\.[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

const refused = (message: string, reason: 'invalid_token' | 'token_expired') => new AdapterError('unauthorized', message, { reason });

/** Reads `Authorization: Bearer <token>`; undefined when there is no header (a guest). */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(header);
  if (!match) throw refused('The Authorization header must be "Bearer <token>".', 'invalid_token');
  return match[1];
}

export interface VerifiedViewer {
  viewer: ViewerClaims;
  /** When the token stops being accepted (epoch ms): its expiry plus the clock tolerance. */
  expiresAt: number;
}

/**
 * Verifies a viewer token and returns the claims the engine acts on. Refuses (401) unsigned,
 * tampered, expired, not-yet-valid, wrong-audience and wrong-issuer tokens, and any algorithm but HS256.
 */
export async function verifyViewerToken(token: string, key: Uint8Array, options: Omit<TokenOptions, 'secret'> = {}): Promise<VerifiedViewer> {
  let payload: JWTPayload;
  const tolerance = options.clockToleranceSeconds ?? 30;
  // One token, one spelling: base64 decoders also take a signature with padding or with its spare bits set, which would let one token be written many ways.
  if (!CANONICAL_HS256_SIGNATURE.test(token)) throw refused('The sign-in token is not valid. Sign in again.', 'invalid_token');
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      audience: options.audience ?? DEFAULT_AUDIENCE,
      ...(options.issuer !== undefined && { issuer: options.issuer }),
      requiredClaims: ['exp', 'sub'],
      clockTolerance: tolerance,
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw refused('Your sign-in has expired. Sign in again.', 'token_expired');
    throw refused('The sign-in token is not valid. Sign in again.', 'invalid_token');
  }
  // jose checks `iat` only against a maximum age; a token issued in the future is not valid yet, as with `nbf`.
  if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + tolerance) throw refused('The sign-in token is not valid yet. Sign in again.', 'invalid_token');
  return { viewer: claimsOf(payload), expiresAt: (payload.exp! + tolerance) * 1000 };
}

/** The viewer a verified payload describes; refuses a token without a usable subject or name. */
export function claimsOf(payload: JWTPayload): ViewerClaims {
  const { sub } = payload;
  // eslint-disable-next-line no-control-regex -- ids must not carry control characters
  if (typeof sub !== 'string' || sub === '' || sub.length > 200 || /[\u0000-\u001f\u007f]/.test(sub))
    throw refused('The sign-in token has no valid subject (sub).', 'invalid_token');
  const name = payload['name'];
  if (typeof name !== 'string' || name.trim() === '') throw refused('The sign-in token has no name. The host site must sign a name with the subject.', 'invalid_token');
  const picture = payload['picture'] ?? payload['avatar'];
  const avatarUrl = typeof picture === 'string' && picture.length <= 2000 && /^https?:\/\//i.test(picture) ? picture : undefined;
  const claimed = payload['roles'];
  const roles = Array.isArray(claimed) ? ROLES.filter((role) => claimed.includes(role)) : [];
  return { id: sub, name, roles, ...(avatarUrl !== undefined && { avatarUrl }) };
}

export interface SignOptions extends Omit<TokenOptions, 'clockToleranceSeconds'> {
  /** Lifetime in seconds (default 3600). Keep it short: the host site signs a new one when needed. */
  expiresInSeconds?: number;
}

/**
 * Signs a viewer token, as a host site's backend does (also used by demo mode and tests).
 * Claims: `sub` (the member id), `name`, `picture` (avatar URL), `roles` (`moderator`, `admin`).
 */
export async function signViewerToken(viewer: ViewerClaims, options: SignOptions): Promise<string> {
  const jwt = new SignJWT({ name: viewer.name, ...(viewer.avatarUrl && { picture: viewer.avatarUrl }), ...(viewer.roles?.length && { roles: [...viewer.roles] }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(viewer.id)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 3600));
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  return jwt.sign(secretKey(options.secret));
}
