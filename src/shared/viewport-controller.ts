import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How close to the viewport an element must come before it asks for data. */
export const NEAR_VIEWPORT = '800px';

/** Becomes `near` once the host is within 800 px of the viewport, and stays so. */
export class ViewportController implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  #observer: IntersectionObserver | undefined;
  near = false;

  constructor(host: ReactiveControllerHost & Element) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.near) return;
    if (typeof IntersectionObserver === 'undefined') {
      this.near = true;
      return;
    }
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.near = true;
          this.#observer?.disconnect();
          this.#host.requestUpdate();
        }
      },
      { rootMargin: NEAR_VIEWPORT },
    );
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}
