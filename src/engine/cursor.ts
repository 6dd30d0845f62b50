/** Opaque keyset cursors: a position after which the next page starts, stable while items are added. */
export function encodeCursor(position: unknown): string {
  const json = JSON.stringify(position);
  const bytes = new TextEncoder().encode(json);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The position inside a cursor, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): unknown {
  if (cursor.length > 1024 || !/^[A-Za-z0-9_-]*$/.test(cursor)) return undefined;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}
