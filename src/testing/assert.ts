import { isAdapterError, type AdapterError, type ErrorCode } from '../core/errors.js';

/** Minimal assertions so the contract suite runs under any test runner (mocha, node:test, vitest…). */
export class ContractFailure extends Error {
  override name = 'ContractFailure';
}

export function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ContractFailure(message);
}

export function equal<T>(actual: T, expected: T, message: string): void {
  if (!Object.is(actual, expected)) throw new ContractFailure(`${message}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Structural equality as JSON sees it: object key order does not matter, array order does, undefined properties are absent. */
export function deepEqual(actual: unknown, expected: unknown, message: string): void {
  if (!same(actual, expected)) throw new ContractFailure(`${message}: expected ${show(expected)}, got ${show(actual)}`);
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i]));
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined).sort();
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The promise must reject with an AdapterError of this code. */
export async function rejects(promise: Promise<unknown>, code: ErrorCode, message: string): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    if (!isAdapterError(error)) throw new ContractFailure(`${message}: expected AdapterError "${code}", got ${show(error)}`);
    if (error.code !== code) throw new ContractFailure(`${message}: expected code "${code}", got "${error.code}" (${error.message})`);
    if (!error.message) throw new ContractFailure(`${message}: the "${code}" error has no message for people`);
    return error;
  }
  throw new ContractFailure(`${message}: expected AdapterError "${code}", but it succeeded`);
}

function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const text = JSON.stringify(value);
    return text && text.length > 200 ? `${text.slice(0, 200)}…` : String(text);
  } catch {
    return String(value);
  }
}
