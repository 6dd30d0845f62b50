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

export function deepEqual(actual: unknown, expected: unknown, message: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new ContractFailure(`${message}: expected ${show(expected)}, got ${show(actual)}`);
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
