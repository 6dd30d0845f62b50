import type { LiveListener, SequencedEvent, Topic } from '../core/adapter.js';
import type { Store } from '../engine/store.js';

/** Where live events come from: the engine's own (one instance), or the database's feed (every instance). */
export type EventFeed = (listener: LiveListener) => (() => unknown) | Promise<() => unknown>;

export interface LiveHubOptions {
  /** A comment line this often keeps proxies from closing an idle stream (default 15 s). */
  heartbeatMs?: number;
  /** A client this many events behind is disconnected; it resumes with Last-Event-ID (default 1000). */
  maxQueued?: number;
  /** Told when a stream could not start (the store failed). */
  onError?: (error: unknown) => void;
}

export { checkTopic, isRestrictedTopic } from '../core/topics.js';

const encoder = new TextEncoder();

/**
 * Fans live events out to Server-Sent Event streams; one stream carries any number of topics.
 *
 * A stream starts with an `event: ready` whose `id:` is where the stream stands, then carries every
 * later event of its topic as `id: <seq>` + `data: <json>`. A client that reconnects with
 * Last-Event-ID N gets the events after N from the store's log first, then live ones: the listener is
 * registered before the log is read, and anything heard meanwhile is held and sent after the backlog,
 * each seq once — no gap and no duplicate across the switch.
 */
export class LiveHub {
  readonly #topics = new Map<string, Set<LiveStream>>();
  readonly #store: Pick<Store, 'eventsSince'>;
  readonly heartbeatMs: number;
  readonly maxQueued: number;
  readonly onError: (error: unknown) => void;
  /** The highest seq delivered so far (0 until the first event since this process started). */
  lastSeq = 0;

  constructor(store: Pick<Store, 'eventsSince'>, options: LiveHubOptions = {}) {
    this.#store = store;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.maxQueued = options.maxQueued ?? 1000;
    this.onError = options.onError ?? ((error) => console.error('[majlis] A live stream could not start.', error));
  }

  /** Every committed event, in seq order, each once (a repeated or older seq is ignored). */
  publish(event: SequencedEvent): void {
    if (event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    for (const stream of [...(this.#topics.get(event.topic) ?? [])]) stream.push(event);
  }

  /**
   * Opens a stream on a topic. `resumeAfter`: the client's Last-Event-ID, or null for a new stream.
   * `expiresAt` (epoch ms): when the viewer's token expires; the stream ends then, and the client
   * reconnects with a fresh token.
   */
  open(topics: Topic[], resumeAfter: number | null, replay: Topic[] = topics, expiresAt?: number, onClose?: () => void): LiveStream {
    const stream = new LiveStream(this, topics, expiresAt, onClose);
    for (const topic of topics) {
      let set = this.#topics.get(topic);
      if (!set) this.#topics.set(topic, (set = new Set()));
      set.add(stream);
    }
    void stream.start(resumeAfter, replay, this.lastSeq, this.#store);
    return stream;
  }

  remove(stream: LiveStream): void {
    for (const topic of stream.topics) {
      const set = this.#topics.get(topic);
      set?.delete(stream);
      if (set?.size === 0) this.#topics.delete(topic);
    }
  }

  /** Open streams. */
  get size(): number {
    const streams = new Set<LiveStream>();
    for (const set of this.#topics.values()) for (const stream of set) streams.add(stream);
    return streams.size;
  }

  /** Ends every stream: clients reconnect (shutdown, or a test's reset). */
  closeAll(): void {
    for (const set of [...this.#topics.values()]) for (const stream of [...set]) stream.close();
  }

  /** Forgets the position too: after a test store is emptied, sequence numbers may start again. */
  reset(): void {
    this.closeAll();
    this.lastSeq = 0;
  }
}

export class LiveStream {
  readonly topics: readonly Topic[];
  readonly body: ReadableStream<Uint8Array>;
  readonly #hub: LiveHub;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  /** Events heard while the backlog is read; null once live. */
  #held: SequencedEvent[] | null = [];
  #last = 0;
  #closed = false;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #expiry: ReturnType<typeof setTimeout> | undefined;
  readonly #onClose: (() => void) | undefined;

  constructor(hub: LiveHub, topics: readonly Topic[], expiresAt?: number, onClose?: () => void) {
    this.#hub = hub;
    this.topics = topics;
    this.#onClose = onClose;
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        cancel: () => this.close(),
      },
      { highWaterMark: 16 },
    );
    if (expiresAt !== undefined) {
      this.#expiry = setTimeout(() => this.close(), Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1));
      this.#expiry.unref?.();
    }
  }

  async start(resumeAfter: number | null, replay: readonly Topic[], hubSeq: number, store: Pick<Store, 'eventsSince'>): Promise<void> {
    try {
      this.#write(`retry: 3000\n\n`);
      // A Last-Event-ID ahead of what this instance has heard is honoured too: with several instances,
      // this one may lag another by a moment. (A MemoryStore that restarts counts from 1 again: its
      // clients hear nothing new until the count passes theirs; reload them.)
      const resume = resumeAfter;
      if (resume === null) {
        let position = hubSeq;
        if (position === 0) {
          // Nothing heard since this process started: where the topic's log stands, not counting what was heard meanwhile.
          const heard = new Set(this.#held?.map((e) => e.seq));
          for (const topic of this.topics) for (const event of await store.eventsSince(topic, 0)) if (!heard.has(event.seq)) position = Math.max(position, event.seq);
        }
        this.#ready(position);
      } else {
        this.#ready(resume);
        const backlog: SequencedEvent[] = [];
        for (const topic of replay) backlog.push(...(await store.eventsSince(topic, resume)));
        for (const event of backlog.sort((a, b) => a.seq - b.seq)) this.#send(event);
      }
      const held = this.#held ?? [];
      this.#held = null;
      for (const event of held.sort((a, b) => a.seq - b.seq)) this.#send(event);
      if (!this.#closed) {
        this.#heartbeat = setInterval(() => this.#write(': ping\n\n'), this.#hub.heartbeatMs);
        this.#heartbeat.unref?.();
      }
    } catch (error) {
      this.#hub.onError(error);
      this.close();
    }
  }

  push(event: SequencedEvent): void {
    if (this.#held) this.#held.push(event);
    else this.#send(event);
  }

  #ready(position: number): void {
    this.#last = position;
    this.#write(`event: ready\nid: ${position}\ndata: ${JSON.stringify({ seq: position })}\n\n`);
  }

  #send(event: SequencedEvent): void {
    if (event.seq <= this.#last) return;
    this.#last = event.seq;
    this.#write(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  #write(text: string): void {
    if (this.#closed) return;
    // A client that stopped reading: drop it rather than buffer without end; it resumes from its last id.
    if ((this.#controller.desiredSize ?? 0) < -this.#hub.maxQueued) return this.close();
    try {
      this.#controller.enqueue(encoder.encode(text));
    } catch {
      this.close();
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    clearTimeout(this.#expiry);
    this.#hub.remove(this);
    this.#onClose?.();
    try {
      this.#controller.close();
    } catch {
      // already closed by the client
    }
  }
}
