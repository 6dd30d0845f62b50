import type { ReactiveController } from 'lit';
import type { SequencedEvent, Topic } from '../core/adapter.js';
import type { MajlisElement } from './element.js';

/**
 * Follows one live topic while the element is on the page, from when it first comes near the
 * viewport (as its data does: a page opens no live stream for what nobody has scrolled to):
 * subscribes through the community's adapter, follows topic and adapter changes, and stops on
 * disconnect. Adapters without live events simply give no updates.
 */
export class LiveController implements ReactiveController {
  readonly #host: MajlisElement;
  readonly #topic: () => Topic | null;
  readonly #onEvent: (event: SequencedEvent) => void;
  #current: { adapter: unknown; topic: Topic; stop: () => void } | null = null;
  readonly #lazy: boolean;

  /** `lazy: false` follows from the start, for an element that loads its data at once (as `DataController`'s option). */
  constructor(host: MajlisElement, topic: () => Topic | null, onEvent: (event: SequencedEvent) => void, { lazy = true }: { lazy?: boolean } = {}) {
    this.#host = host;
    this.#lazy = lazy;
    this.#topic = topic;
    this.#onEvent = onEvent;
    host.addController(this);
  }

  hostUpdated(): void {
    const adapter = this.#host.community.value?.adapter;
    const topic = this.#host.isConnected && (!this.#lazy || this.#host.nearViewport) ? this.#topic() : null;
    if (this.#current && this.#current.adapter === adapter && this.#current.topic === topic) return;
    this.#stop();
    if (!adapter?.live || !topic) return;
    try {
      const stop = adapter.live.subscribe(topic, (event) => this.#onEvent(event));
      this.#current = { adapter, topic, stop };
    } catch (error) {
      // A topic the viewer may not follow: no live updates, the rest of the element still works.
      // Remembered, so it is not asked again at every render.
      console.warn(`[majlis] Could not follow live updates of "${topic}".`, error);
      this.#current = { adapter, topic, stop: () => {} };
    }
  }

  /** Moved to another place on the page: subscribe again (Lit does not re-render on reconnect by itself). */
  hostConnected(): void {
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #stop(): void {
    this.#current?.stop();
    this.#current = null;
  }
}
