import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localizer, messagesReady, onMessagesLoaded, type Localizer } from '../i18n/localizer.js';
import { onMessageSetLoaded, type MessageSet } from '../i18n/message-set.js';

type Host = ReactiveControllerHost & HTMLElement;

const hosts = new Set<Host>();
let observer: MutationObserver | undefined;

/** One observer for the whole page: a `lang` or `dir` change anywhere re-renders every Majlis element. */
function watch(host: Host): void {
  hosts.add(host);
  if (observer || typeof MutationObserver === 'undefined') return;
  const updateAll = () => hosts.forEach((h) => h.requestUpdate());
  onMessagesLoaded(updateAll);
  onMessageSetLoaded(updateAll);
  observer = new MutationObserver(updateAll);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
}

/** The nearest ancestor (or self) carrying the attribute, crossing shadow roots. */
export function closestAttribute(start: Element, name: 'lang' | 'dir'): string | null {
  let node: Element | null = start;
  while (node) {
    const match: Element | null = node.closest(`[${name}]`);
    const value = match?.getAttribute(name)?.trim();
    if (match && value) return value;
    const root = (match ?? node).getRootNode() as ShadowRoot | Document;
    node = 'host' in root ? root.host : null;
  }
  return null;
}

/**
 * Language and direction from the nearest ancestor, as the page sets them: `lang="ar"` gives Arabic
 * words and right-to-left even when no `dir` is set; an explicit `dir` wins.
 */
export class LocalizeController implements ReactiveController {
  readonly #host: Host;
  readonly #sets = new Set<MessageSet<object>>();
  /** Read once per update: a thread renders hundreds of times `l` and `dir`, and walking the DOM each time is slow. */
  #lang: string | undefined;
  #dir: 'ltr' | 'rtl' | undefined;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    watch(this.#host);
  }

  hostUpdate(): void {
    this.#lang = this.#dir = undefined;
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  get lang(): string {
    return (this.#lang ??= closestAttribute(this.#host, 'lang') ?? (typeof navigator !== 'undefined' ? navigator.language : 'en'));
  }

  /** False while the page language's messages are still loading; elements keep their loading state until then. */
  get ready(): boolean {
    const lang = this.lang;
    let ready = messagesReady(lang);
    for (const set of this.#sets) ready = set.ready(lang) && ready;
    return ready;
  }

  /** The element's own words in the page language; the element keeps its loading state until they are here. */
  words<T extends object>(set: MessageSet<T>): T {
    this.#sets.add(set);
    return set.for(this.lang);
  }

  /** Declare a message set up front, so the first data load already waits for its words. */
  use(set: MessageSet<object>): void {
    this.#sets.add(set);
  }

  /** The page language's words; asking starts loading them if needed (elements re-render when they land). */
  get l(): Localizer {
    const lang = this.lang;
    messagesReady(lang);
    return localizer(lang);
  }

  get dir(): 'ltr' | 'rtl' {
    if (!this.#dir) {
      const dir = closestAttribute(this.#host, 'dir');
      this.#dir = dir === 'rtl' || dir === 'ltr' ? dir : this.l.dir;
    }
    return this.#dir;
  }
}
