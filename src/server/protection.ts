/** Request-level protection: rate limits (token buckets), the CORS allowlist, security headers. */

export interface RateLimit {
  /** Requests that may come at once. */
  burst: number;
  /** Requests per minute sustained. */
  perMinute: number;
}

/** Generous defaults: a page of widgets makes a handful of requests; a script making thousands is slowed. */
export const DEFAULT_RATE_LIMITS = {
  ip: { burst: 600, perMinute: 1200 },
  member: { burst: 240, perMinute: 600 },
} as const satisfies Record<string, RateLimit>;

/** Parses `burst/perMinute` (e.g. `600/1200`), or `off`. */
export function parseRateLimit(text: string): RateLimit | false {
  if (text === 'off') return false;
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new Error(`A rate limit is "burst/perMinute" (e.g. 600/1200) or "off", not "${text}".`);
  return { burst: Number(match[1]), perMinute: Number(match[2]) };
}

/**
 * Token buckets in memory, one per key (an IP, a member). Each request takes a token; tokens come back
 * at `perMinute`; an empty bucket answers how many seconds until the next token.
 * Full buckets are forgotten, so memory stays proportional to recent activity.
 */
export class TokenBuckets {
  readonly #limit: RateLimit;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #sweptAt: number;

  constructor(limit: RateLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#now = now;
    this.#sweptAt = now();
  }

  /** Takes one token: 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.#now();
    const { burst, perMinute } = this.#limit;
    const perMs = perMinute / 60_000;
    if (now - this.#sweptAt > 60_000) this.#sweep(now, perMs);
    const bucket = this.#buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }

  #sweep(now: number, perMs: number): void {
    this.#sweptAt = now;
    for (const [key, bucket] of this.#buckets) if (bucket.tokens + (now - bucket.at) * perMs >= this.#limit.burst) this.#buckets.delete(key);
  }

  clear(): void {
    this.#buckets.clear();
  }

  get size(): number {
    return this.#buckets.size;
  }
}

/** Parses `MAJLIS_ORIGINS`: comma-separated origins (`https://blog.example.com`), or `*` for any. */
export function parseOrigins(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => {
      if (origin === '*') return origin;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        throw new Error(`MAJLIS_ORIGINS: "${origin}" is not an origin (e.g. https://blog.example.com).`);
      }
      if (url.origin === 'null' || url.pathname !== '/' || url.search || url.hash || origin.replace(/\/$/, '') !== url.origin)
        throw new Error(`MAJLIS_ORIGINS: "${origin}" is not an origin: give scheme, host and port only (e.g. ${url.origin}).`);
      return url.origin;
    });
}

/** Whether a browser's `Origin` is this server itself (its own pages: the demo site). */
export function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

export const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Majlis-Anonymous-Key, Last-Event-ID';
export const CORS_ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
export const CORS_EXPOSE_HEADERS = 'Retry-After';

/** API responses are data: nothing in them may run, be framed, or be cached by a shared cache. */
export const API_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/**
 * Pages served from the static folders (the demo site): a strict CSP with no inline script or style
 * and Trusted Types enforced (Lit's `lit-html` policy is the only one), which the elements are built for.
 * Duplicates are allowed: each self-contained bundle on a page (majlis.min.js, the moderators'
 * files) carries its own Lit, and each creates the `lit-html` policy.
 */
export const DEFAULT_STATIC_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types lit-html 'allow-duplicates'",
].join('; ');

export const STATIC_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
