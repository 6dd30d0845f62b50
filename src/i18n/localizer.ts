import { isAdapterError, type ErrorCode } from '../core/errors.js';
import { en } from './en.js';
import type { ErrorReason, Messages, PluralForms } from './messages.js';

const catalogues = new Map<string, Messages>([['en', en]]);

/** Languages other than English load when a page first asks for them, so an English page never downloads Arabic. */
const loaders = new Map<string, () => Promise<Messages>>([['ar', () => import('./ar.js').then((m) => m.ar)]]);
const loading = new Map<string, Promise<void>>();
const loadedListeners = new Set<() => void>();

/** Add or replace a language (a site may ship French, or reword English). */
export function registerMessages(messages: Messages): void {
  catalogues.set(messages.$code.toLowerCase(), messages);
  cache.clear();
  loadedListeners.forEach((listener) => listener());
}

/** Add a language that loads on demand. */
export function registerMessagesLoader(code: string, load: () => Promise<Messages>): void {
  loaders.set(code.toLowerCase(), load);
}

/** Called whenever a language finishes loading, so elements can re-render. */
export function onMessagesLoaded(listener: () => void): () => void {
  loadedListeners.add(listener);
  return () => loadedListeners.delete(listener);
}

const candidates = (lang: string) => {
  const tag = lang.toLowerCase();
  return [tag, tag.split('-')[0]!];
};

/** Whether the catalogue for `lang` is here (or English stands in because none exists). Starts loading it if not. */
export function messagesReady(lang: string): boolean {
  for (const code of candidates(lang)) {
    if (catalogues.has(code)) return true;
    const load = loaders.get(code);
    if (load) {
      if (!loading.has(code))
        loading.set(code, load().then(registerMessages, (error: unknown) => console.error(`[majlis] Could not load the "${code}" messages; using English.`, error)).finally(() => catalogues.has(code) || catalogues.set(code, en)));
      return false;
    }
  }
  return true;
}

/** The catalogue for a BCP 47 tag: exact, then the base language, then English. */
export function messagesFor(lang: string): Messages {
  const [tag, base] = candidates(lang);
  return catalogues.get(tag!) ?? catalogues.get(base!) ?? en;
}

type StringKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
type PluralKey = { [K in keyof Messages]: Messages[K] extends PluralForms ? K : never }[keyof Messages];

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

export interface LocalizedError {
  message: string;
  code: ErrorCode | 'capability' | 'unknown';
  /** Seconds until retrying may succeed. */
  retryAfter: number | null;
  offline: boolean;
}

/**
 * Words, numbers, plurals, dates and error messages for one language, with Intl formatters made once.
 * `lang` is the full tag (ar-EG formats Egyptian numbers); the catalogue falls back to the base language.
 */
export class Localizer {
  readonly lang: string;
  readonly messages: Messages;
  readonly #plural: Intl.PluralRules;
  readonly #number: Intl.NumberFormat;
  readonly #relative: Intl.RelativeTimeFormat;
  #dateTime?: Intl.DateTimeFormat;
  #percent?: Intl.NumberFormat;
  #ordinal?: Intl.PluralRules;

  constructor(lang = 'en') {
    this.lang = safeTag(lang);
    this.messages = messagesFor(this.lang);
    this.#plural = new Intl.PluralRules(this.lang);
    this.#number = new Intl.NumberFormat(this.lang);
    this.#relative = new Intl.RelativeTimeFormat(this.lang, { numeric: 'auto' });
  }

  get dir(): 'ltr' | 'rtl' {
    return this.messages.$dir;
  }

  /** A message, with `{name}` placeholders filled. */
  t(key: StringKey, params?: Record<string, string | number>): string {
    return fill(this.messages[key], params);
  }

  /** The plural form for `n`, with `{n}` as the localized number. An explicit `zero` form wins for 0 in every language. */
  plural(forms: PluralForms | PluralKey, n: number, params?: Record<string, string | number>): string {
    const set = typeof forms === 'string' ? this.messages[forms] : forms;
    const category = n === 0 && set.zero !== undefined ? 'zero' : this.#plural.select(n);
    const template = set[category as keyof PluralForms] ?? set.other;
    return fill(template, { ...params, n: this.number(n) });
  }

  /** An ordinal ("3rd"), by the language's ordinal rules; `forms` use `{n}`. */
  ordinal(forms: PluralForms, n: number): string {
    this.#ordinal ??= new Intl.PluralRules(this.lang, { type: 'ordinal' });
    const template = forms[this.#ordinal.select(n) as keyof PluralForms] ?? forms.other;
    return fill(template, { n: this.number(n) });
  }

  number(n: number): string {
    return this.#number.format(n);
  }

  percent(ratio: number): string {
    this.#percent ??= new Intl.NumberFormat(this.lang, { style: 'percent', maximumFractionDigits: 0 });
    return this.#percent.format(ratio);
  }

  /** "3 hours ago", "yesterday", "في الأسبوع الماضي". */
  relativeTime(date: string | number | Date, now = Date.now()): string {
    const diff = new Date(date).getTime() - now;
    const abs = Math.abs(diff);
    for (const [unit, ms] of RELATIVE_UNITS) {
      if (abs >= ms || unit === 'second') return this.#relative.format(Math.round(diff / ms), unit);
    }
    return '';
  }

  /** A full date and time for hover and focus. */
  dateTime(date: string | number | Date): string {
    this.#dateTime ??= new Intl.DateTimeFormat(this.lang, { dateStyle: 'long', timeStyle: 'short' });
    return this.#dateTime.format(new Date(date));
  }

  /** What to tell a person about an error: what happened and what to do. */
  error(error: unknown): LocalizedError {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    if (error instanceof Error && error.name === 'CapabilityError')
      return { message: this.messages.errors.capability, code: 'capability', retryAfter: null, offline: false };
    if (isAdapterError(error)) {
      const reason = error.reason as ErrorReason | undefined;
      const retryAfter = error.retryAfter ?? null;
      const forReason = reason && Object.hasOwn(this.messages.reasons, reason) ? this.messages.reasons[reason] : undefined;
      let message = forReason ?? this.messages.errors[error.code];
      // A reason without words of its own (the server's request throttle, "throttled") still says how long to wait.
      if (error.code === 'rate_limited' && retryAfter !== null && forReason === undefined) message = this.plural('rateLimitedWait', retryAfter);
      if (error.code === 'unavailable' && offline) return { message: this.messages.offline, code: 'unavailable', retryAfter, offline: true };
      return { message, code: error.code, retryAfter, offline: false };
    }
    if (offline) return { message: this.messages.offline, code: 'unavailable', retryAfter: null, offline: true };
    return { message: this.messages.errors.unknown, code: 'unknown', retryAfter: null, offline: false };
  }
}

/** Fills `{name}` placeholders. */
export function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function safeTag(lang: string): string {
  try {
    return Intl.getCanonicalLocales(lang.trim() || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}

const cache = new Map<string, Localizer>();

/** One Localizer per language, shared by every element. */
export function localizer(lang: string): Localizer {
  let l = cache.get(lang);
  if (!l) cache.set(lang, (l = new Localizer(lang)));
  return l;
}
