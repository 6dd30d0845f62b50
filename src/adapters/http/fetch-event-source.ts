/**
 * A minimal EventSource over fetch, for runtimes without one (Node 20) and for tests with a stub fetch.
 * It speaks the parts of the standard HttpAdapter uses — `open`, `message`, named events, `error`,
 * `readyState`, `lastEventId`, `close()` — and, unlike the browser's, never reconnects by itself:
 * HttpAdapter reconnects (and resumes) on `error`.
 *
 * ```ts
 * new HttpAdapter({ endpoint, EventSource: FetchEventSource });
 * ```
 */
export interface FetchEventSourceInit {
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

export class FetchEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;

  readonly url: string;
  readyState: 0 | 1 | 2 = 0;
  lastEventId = '';
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly #abort = new AbortController();

  constructor(url: string | URL, init: FetchEventSourceInit = {}) {
    super();
    this.url = String(url);
    void this.#run(init.fetch ?? globalThis.fetch.bind(globalThis), init.headers ?? {});
  }

  close(): void {
    this.readyState = 2;
    this.#abort.abort();
  }

  #emit(event: Event): void {
    this.dispatchEvent(event);
    if (event.type === 'open') this.onopen?.(event);
    else if (event.type === 'error') this.onerror?.(event);
    else if (event.type === 'message') this.onmessage?.(event as MessageEvent);
  }

  #fail(): void {
    if (this.readyState === 2) return;
    this.readyState = 2;
    this.#emit(new Event('error'));
  }

  async #run(fetcher: typeof fetch, headers: Record<string, string>): Promise<void> {
    try {
      const response = await fetcher(this.url, { headers: { Accept: 'text/event-stream', ...headers }, cache: 'no-store', signal: this.#abort.signal });
      if (!response.ok || !response.body || !/^text\/event-stream/i.test(response.headers.get('content-type') ?? '')) {
        await response.body?.cancel().catch(() => undefined);
        return this.#fail();
      }
      if (this.readyState === 2) return;
      this.readyState = 1;
      this.#emit(new Event('open'));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let pending = '';
      let data: string[] = [];
      let type = '';
      let id: string | null = null;
      const line = (text: string) => {
        if (text === '') {
          if (id !== null) this.lastEventId = id;
          id = null;
          if (data.length && this.readyState === 1) this.#emit(new MessageEvent(type || 'message', { data: data.join('\n'), lastEventId: this.lastEventId }));
          data = [];
          type = '';
          return;
        }
        if (text.startsWith(':')) return;
        const colon = text.indexOf(':');
        const field = colon < 0 ? text : text.slice(0, colon);
        let value = colon < 0 ? '' : text.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'data') data.push(value);
        else if (field === 'event') type = value;
        else if (field === 'id' && !value.includes('\u0000')) id = value;
      };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        pending += value;
        for (;;) {
          const end = /\r\n|\r|\n/.exec(pending);
          // A \r at the very end may be the first half of a \r\n still on its way.
          if (!end || (end[0] === '\r' && end.index === pending.length - 1)) break;
          line(pending.slice(0, end.index));
          pending = pending.slice(end.index + end[0].length);
        }
      }
    } catch {
      // aborted by close(), or the connection dropped
    }
    this.#fail();
  }
}
