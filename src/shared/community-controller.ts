import type { ReactiveController, ReactiveElement } from 'lit';
import { askForCommunity, type Community, type Theme } from './context.js';
import { defaultCommunity } from './default-community.js';

type Host = ReactiveElement & { setState(name: string, on: boolean): void };

const darkQuery = () => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null);

/**
 * Finds the community (adapter, viewer, theme) for an element: from the nearest <majlis-community>,
 * or, when none answers, the document-level demo default. Sets the `light`/`dark` custom state.
 */
export class CommunityController implements ReactiveController {
  readonly #host: Host;
  #provided: Community | undefined;
  /** Stops asking for the community, and hearing it. */
  #leave: (() => void) | undefined;
  #fallback: Community | undefined;
  #fallbackAsked = false;
  /** A provider answered (perhaps still without an adapter): it, not the element, decides about the demo. */
  #answered = false;
  #media: MediaQueryList | null = null;
  readonly #onMedia = () => this.#applyTheme();

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  readonly #onProvided = (community: Community | undefined) => {
    this.#provided = community;
    this.#answered = true;
    this.#changed();
  };

  /** The community, or undefined until one is known. */
  get value(): Community | undefined {
    return this.#provided ?? this.#fallback;
  }

  #ownTheme: (() => Theme) | undefined;

  get theme(): Theme {
    return this.#ownTheme?.() ?? this.value?.theme ?? 'light';
  }

  /** For the provider: its theme comes from its own attribute, not from an outer provider. */
  useOwnTheme(theme: () => Theme): void {
    this.#ownTheme = theme;
  }

  /** Re-reads the theme (after a theme attribute changed). */
  applyTheme(): void {
    this.#applyTheme();
  }

  hostConnected(): void {
    this.#leave = askForCommunity(this.#host, this.#onProvided);
    this.#media = darkQuery();
    this.#media?.addEventListener('change', this.#onMedia);
    this.#applyTheme();
  }

  /**
   * Called when the element needs data: with no provider by then, fall back to the demo community.
   * Waiting until data is needed lets a provider that is defined later still win.
   */
  ensure(): void {
    if (this.value || this.#answered || this.#fallbackAsked) return;
    this.#fallbackAsked = true;
    void defaultCommunity('no-provider').then((community) => {
      this.#fallback = community;
      this.#changed();
    });
  }

  hostDisconnected(): void {
    this.#leave?.();
    this.#media?.removeEventListener('change', this.#onMedia);
  }

  #changed(): void {
    this.#applyTheme();
    this.#host.requestUpdate();
  }

  #applyTheme(): void {
    const dark = this.theme === 'dark' || (this.theme === 'auto' && !!this.#media?.matches);
    this.#host.setState(dark ? 'light' : 'dark', false);
    this.#host.setState(dark ? 'dark' : 'light', true);
  }
}
