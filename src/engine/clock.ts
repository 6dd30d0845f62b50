/** Where the engine gets the time: injectable so every time rule is testable. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told: for tests, stories and seeded demos. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start: number | string | Date = '2026-01-15T12:00:00Z') {
    this.#now = new Date(start).getTime();
  }
  now(): number {
    return this.#now;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
  set(time: number | string | Date): void {
    this.#now = new Date(time).getTime();
  }
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Start of the UTC day holding `ms`. */
export function startOfUtcDay(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** Start of the ISO week (Monday, UTC) holding `ms`. */
export function startOfUtcWeek(ms: number): number {
  const day = startOfUtcDay(ms);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * 86_400_000;
}

export function startOfUtcMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
