import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ModerationApi } from '../../core/adapter.js';
import { requireCapability } from '../../core/capability.js';
import { newIdempotencyKey } from '../../core/ids.js';
import { isModeratorRole } from '../../core/roles.js';
import type { AuditEntry, Comment, Id, Member, ModerationDecision, ModerationItem, TargetRef } from '../../core/types.js';
import { MajlisModerationDecidedEvent } from '../../events/moderation-decided.js';
import { fill } from '../../i18n/localizer.js';
import { toCsv, downloadText } from '../../shared/csv.js';
import { DataController } from '../../shared/data-controller.js';
import { MajlisElement } from '../../shared/element.js';
import { LiveController } from '../../shared/live-controller.js';
import { loadMembers } from '../../shared/members.js';
import { renderPlainText } from '../../shared/plain-text.js';
import { neutralizeText } from '../../shared/text.js';
import { renderEmpty, renderError, renderLoading, stateStyles } from '../../shared/states.js';
import { controlStyles } from '../../styles/controls.js';
import { baseStyles } from '../../styles/tokens.js';
import { reasonWords } from '../../shared/report-reasons.messages.js';
import { moderationWords, type ModerationWords } from './moderation-queue.messages.js';
import { moderationQueueStyles } from './moderation-queue.styles.js';

const TAG = 'majlis-moderation-queue';
export type QueueTab = 'reported' | 'pending' | 'decided';
const TABS: readonly QueueTab[] = ['reported', 'pending', 'decided'];
const PAGE = 20;
const DAY_MS = 86_400_000;
const BAN_DAYS = [1, 7, 30, 365];
/** The most audit pages one export reads: 100 × 100 entries. */
const EXPORT_PAGES = 100;

type Verb = 'approve' | 'feature' | 'remove' | 'removeBan';

interface View {
  /** The tab this was read for: a reply that lands after the tab changed must not be shown in another. */
  tab: QueueTab;
  items: ModerationItem[];
  entries: AuditEntry[];
  next: string | null;
  total: number;
  counts: { reported: number; pending: number };
  names: Map<Id, Member>;
}

/** A decision shown as done but not yet sent: it can be undone until its timer fires. */
interface Held {
  targets: TargetRef[];
  verb: Verb;
  decision: Omit<ModerationDecision, 'target'>;
  keys: Map<TargetRef, string>;
  timer: ReturnType<typeof setTimeout>;
}

interface ReasonForm {
  targets: TargetRef[];
  ban: boolean;
  reason: string;
  days: number;
  error: string;
}

/** One decision on one target, as the backend would compare two requests. */
const decisionKey = (target: TargetRef, decision: Omit<ModerationDecision, 'target'>) => JSON.stringify([target, decision.action, decision.reason ?? '', decision.banUntil ?? '']);

const kindOf = (target: TargetRef) => target.slice(0, target.indexOf(':')) as 'comment' | 'member' | 'poll';

/**
 * @tagname majlis-moderation-queue
 * @summary For moderators and admins: the reported and pending items with their context, decided
 * with the keyboard (approve, feature, remove, remove and ban, each undoable for a few seconds and
 * in bulk), live as reports arrive; and the audit log of every decision, filtered and exported as CSV.
 *
 * @csspart base - The queue card.
 * @csspart tabs - The tab list; `tab` for each tab.
 * @csspart panel - The tab panel.
 * @csspart toolbar - Selection and bulk actions.
 * @csspart item - One item; `item-selected` while selected.
 * @csspart context - The reported content with the comment it answers.
 * @csspart author - The author's record: trust, points, upheld reports, ban.
 * @csspart reports - The reports on an item.
 * @csspart actions - An item's decision buttons.
 * @csspart reason-form - The reason (and ban length) asked for before removing.
 * @csspart toast - The message after a decision, with its undo button.
 * @csspart audit - The audit log table.
 * @csspart filters - The audit log filters and export button.
 * @csspart not-allowed - Shown to members and guests.
 * @csspart loading - The loading placeholder.
 * @csspart empty - Shown when a queue is empty.
 * @csspart error - The error block.
 *
 * @cssstate loading - The queue is loading.
 * @cssstate empty - The queue is empty.
 * @cssstate error - The queue could not be loaded.
 *
 * @fires majlis-moderation-decided - A decision was saved. `event.decision`.
 */
export class MajlisModerationQueue extends MajlisElement {
  static override styles = [baseStyles, stateStyles, controlStyles, moderationQueueStyles];

  /** Which tab shows: `reported`, `pending` or `decided` (the audit log). */
  @property({ reflect: true }) tab: QueueTab = 'reported';
  /** How long a decision can be undone before it is saved. */
  @property({ type: Number, attribute: 'undo-seconds' }) undoSeconds = 8;

  @state() private view: View | null = null;
  @state() private selected = new Set<TargetRef>();
  @state() private form: ReasonForm | null = null;
  @state() private toast: { message: string; undo: boolean; alert: boolean } | null = null;
  @state() private filters = { action: '', actor: '', text: '' };
  @state() private exporting = false;
  /** Targets whose decision is held for undo or being saved: out of the list meanwhile. */
  @state() private held = new Set<TargetRef>();
  #undoStack: Held[] = [];
  /** The item that has (or last had) keyboard focus, by target, so re-renders and live updates keep it. */
  #focusTarget: TargetRef | null = null;

  readonly #data = new DataController(this, {
    args: () => [this.tab] as const,
    load: async ([tab], { community, signal }) => {
      this.view = null;
      // Members and guests see "not allowed" without asking: the adapter would refuse them anyway.
      if (!isModeratorRole(community.viewer?.roles)) return { tab, items: [], entries: [], next: null, total: 0, counts: { reported: 0, pending: 0 }, names: new Map() };
      return this.#fetch(tab, signal);
    },
    // What is shown now, after live reloads and decisions, not only what the tab first loaded.
    isEmpty: (loaded) => {
      const view = this.#current ?? loaded;
      return this.tab === 'decided' ? !view.entries.length : !this.#visible(view).length;
    },
    lazy: false,
  });

  readonly #flushOnLeave = () => this.#flush();

  constructor() {
    super();
    this.localize.use(moderationWords);
    this.localize.use(reasonWords);
    new LiveController(this, () => (isModeratorRole(this.community.value?.viewer?.roles) ? 'moderation' : null), () => void this.#refresh(), { lazy: false });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // An unknown tab from markup shows the first one, and says so in the attribute.
    if (!TABS.includes(this.tab)) this.tab = 'reported';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pagehide', this.#flushOnLeave);
    addEventListener('online', this.#onOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pagehide', this.#flushOnLeave);
    removeEventListener('online', this.#onOnline);
    // Leaving the page must not lose a decision: save what is still waiting for its undo time.
    this.#flush();
  }

  get #moderation(): ModerationApi {
    return requireCapability(this.community.value!.adapter, 'moderation', TAG);
  }

  async #fetch(tab: QueueTab, signal?: AbortSignal, limit = PAGE, cursor?: string): Promise<View> {
    const moderation = this.#moderation;
    const [reported, pending] = await Promise.all(
      (['reported', 'pending'] as const).map((state) => moderation.queue({ state, limit: tab === state ? limit : 1, ...(tab === state && cursor && { cursor }) }, { signal })),
    );
    const counts = { reported: reported!.total ?? reported!.items.length, pending: pending!.total ?? pending!.items.length };
    if (tab === 'decided') {
      const audit = await moderation.audit({ limit, ...(cursor && { cursor }) }, { signal });
      const names = await loadMembers(this.community.value!.adapter, audit.items.map((e) => e.actorId).filter((id) => id !== 'system'), TAG, signal);
      return { tab, items: [], entries: audit.items, next: audit.nextCursor, total: audit.total ?? audit.items.length, counts, names };
    }
    const page = tab === 'reported' ? reported! : pending!;
    const names = await loadMembers(this.community.value!.adapter, page.items.flatMap((i) => i.reports.map((r) => r.reporterId)), TAG, signal);
    return { tab, items: page.items, entries: [], next: page.nextCursor, total: page.total ?? page.items.length, counts, names };
  }

  get #current(): View | undefined {
    const view = this.view ?? this.#data.value;
    return view?.tab === this.tab ? view : undefined;
  }

  #refreshing: Promise<void> | null = null;
  #refreshAgain = false;

  /**
   * New reports or another moderator's decision: reload what is shown, keeping focus and selection.
   * A burst of events (a bulk decision sends one per item) makes one reload, and one more after it.
   */
  #refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return this.#refreshing;
    }
    this.#refreshing = this.#reload().finally(() => {
      this.#refreshing = null;
      if (this.#refreshAgain) {
        this.#refreshAgain = false;
        void this.#refresh();
      }
    });
    return this.#refreshing;
  }

  async #reload(): Promise<void> {
    const current = this.#current;
    // The tab's first load is under way and may have read before this change: it starts again.
    if (!current) return this.#data.refresh();
    try {
      const shown = Math.max(PAGE, this.tab === 'decided' ? current.entries.length : current.items.length);
      const next = await this.#fetch(this.tab, undefined, Math.min(100, shown));
      if (next.tab !== this.tab) return;
      const before = new Set(current.items.map((i) => i.target));
      if (next.items.some((i) => !before.has(i.target))) this.#say(this.localize.words(moderationWords).newItems, false, false);
      this.selected = new Set([...this.selected].filter((t) => next.items.some((i) => i.target === t)));
      // Items are drawn by position: keep focus on the same item, not on whatever now stands where it stood.
      const hadFocus = this.shadowRoot?.activeElement?.matches('[part~="item"]');
      this.view = next;
      if (hadFocus && this.#focusTarget) {
        const target = this.#focusTarget;
        void this.updateComplete.then(() => this.#focusItem(target));
      }
    } catch {
      // The next live event tries again.
    }
  }

  async #loadMore(): Promise<void> {
    const current = this.#current;
    if (!current?.next) return;
    try {
      const more = await this.#fetch(this.tab, undefined, PAGE, current.next);
      if (more.tab !== this.tab) return;
      this.view = {
        ...more,
        items: [...current.items, ...more.items.filter((i) => !current.items.some((c) => c.target === i.target))],
        entries: [...current.entries, ...more.entries],
        names: new Map([...current.names, ...more.names]),
      };
    } catch (error) {
      this.#say(this.localize.l.error(error).message, false, true);
    }
  }

  // ───────────────────────── deciding, with undo

  #visible(view: View): ModerationItem[] {
    return view.items.filter((i) => !this.held.has(i.target));
  }

  #decide(targets: TargetRef[], verb: Verb, extra: { reason?: string; banUntil?: string } = {}): void {
    if (!targets.length) return;
    const words = this.localize.words(moderationWords);
    const view = this.#current;
    const visible = view ? this.#visible(view) : [];
    const focusIndex = visible.findIndex((i) => i.target === this.#focusTarget);
    const decision: Omit<ModerationDecision, 'target'> = {
      action: verb === 'removeBan' ? 'remove' : verb,
      ...(extra.reason && { reason: extra.reason }),
      ...(extra.banUntil && { banUntil: extra.banUntil }),
    };
    const held: Held = {
      targets,
      verb,
      decision,
      keys: new Map(targets.map((t) => [t, this.#failedKeys.get(decisionKey(t, decision)) ?? newIdempotencyKey()])),
      timer: setTimeout(() => void this.#commit(held), Math.max(0, this.undoSeconds) * 1000),
    };
    this.#undoStack.push(held);
    this.held = new Set([...this.held, ...targets]);
    this.selected = new Set([...this.selected].filter((t) => !targets.includes(t)));
    this.form = null;
    this.#say(fill(words.done[verb]!, { n: this.localize.l.number(targets.length) }), true, false);
    // Focus moves on to what now stands where the decided item was.
    const rest = visible.filter((i) => !targets.includes(i.target));
    const next = rest[Math.min(Math.max(focusIndex, 0), rest.length - 1)];
    this.#focusTarget = next?.target ?? null;
    void this.updateComplete.then(() => (next ? this.#focusItem(next.target) : this.#tabButton(this.tab)?.focus()));
  }

  /**
   * The key of each decision whose sending failed: deciding the same again reuses it, so a decision
   * that was saved but whose answer was lost is not made twice.
   */
  readonly #failedKeys = new Map<string, string>();
  /** Decisions that could not be sent offline: sent, with their keys, once the browser is back online. */
  #waitingForNetwork: Held[] = [];

  readonly #onOnline = () => {
    const waiting = this.#waitingForNetwork;
    this.#waitingForNetwork = [];
    for (const held of waiting) {
      this.#say(fill(this.localize.words(moderationWords).done[held.verb]!, { n: this.localize.l.number(held.targets.length) }), false, false);
      void this.#commit(held);
    }
  };

  async #commit(held: Held): Promise<void> {
    clearTimeout(held.timer);
    this.#undoStack = this.#undoStack.filter((h) => h !== held);
    const words = this.localize.words(moderationWords);
    const offline: TargetRef[] = [];
    for (const target of held.targets) {
      const key = decisionKey(target, held.decision);
      try {
        await this.#moderation.decide({ target, ...held.decision }, { idempotencyKey: held.keys.get(target)! });
        this.#failedKeys.delete(key);
        this.emit(new MajlisModerationDecidedEvent({ target, ...held.decision }));
        const view = this.#current;
        if (view) this.view = { ...view, items: view.items.filter((i) => i.target !== target), total: Math.max(0, view.total - 1), counts: this.#countsAfter(view, 1) };
      } catch (error) {
        const problem = this.localize.l.error(error);
        if (problem.offline) {
          // Kept out of the list, as the offline message promises, and sent once back online.
          offline.push(target);
          this.#say(problem.message, false, false);
          continue;
        }
        // The item comes back, and the moderator is told why.
        this.#failedKeys.set(key, held.keys.get(target)!);
        this.#say(fill(words.failed, { item: neutralizeText(target), message: problem.message }), false, true);
      }
      this.held = new Set([...this.held].filter((t) => t !== target));
    }
    if (offline.length) this.#waitingForNetwork.push({ ...held, targets: offline });
    // The audit log read before the decision was saved: read it again so the decision shows there.
    if (this.tab === 'decided') void this.#refresh();
  }

  #countsAfter(view: View, decided: number): View['counts'] {
    const counts = { ...view.counts };
    if (this.tab !== 'decided') counts[this.tab] = Math.max(0, counts[this.tab] - decided);
    return counts;
  }

  #undo(): void {
    const held = this.#undoStack.pop();
    if (!held) return;
    clearTimeout(held.timer);
    this.held = new Set([...this.held].filter((t) => !held.targets.includes(t)));
    this.#say(this.localize.words(moderationWords).undone, false, false);
    this.#focusTarget = held.targets[0]!;
    void this.updateComplete.then(() => this.#focusItem(held.targets[0]!));
  }

  /** Saves every held decision now. */
  #flush(): void {
    for (const held of [...this.#undoStack]) void this.#commit(held);
  }

  #say(message: string, undo: boolean, alert: boolean): void {
    this.toast = { message, undo, alert };
  }

  #openForm(targets: TargetRef[], ban: boolean): void {
    if (!targets.length) return;
    this.form = { targets, ban, reason: '', days: 7, error: '' };
    this.#focusReason();
  }

  #focusReason(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="reason-form"] textarea')?.focus());
  }

  #closeForm(): void {
    const target = this.form?.targets.length === 1 ? this.form.targets[0] : null;
    this.form = null;
    if (target) void this.updateComplete.then(() => this.#focusItem(target));
  }

  #submitForm(event: Event): void {
    event.preventDefault();
    const form = this.form;
    if (!form) return;
    const reason = form.reason.trim();
    if (!reason) {
      this.form = { ...form, error: this.localize.words(moderationWords).needReason };
      this.#focusReason();
      return;
    }
    const now = this.community.value?.now() ?? Date.now();
    this.#decide(form.targets, form.ban ? 'removeBan' : 'remove', { reason, ...(form.ban && { banUntil: new Date(now + form.days * DAY_MS).toISOString() }) });
  }

  // ───────────────────────── keyboard

  #items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="item"]')];
  }

  #focusItem(target: TargetRef): void {
    this.#focusTarget = target;
    this.requestUpdate();
    this.#items()
      .find((el) => el.dataset['target'] === target)
      ?.focus();
  }

  #tabButton(tab: QueueTab): HTMLElement | null {
    return this.renderRoot.querySelector(`#tab-${tab}`);
  }

  #onItemKey(event: KeyboardEvent, item: ModerationItem, visible: ModerationItem[]): void {
    if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
    const index = visible.indexOf(item);
    const move = (to: number) => {
      const next = visible[Math.max(0, Math.min(visible.length - 1, to))];
      if (next) this.#focusItem(next.target);
    };
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const actions: Record<string, () => void> = {
      ArrowDown: () => move(index + 1),
      j: () => move(index + 1),
      ArrowUp: () => move(index - 1),
      k: () => move(index - 1),
      Home: () => move(0),
      End: () => move(visible.length - 1),
      a: () => this.#decide([item.target], 'approve'),
      f: () => (item.comment ? this.#decide([item.target], 'feature') : undefined),
      r: () => this.#openForm([item.target], false),
      b: () => (item.author ? this.#openForm([item.target], true) : undefined),
      x: () => this.#toggle(item.target),
      ' ': () => this.#toggle(item.target),
      z: () => this.#undo(),
    };
    const action = actions[key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  #onTabKey(event: KeyboardEvent): void {
    const index = TABS.indexOf(this.tab);
    const forward = this.localize.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = this.localize.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const to =
      event.key === forward ? (index + 1) % TABS.length
      : event.key === back ? (index + TABS.length - 1) % TABS.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? TABS.length - 1
      : -1;
    if (to < 0) return;
    event.preventDefault();
    this.#select(TABS[to]!);
  }

  #select(tab: QueueTab): void {
    this.tab = tab;
    this.selected = new Set();
    this.form = null;
    void this.updateComplete.then(() => this.#tabButton(tab)?.focus());
  }

  #toggle(target: TargetRef): void {
    const selected = new Set(this.selected);
    if (!selected.delete(target)) selected.add(target);
    this.selected = selected;
  }

  // ───────────────────────── the audit log

  #matches(entry: AuditEntry, names: Map<Id, Member>): boolean {
    const { action, actor, text } = this.filters;
    if (action && entry.action !== action) return false;
    if (actor && entry.actorId !== actor) return false;
    const needle = text.trim().toLocaleLowerCase();
    return !needle || [entry.reason, entry.target, names.get(entry.actorId)?.name ?? ''].some((t) => t.toLocaleLowerCase().includes(needle));
  }

  /** The audit log as CSV, filtered as shown, every page read; spreadsheet formulas neutralized. */
  async auditCsv(): Promise<string> {
    const words = this.localize.words(moderationWords);
    const entries: AuditEntry[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < EXPORT_PAGES; page++) {
      const result = await this.#moderation.audit({ limit: 100, ...(cursor && { cursor }) });
      entries.push(...result.items);
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    const names = await loadMembers(this.community.value!.adapter, entries.map((e) => e.actorId).filter((id) => id !== 'system'), TAG);
    const rows = entries
      .filter((e) => this.#matches(e, names))
      .map((e) => [e.at, e.action, words.actions[e.action] ?? e.action, e.actorId, e.actorId === 'system' ? words.system : names.get(e.actorId)?.name ?? '', e.target, e.reason]);
    return toCsv(['at', 'action', words.action, 'moderator_id', words.moderator, words.target, words.reason], rows);
  }

  async #export(): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    try {
      const day = new Date(this.community.value?.now() ?? Date.now()).toISOString().slice(0, 10);
      downloadText(`majlis-audit-${day}.csv`, await this.auditCsv());
    } catch (error) {
      this.#say(this.localize.l.error(error).message, false, true);
    } finally {
      this.exporting = false;
    }
  }

  // ───────────────────────── rendering

  protected override render() {
    const words = this.localize.words(moderationWords);
    const community = this.community.value;
    if (!community || community.viewer === undefined) return nothing;
    if (!isModeratorRole(community.viewer?.roles))
      return html`<p part="not-allowed" class="state" dir=${this.localize.dir}>${community.viewer ? words.notAllowed : words.signIn}</p>`;
    const l = this.localize.l;
    const counts = this.#current?.counts;
    const label = (tab: QueueTab) => (tab !== 'decided' && counts ? `${words[tab]} (${l.number(Math.max(0, counts[tab] - this.#heldIn(tab)))})` : words[tab]);
    return html`<section part="base" dir=${this.localize.dir} aria-labelledby="title">
      <h2 id="title">${words.title}</h2>
      <div part="tabs" role="tablist" aria-label=${words.tabs} @keydown=${this.#onTabKey}>
        ${TABS.map(
          (tab) => html`<button part="tab" role="tab" id="tab-${tab}" type="button" aria-selected=${this.tab === tab ? 'true' : 'false'} aria-controls="panel"
            tabindex=${this.tab === tab ? 0 : -1} @click=${() => this.#select(tab)}>${label(tab)}</button>`,
        )}
      </div>
      <div part="panel" id="panel" role="tabpanel" aria-labelledby="tab-${this.tab}">
        ${this.#data.render({
          loading: () => renderLoading(l, '16rem'),
          error: (error, retry, retrying) => renderError(l, error, retry, retrying),
          empty: () => renderEmpty(this.tab === 'decided' ? words.emptyDecided : this.tab === 'pending' ? words.emptyPending : words.emptyReported),
          complete: (loaded) => (this.tab === 'decided' ? this.#audit(this.#current ?? loaded, words) : this.#queue(this.#current ?? loaded, words)),
        })}
      </div>
      <div part="toast" class="toast ${this.toast ? '' : 'idle'}" role=${this.toast?.alert ? 'alert' : 'status'}>
        ${this.toast
          ? html`<span>${this.toast.message}</span>${this.toast.undo && this.#undoStack.length
                ? html`<button class="secondary" type="button" @click=${() => this.#undo()}>${words.undo}</button>`
                : nothing}`
          : nothing}
      </div>
    </section>`;
  }

  #heldIn(tab: QueueTab): number {
    return tab === this.tab ? (this.#current?.items.filter((i) => this.held.has(i.target)).length ?? 0) : 0;
  }

  #queue(view: View, words: ModerationWords): TemplateResult {
    const visible = this.#visible(view);
    if (!visible.some((i) => i.target === this.#focusTarget)) this.#focusTarget = visible[0]!.target;
    const l = this.localize.l;
    const all = visible.every((i) => this.selected.has(i.target));
    const bulk = [...this.selected];
    return html`<p class="keys" id="keys">${words.keys}</p>
      <div part="toolbar" class="toolbar">
        <label class="check"><input type="checkbox" .checked=${all} .indeterminate=${!all && bulk.length > 0}
          @change=${() => (this.selected = all ? new Set() : new Set(visible.map((i) => i.target)))} /> ${words.selectAll}</label>
        ${bulk.length
          ? html`<span>${fill(words.selected, { n: l.number(bulk.length) })}</span>
              <button class="secondary" type="button" @click=${() => this.#decide(bulk, 'approve')}>${words.approveSelected}</button>
              <button class="secondary" type="button" @click=${() => this.#openForm(bulk, false)}>${words.removeSelected}</button>`
          : nothing}
      </div>
      ${this.form && this.form.targets.length > 1 ? this.#reasonForm(this.form, words) : nothing}
      <ul class="items" role="list">
        ${visible.map((item, index) => html`<li>${this.#item(item, index, view, visible, words)}</li>`)}
      </ul>
      ${view.next ? html`<button class="secondary more" type="button" @click=${() => void this.#loadMore()}>${words.loadMore}</button>` : nothing}`;
  }

  #item(item: ModerationItem, index: number, view: View, visible: ModerationItem[], words: ModerationWords): TemplateResult {
    const l = this.localize.l;
    const kind = kindOf(item.target);
    const authorName = neutralizeText(item.author?.name ?? words.unknownAuthor);
    const selected = this.selected.has(item.target);
    // By position, not from the target: a backend's target can be long, and rewriting it on every render costs.
    const headingId = `item-${index}`;
    const form = this.form?.targets.length === 1 && this.form.targets[0] === item.target ? this.form : null;
    const reasons = this.localize.words(reasonWords).reasons;
    const mayBan = item.author && item.author.id !== this.community.value?.viewer?.id;
    return html`<article part=${selected ? 'item item-selected' : 'item'} data-target=${item.target} tabindex=${item.target === this.#focusTarget ? 0 : -1}
      aria-labelledby=${headingId} aria-describedby="keys" @keydown=${(e: KeyboardEvent) => this.#onItemKey(e, item, visible)}
      @focus=${() => (this.#focusTarget = item.target)}>
      <header>
        <input type="checkbox" .checked=${selected} aria-label=${`${words.select}: ${fill(words.item, { kind: words[kind], author: authorName })}`} @change=${() => this.#toggle(item.target)} />
        <h3 id=${headingId}>${words[kind]} · ${renderPlainText(authorName)}</h3>
        <span class="meta">${item.score > 0 ? html`<span class="score">${fill(words.score, { score: l.number(item.score) })}</span>` : nothing}
          ${item.heldBecause ? html`<span class="held">${item.heldBecause === 'reports' ? words.heldReports : words.heldNewMember}</span>` : nothing}
          <time datetime=${item.createdAt} title=${l.dateTime(item.createdAt)}>${l.relativeTime(item.createdAt, this.community.value?.now())}</time></span>
      </header>
      <div part="context" class="context">
        ${item.parent ? html`<blockquote class="parent"><span class="label">${words.inReplyTo}</span> ${this.#body(item.parent)}</blockquote>` : nothing}
        ${item.comment ? this.#body(item.comment) : kind === 'poll' ? html`<p class="body">${neutralizeText(item.target)}</p>` : nothing}
      </div>
      ${item.author
        ? html`<p part="author" class="author">
            ${fill(words.record, { trust: l.messages.trust[item.author.trustLevel], points: l.plural('points', item.author.points), upheld: l.number(item.author.upheldReports) })}
            ${item.author.bannedUntil ? html` · <strong>${fill(words.bannedUntil, { date: l.dateTime(item.author.bannedUntil) })}</strong>` : nothing}
          </p>`
        : nothing}
      ${item.reports.length
        ? html`<details part="reports" class="reports" ?open=${item.reports.length <= 3}>
            <summary>${words.reports} (${l.number(item.reports.length)})</summary>
            <ul>
              ${item.reports.map(
                (r) => html`<li>
                  ${fill(words.reportBy, { reason: reasons[r.reason]?.[0] ?? r.reason, reporter: neutralizeText(view.names.get(r.reporterId)?.name ?? r.reporterId), weight: l.number(r.weight) })}
                  ${r.note ? html`<span class="note" dir="auto">${renderPlainText(r.note)}</span>` : nothing}
                </li>`,
              )}
            </ul>
          </details>`
        : nothing}
      ${form
        ? this.#reasonForm(form, words)
        : html`<div part="actions" class="actions">
            <button class="secondary" type="button" @click=${() => this.#decide([item.target], 'approve')}>${words.approve}</button>
            ${item.comment ? html`<button class="secondary" type="button" @click=${() => this.#decide([item.target], 'feature')}>${words.feature}</button>` : nothing}
            <button class="secondary danger" type="button" @click=${() => this.#openForm([item.target], false)}>${words.remove}</button>
            ${mayBan ? html`<button class="secondary danger" type="button" @click=${() => this.#openForm([item.target], true)}>${words.removeBan}</button>` : nothing}
          </div>`}
    </article>`;
  }

  #body(comment: Comment): TemplateResult {
    return html`<p class="body" dir="auto">${renderPlainText(comment.body)}</p>`;
  }

  #reasonForm(form: ReasonForm, words: ModerationWords): TemplateResult {
    const update = (patch: Partial<ReasonForm>) => (this.form = { ...form, ...patch });
    return html`<form part="reason-form" class="reason" @submit=${this.#submitForm} novalidate
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          this.#closeForm();
        }
      }}>
      <label>
        <span class="label">${words.reasonLabel}</span>
        <textarea class="field" rows="2" maxlength="1000" dir="auto" .value=${form.reason} aria-invalid=${form.error ? 'true' : 'false'}
          aria-describedby=${form.error ? 'reason-error' : nothing} @input=${(e: Event) => update({ reason: (e.target as HTMLTextAreaElement).value, error: '' })}></textarea>
      </label>
      ${form.error ? html`<p id="reason-error" class="error">${form.error}</p>` : nothing}
      ${form.ban
        ? html`<label><span class="label">${words.banFor}</span>
            <select class="field" @change=${(e: Event) => update({ days: Number((e.target as HTMLSelectElement).value) })}>
              ${BAN_DAYS.map((d) => html`<option value=${d} ?selected=${d === form.days}>${words.days[d]}</option>`)}
            </select></label>`
        : nothing}
      <div class="actions">
        <button class="primary danger" type="submit">${form.ban ? words.confirmRemoveBan : words.confirmRemove}</button>
        <button class="secondary" type="button" @click=${() => this.#closeForm()}>${words.cancel}</button>
      </div>
    </form>`;
  }

  #audit(view: View, words: ModerationWords): TemplateResult {
    const l = this.localize.l;
    const shown = view.entries.filter((e) => this.#matches(e, view.names));
    const actors = [...new Set(view.entries.map((e) => e.actorId))];
    const name = (id: Id) => (id === 'system' ? words.system : neutralizeText(view.names.get(id)?.name ?? id));
    const set = (patch: Partial<MajlisModerationQueue['filters']>) => (this.filters = { ...this.filters, ...patch });
    return html`<div part="filters" class="filters" role="group" aria-label=${words.filters}>
        <label><span class="label">${words.action}</span>
          <select class="field" @change=${(e: Event) => set({ action: (e.target as HTMLSelectElement).value })}>
            <option value="">${words.anyAction}</option>
            ${Object.keys(words.actions).map((a) => html`<option value=${a} ?selected=${this.filters.action === a}>${words.actions[a]}</option>`)}
          </select></label>
        <label><span class="label">${words.moderator}</span>
          <select class="field" @change=${(e: Event) => set({ actor: (e.target as HTMLSelectElement).value })}>
            <option value="">${words.anyModerator}</option>
            ${actors.map((id) => html`<option value=${id} ?selected=${this.filters.actor === id}>${name(id)}</option>`)}
          </select></label>
        <label class="grow"><span class="label">${words.search}</span>
          <input class="field" type="search" .value=${this.filters.text} @input=${(e: Event) => set({ text: (e.target as HTMLInputElement).value })} /></label>
        <button class="secondary" type="button" aria-disabled=${this.exporting ? 'true' : 'false'} @click=${() => void this.#export()}>${this.exporting ? words.exporting : words.exportCsv}</button>
      </div>
      <div class="scroll" tabindex="0" role="region" aria-label=${words.decided}>
        <table part="audit">
          <caption>${fill(words.shown, { shown: l.number(shown.length), total: l.number(view.total) })}</caption>
          <thead><tr><th scope="col">${words.when}</th><th scope="col">${words.action}</th><th scope="col">${words.moderator}</th><th scope="col">${words.target}</th><th scope="col">${words.reason}</th></tr></thead>
          <tbody>
            ${shown.map(
              (e) => html`<tr>
                <td><time datetime=${e.at}>${l.dateTime(e.at)}</time></td>
                <td>${words.actions[e.action] ?? e.action}</td>
                <td>${renderPlainText(name(e.actorId))}</td>
                <td><code>${neutralizeText(e.target)}</code></td>
                <td dir="auto">${renderPlainText(e.reason)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${view.next ? html`<button class="secondary more" type="button" @click=${() => void this.#loadMore()}>${words.loadMore}</button>` : nothing}`;
  }
}
