import { LitElement } from 'lit';
import { CommunityController } from './community-controller.js';
import { LocalizeController } from './localize-controller.js';
import { ViewportController } from './viewport-controller.js';

/**
 * What every Majlis element shares: the community from context, language and direction from the page,
 * theme states, typed events and safe registration. Thin on purpose; behaviour lives in controllers.
 */
export class MajlisElement extends LitElement {
  /** Custom states (`:state(dark)`, `:state(loading)`…) for styling from outside. */
  readonly internals: ElementInternals = this.attachInternals();
  readonly localize = new LocalizeController(this);
  readonly community = new CommunityController(this);
  #viewport: ViewportController | undefined;

  /** Whether the element has come within 800 px of the viewport (it stays so); watching starts at the first ask. */
  get nearViewport(): boolean {
    return (this.#viewport ??= new ViewportController(this)).near;
  }

  /** Registers the element under `tag`; a second registration warns instead of throwing, so two bundles on one page coexist. */
  static define(tag: string, ctor: CustomElementConstructor = this): void {
    const existing = customElements.get(tag);
    if (!existing) customElements.define(tag, ctor);
    else if (existing !== ctor) console.warn(`[majlis] <${tag}> is already defined by another copy of Majlis; keeping the first one.`);
  }

  /** Dispatches an event from this element and returns whether it was not cancelled. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  /** Turns a custom state on or off; browsers without custom states only lose the styling hook. */
  setState(name: string, on: boolean): void {
    const states = this.internals.states as CustomStateSet | undefined;
    if (!states) return;
    try {
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      // Chromium 90–124 accepted only `--name` states.
      if (on) states.add(`--${name}`);
      else states.delete(`--${name}`);
    }
  }

  /** Whether a custom state is on. */
  hasState(name: string): boolean {
    return !!(this.internals.states as CustomStateSet | undefined)?.has(name);
  }
}
