/** A fresh idempotency key for one intended write; keep it with the draft so a retry reuses it. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}
