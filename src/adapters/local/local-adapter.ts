import type { CommunityAdapter, CommentsApi, InsightsApi, LiveApi, MembersApi, ModerationApi, PollsApi, ReactionsApi, ReportsApi, LeaderboardApi, SessionApi, SequencedEvent, CallOptions } from '../../core/adapter.js';
import { throwIfAborted } from '../../core/errors.js';
import type { ViewerClaims } from '../../core/types.js';
import { checkTopic } from '../../core/topics.js';
import { Engine, type EngineOptions } from '../../engine/engine.js';
import { MemoryStore, type MemoryStoreSnapshot } from '../../engine/memory-store.js';

export interface LocalAdapterOptions extends EngineOptions {
  /** The signed-in member, or null for a guest. Several adapters may share one engine, each as a different viewer. */
  viewer?: ViewerClaims | null;
  /** Share an engine (and so a community) between adapters. */
  engine?: Engine;
  /** Keep the community in localStorage under this key and share live events with other tabs of the site. */
  persist?: string;
}

interface TabMessage {
  event: SequencedEvent;
}

/** Every call honours the caller's AbortSignal, before and after the engine works, as a network call would. */
const settle = <T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> => {
  throwIfAborted(signal);
  return work().then((value) => {
    throwIfAborted(signal);
    return value;
  });
};

/**
 * The community engine running in the page. It enforces the same rules, errors and permissions as the
 * server, because it is the same engine; it is what tests, Storybook and the zero-config demo use.
 */
export class LocalAdapter implements CommunityAdapter {
  readonly name = 'local';
  readonly engine: Engine;
  #viewer: ViewerClaims | null;
  readonly #persistKey: string | undefined;
  #channel: BroadcastChannel | null = null;

  readonly session: SessionApi;
  readonly comments: CommentsApi;
  readonly reactions: ReactionsApi;
  readonly members: MembersApi;
  readonly polls: PollsApi;
  readonly leaderboard: LeaderboardApi;
  readonly reports: ReportsApi;
  readonly moderation: ModerationApi;
  readonly insights: InsightsApi;
  readonly live: LiveApi;

  constructor(options: LocalAdapterOptions = {}) {
    this.#viewer = options.viewer ?? null;
    this.#persistKey = options.persist;
    const store = options.store ?? (this.#persistKey ? new MemoryStore(readSnapshot(this.#persistKey), { idPrefix: Math.random().toString(36).slice(2, 7) }) : undefined);
    this.engine = options.engine ?? new Engine({ ...options, ...(store && { store }) });
    if (this.#persistKey) this.#connectTabs(this.#persistKey);

    const e = this.engine;
    const who = () => this.#viewer;
    const read = <T>(options: CallOptions | undefined, work: () => Promise<T>) => settle(options?.signal, work);
    const write = <T>(options: CallOptions | undefined, work: () => Promise<T>) => settle(options?.signal, () => this.#persisted(work));

    this.session = { viewer: (o) => read(o, () => e.viewer(who())) };
    this.comments = {
      list: (q, o) => read(o, () => e.listComments(who(), q)),
      get: (id, o) => read(o, () => e.getComment(who(), id)),
      count: (threads, o) => read(o, () => e.countComments(who(), threads)),
      history: (id, o) => read(o, () => e.history(who(), id)),
      post: (input, o) => write(o, () => e.postComment(who(), input, o?.idempotencyKey)),
      edit: (id, body, o) => write(o, () => e.editComment(who(), id, body, o?.idempotencyKey)),
      delete: (id, o) => write(o, () => e.deleteComment(who(), id, o?.idempotencyKey)),
      feature: (id, featured, o) => write(o, () => e.featureComment(who(), id, featured, o?.idempotencyKey)),
    };
    this.reactions = {
      react: (id, emoji, on, o) => write(o, () => e.react(who(), id, emoji, on, o?.idempotencyKey)),
      reactors: (id, emoji, q, o) => read(o, () => e.reactors(who(), id, emoji, q)),
    };
    this.members = {
      getMany: (ids, o) => read(o, () => e.getMembers(who(), ids)),
      badges: (id, o) => read(o, () => e.badges(who(), id)),
    };
    this.polls = {
      get: (id, o) => read(o, () => e.getPoll(who(), id, o?.anonymousKey)),
      create: (input, o) => write(o, () => e.createPoll(who(), input, o?.idempotencyKey)),
      vote: (id, options, o) => write(o, () => e.vote(who(), id, options, o?.idempotencyKey, o?.anonymousKey)),
      close: (id, o) => write(o, () => e.closePoll(who(), id, o?.idempotencyKey)),
    };
    this.leaderboard = { get: (q, o) => read(o, () => e.leaderboard(who(), q)) };
    this.reports = {
      submit: (input, o) => write(o, () => e.submitReport(who(), input, o?.idempotencyKey)),
      mine: (q, o) => read(o, () => e.myReports(who(), q)),
    };
    this.moderation = {
      queue: (q, o) => read(o, () => e.queue(who(), q)),
      decide: (d, o) => write(o, () => e.decide(who(), d, o?.idempotencyKey)),
      audit: (q, o) => read(o, () => e.audit(who(), q)),
      ban: (id, until, reason, o) => write(o, () => e.ban(who(), id, until, reason, o?.idempotencyKey)),
      unban: (id, o) => write(o, () => e.unban(who(), id, o?.idempotencyKey)),
    };
    this.insights = { report: (q, o) => read(o, () => e.insights(who(), q)) };
    this.live = {
      subscribe: (topic, listener) => {
        checkTopic(topic, this.#viewer);
        // Checked again at each delivery: the viewer may have changed since subscribing.
        return e.subscribe(topic, (event) => {
          if (this.#mayFollow(topic)) listener(event);
        });
      },
    };
  }

  get viewer(): ViewerClaims | null {
    return this.#viewer;
  }

  /** Act as another member (demo pickers, tests). Elements re-read the viewer through the provider. */
  setViewer(viewer: ViewerClaims | null): void {
    this.#viewer = viewer;
  }

  /** A second adapter on the same community, as another viewer. */
  as(viewer: ViewerClaims | null): LocalAdapter {
    return new LocalAdapter({ engine: this.engine, viewer });
  }

  /** Stop sharing with other tabs. */
  dispose(): void {
    this.#channel?.close();
    this.#channel = null;
  }

  #mayFollow(topic: string): boolean {
    try {
      checkTopic(topic, this.#viewer);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A write on a community kept in localStorage: under a lock shared by the site's tabs, take the
   * latest stored state, write, and store it again — so two tabs writing at once both keep their writes.
   */
  async #persisted<T>(work: () => Promise<T>): Promise<T> {
    const key = this.#persistKey;
    const store = this.engine.store;
    if (!key || !(store instanceof MemoryStore)) return work();
    const run = async () => {
      const latest = readSnapshot(key);
      if (latest) store.load(latest);
      const result = await work();
      this.#save(key, store);
      return result;
    };
    return globalThis.navigator?.locks ? globalThis.navigator.locks.request(`majlis:${key}`, run) : run();
  }

  #saveWarned = false;

  #save(key: string, store: MemoryStore): void {
    try {
      globalThis.localStorage?.setItem(key, JSON.stringify(store.snapshot()));
    } catch (error) {
      // Storage full or blocked: the community still works for this page, but will not survive a reload.
      if (!this.#saveWarned) console.warn('[majlis] Could not keep the local community in localStorage; changes will be lost on reload.', error);
      this.#saveWarned = true;
    }
  }

  #connectTabs(key: string): void {
    if (typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(`majlis:${key}`);
    this.engine.subscribeAll((event) => this.#channel?.postMessage({ event } satisfies TabMessage));
    this.#channel.onmessage = (message: MessageEvent<TabMessage>) => {
      const snapshot = readSnapshot(key);
      if (snapshot && this.engine.store instanceof MemoryStore) {
        // Another tab wrote: take its state, then tell this tab's listeners.
        this.engine.store.load(snapshot);
      }
      if (message.data?.event) this.engine.deliver(message.data.event);
    };
  }
}

function readSnapshot(key: string): MemoryStoreSnapshot | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as MemoryStoreSnapshot) : undefined;
    return parsed?.version === 1 ? parsed : undefined;
  } catch {
    return undefined;
  }
}
