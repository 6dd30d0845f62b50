const notify = new Set<() => void>();

/**
 * Words that belong to one element (or one shared piece), in every shipped language. English is
 * inline; other languages load when a page first asks for them. An element's bundle carries only its
 * own words, so the comment thread never downloads the poll's.
 */
export class MessageSet<T extends object> {
  readonly #en: T;
  readonly #loaders: Record<string, () => Promise<T>>;
  readonly #loaded = new Map<string, T>();
  readonly #loading = new Set<string>();

  constructor(en: T, loaders: Record<string, () => Promise<T>> = {}) {
    this.#en = en;
    this.#loaders = loaders;
  }

  #code(lang: string): string | null {
    const tag = lang.toLowerCase();
    const base = tag.split('-')[0]!;
    return tag in this.#loaders ? tag : base in this.#loaders ? base : null;
  }

  /** Whether the words for `lang` are here (English stands in for languages not shipped); starts loading if not. */
  ready(lang: string): boolean {
    const code = this.#code(lang);
    if (!code || this.#loaded.has(code)) return true;
    if (!this.#loading.has(code)) {
      this.#loading.add(code);
      this.#loaders[code]!().then(
        (words) => this.#loaded.set(code, words),
        (error: unknown) => {
          console.error(`[majlis] Could not load the "${code}" words; using English.`, error);
          this.#loaded.set(code, this.#en);
        },
      ).finally(() => notify.forEach((listener) => listener()));
    }
    return false;
  }

  /** The words for `lang`, English until the language has loaded. */
  for(lang: string): T {
    const code = this.#code(lang);
    this.ready(lang);
    return (code && this.#loaded.get(code)) || this.#en;
  }
}

/** Called when any message set finishes loading a language, so elements can re-render. */
export function onMessageSetLoaded(listener: () => void): () => void {
  notify.add(listener);
  return () => notify.delete(listener);
}
