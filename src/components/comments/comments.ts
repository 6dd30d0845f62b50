import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CommentPage, CommunityAdapter, SequencedEvent } from '../../core/adapter.js';
import { requireCapability } from '../../core/capability.js';
import { AdapterError, isAdapterError } from '../../core/errors.js';
import { newIdempotencyKey } from '../../core/ids.js';
import { isModeratorRole } from '../../core/roles.js';
import type { Comment, CommentRevision, CommentSort, Id, Member, ReactionCount } from '../../core/types.js';
import { MajlisCommentDeletedEvent } from '../../events/comment-deleted.js';
import type { MajlisCommentEditedEvent } from '../../events/comment-edited.js';
import type { MajlisCommentPostedEvent } from '../../events/comment-posted.js';
import { MajlisReactionEvent } from '../../events/reaction.js';
import { MajlisReportRequestEvent } from '../../events/report-request.js';
import { MajlisSignInRequestEvent } from '../../events/sign-in-request.js';
import { fill } from '../../i18n/localizer.js';
import { DataController } from '../../shared/data-controller.js';
import { MajlisElement } from '../../shared/element.js';
import { LiveController } from '../../shared/live-controller.js';
import { loadMembers } from '../../shared/members.js';
import { avatarStyles, renderAvatar } from '../../shared/avatar.js';
import { markdownStyles, renderUserText } from '../../shared/render-markdown.js';
import { renderPlainText } from '../../shared/plain-text.js';
import { neutralizeText } from '../../shared/text.js';
import { userTextWords } from '../../shared/render-markdown.messages.js';
import { renderEmpty, renderError, renderLoading, stateStyles } from '../../shared/states.js';
import { controlStyles } from '../../styles/controls.js';
import { baseStyles } from '../../styles/tokens.js';
import { commentsStyles } from './comments.styles.js';
import { commentsWords, type CommentsWords } from './comments.messages.js';

const TAG = 'majlis-comments';
const SORTS: readonly CommentSort[] = ['oldest', 'newest', 'top'];
const DEFAULT_REACTIONS = '👍,❤️,😂,🎉,🤔';
/** The engine's default edit window; the backend has the last word (edit_window). */
const EDIT_WINDOW_MS = 15 * 60_000;

interface Branch {
  items: Comment[];
  next: string | null;
  loading: boolean;
  /** Holds only what arrived here (the viewer's reply, a live one) while older items were never loaded. */
  partial?: boolean;
}

interface FirstPage {
  items: Comment[];
  next: string | null;
  total: number;
  members: Map<Id, Member>;
}

/**
 * @tagname majlis-comments
 * @summary A comment thread: comments with their authors, markdown, reactions and replies, sorted
 * and paged, with new comments from others announced live.
 *
 * @csspart base - The thread wrapper.
 * @csspart toolbar - The bar with the count and the sort menu.
 * @csspart sort - The sort menu.
 * @csspart list - A list of comments (top level or replies).
 * @csspart comment - One comment.
 * @csspart comment-featured - Added to featured comments.
 * @csspart author - The author chip (avatar and name).
 * @csspart avatar - The avatar image or initials.
 * @csspart author-name - The author's name.
 * @csspart role - The author's role badge (moderator, admin).
 * @csspart meta - Time, edited marker, featured marker.
 * @csspart body - The comment text.
 * @csspart placeholder - The text of a deleted or removed comment.
 * @csspart notice - The note on the viewer's own held or hidden comment.
 * @csspart reactions - The reaction buttons.
 * @csspart reaction - One reaction button.
 * @csspart actions - The row of actions (reply, edit, delete, feature, report).
 * @csspart reply-button - Opens a reply composer under the comment.
 * @csspart edit-button - Edits the viewer's own comment (within the edit window).
 * @csspart delete-button - Deletes the viewer's own comment, after `confirm-delete`.
 * @csspart confirm-delete - Confirms a deletion.
 * @csspart feature-button - Moderators: feature or unfeature the comment.
 * @csspart edited - The "edited" marker, a button that shows the edit history.
 * @csspart history - The edit history.
 * @csspart sign-in - The sign-in prompt shown to guests.
 * @csspart composer - (inside the composer) the comment form.
 * @csspart report-button - The report action.
 * @csspart replies-button - The button that shows a comment's replies.
 * @csspart load-more - The button that loads the next page.
 * @csspart new-banner - The banner that shows comments posted since the page loaded.
 * @csspart loading - The loading placeholder.
 * @csspart empty - The invitation shown on an empty thread.
 * @csspart error - The error block; `error-message` and `retry-button` inside it.
 *
 * @cssproperty --majlis-comments-density - Spacing scale: 0.75 compact, 1 default, 1.25 airy.
 * @cssproperty --majlis-comments-gap - Space between comments.
 * @cssproperty --majlis-comments-indent - Indent of each reply level.
 * @cssproperty --majlis-comments-avatar-size - Size of avatars.
 * @cssproperty --majlis-comments-featured-background - Background of featured comments.
 *
 * @cssstate loading - The first page is loading.
 * @cssstate empty - The thread has no comments.
 * @cssstate error - The thread could not be loaded.
 * @cssstate offline - The thread could not be loaded because the browser is offline.
 *
 * @fires majlis-reaction - The viewer's reaction was saved. `event.commentId`, `event.emoji`, `event.on`.
 * @fires majlis-report-request - The viewer asked to report a comment. `event.reportTarget` is `comment:<id>`. Cancel it to handle reporting yourself.
 * @fires majlis-sign-in-request - A guest tried something that needs an account. `event.intent` says what.
 */
export class MajlisComments extends MajlisElement {
  static override styles = [baseStyles, stateStyles, controlStyles, markdownStyles, avatarStyles, commentsStyles];

  /** The thread: any stable id of the page (slug, URL path, post id). Required. */
  @property({ reflect: true }) thread = '';
  /** `oldest`, `newest` or `top` (most reactions). */
  @property({ reflect: true }) sort: CommentSort = 'oldest';
  /** Top-level comments per page (1–5000; backends may allow fewer: the engine's default maximum is 100). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** Reply levels shown nested; deeper replies are shown flat with "Replying to …". */
  @property({ type: Number, attribute: 'max-depth' }) maxDepth = 3;
  /** The reactions offered, comma-separated. */
  @property() reactions = DEFAULT_REACTIONS;
  /** Show featured comments first. */
  @property({ type: Boolean, attribute: 'featured-first' }) featuredFirst = false;
  /** Read only: no composer, no reactions, no replies. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  @state() private top: Branch = { items: [], next: null, loading: false };
  @state() private replies = new Map<Id, Branch>();
  @state() private members = new Map<Id, Member>();
  @state() private fresh: Comment[] = [];
  @state() private announcement = '';
  @state() private liveTotal: number | null = null;
  /** The comment being replied to, edited, or asked about deleting. */
  @state() private replyingTo: Id | null = null;
  @state() private editingId: Id | null = null;
  @state() private deletingId: Id | null = null;
  @state() private histories = new Map<Id, CommentRevision[]>();
  @state() private composerReady = false;
  /** Who reacted, by `commentId|emoji`, loaded when a reaction is hovered or focused. */
  @state() private reactors = new Map<string, string>();
  #loaded: FirstPage | undefined;

  readonly #data = new DataController(this, {
    args: () => [this.thread, this.sort, this.pageSize, this.featuredFirst] as const,
    load: async ([thread, sort, pageSize, featuredFirst], { adapter, signal }) => {
      if (!thread) {
        console.error(`[majlis] <${TAG}> needs a thread attribute: <${TAG} thread="my-post">.`);
        throw new AdapterError('invalid', 'missing thread', { field: 'thread' });
      }
      const comments = requireCapability(adapter, 'comments', TAG);
      const page = await comments.list({ thread, sort: SORTS.includes(sort) ? sort : 'oldest', limit: clamp(pageSize, 1, 5000, 20), featuredFirst }, { signal });
      const members = await membersOf(page, adapter, signal);
      return { items: page.items, next: page.nextCursor, total: page.threadCount ?? page.total ?? page.items.length, members } satisfies FirstPage;
    },
    isEmpty: (page) => page.items.length === 0,
  });

  constructor() {
    super();
    this.localize.use(commentsWords);
    this.localize.use(userTextWords);
    new LiveController(this, () => (this.thread ? `thread:${this.thread}` : null), (event) => this.#onLive(event));
  }

  #refocusSort = false;

  protected override updated(): void {
    // The sort menu is re-rendered with the new order: give it back its focus.
    if (this.#refocusSort && !(this.#data.status === 'loading' || this.#data.status === 'waiting')) {
      this.#refocusSort = false;
      void this.#focus('[part="sort"]');
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The composer is code only writers need: it loads once a signed-in viewer can write here.
    if (!this.composerReady && this.#viewer && !this.readonly)
      void import('../../define/comment-composer.js').then(
        () => (this.composerReady = true),
        (error: unknown) => console.error('[majlis] Could not load the comment composer.', error),
      );
    const page = this.#data.value;
    if (page && page !== this.#loaded) {
      // A fresh first page: start the view over from it.
      this.#loaded = page;
      this.top = { items: page.items, next: page.next, loading: false };
      this.replies = new Map();
      this.members = new Map(page.members);
      this.fresh = [];
      this.liveTotal = null;
    }
  }

  get #adapter(): CommunityAdapter | undefined {
    return this.community.value?.adapter;
  }

  get #viewer(): Member | null | undefined {
    return this.community.value?.viewer;
  }

  // ───────────────────────── live

  /** Live events can arrive out of order: the sequence of the count shown, and the newest state heard of each comment (null: deleted). */
  #countSeq = -Infinity;
  readonly #heard = new Map<Id, { seq: number; comment: Comment | null }>();

  #newest(id: Id, seq: number, comment: Comment | null): Comment | null {
    const known = this.#heard.get(id);
    if (known && known.seq > seq) return known.comment;
    this.#heard.set(id, { seq, comment });
    return comment;
  }

  #onLive(event: SequencedEvent): void {
    const words = this.localize.words(commentsWords);
    const l = this.localize.l;
    if (event.type === 'count.updated' && event.thread === this.thread && event.seq >= this.#countSeq) {
      this.#countSeq = event.seq;
      this.liveTotal = event.count;
    }
    if (event.type === 'comment.created' && event.comment.thread === this.thread) {
      // Deleted or edited since, by a later event that came first: offer the latest, or nothing.
      const comment = this.#newest(event.comment.id, event.seq, event.comment);
      if (!comment || comment.authorId === this.#viewer?.id || this.#find(comment.id) || this.fresh.some((c) => c.id === comment.id)) return;
      // No jump under the reader's eyes: new comments wait behind a banner.
      this.fresh = [...this.fresh, comment];
      void this.#announce(l.plural(words.newComments, this.fresh.length));
    } else if (event.type === 'comment.updated' || event.type === 'reactions.updated' || event.type === 'comment.deleted') {
      const id = event.type === 'comment.updated' ? event.comment.id : event.commentId;
      if (event.type !== 'reactions.updated') {
        const latest = this.#newest(id, event.seq, event.type === 'comment.updated' ? event.comment : null);
        // Offered in the banner but not shown yet: keep the offer current, or withdraw it.
        if (this.fresh.some((c) => c.id === id)) this.fresh = this.fresh.flatMap((c) => (c.id !== id ? [c] : latest ? [latest] : []));
      }
      this.#forgetReactors(id);
      // The viewer's own reaction in flight has the last word on that comment.
      if (this.#find(id) && !this.#reacting.has(id)) void this.#refresh(id);
    }
  }

  async #showFresh(): Promise<void> {
    const adapter = this.#adapter;
    // Skip what paging already showed, and replies whose parent is not on screen.
    const arriving = this.fresh
      .filter((c) => !this.#find(c.id) && (c.parentId === null || this.#find(c.parentId)))
      // In the order they were written, whatever order their live events came in.
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    this.fresh = [];
    if (!adapter || !arriving.length) return this.#focus('.count');
    const members = await loadMembers(adapter, authorsOf(arriving), TAG);
    this.members = new Map([...this.members, ...members]);
    for (const comment of arriving) this.#insert(comment, false);
    await this.#focus(byId(arriving[0]!.id), '.count');
  }

  /** Says something through the polite live region, even when it is the same words as last time. */
  async #announce(text: string): Promise<void> {
    this.announcement = '';
    await this.updateComplete;
    this.announcement = text;
  }

  readonly #reacting = new Set<Id>();

  #forgetReactors(commentId: Id): void {
    if ([...this.reactors.keys()].some((key) => key.startsWith(`${commentId}|`)))
      this.reactors = new Map([...this.reactors].filter(([key]) => !key.startsWith(`${commentId}|`)));
  }

  /** Re-reads one comment after a live change (edit, reactions, deletion). */
  async #refresh(id: Id): Promise<void> {
    const comments = this.#adapter?.comments;
    if (!comments) return;
    try {
      const comment = await comments.get(id);
      this.#patch(id, () => comment);
    } catch (error) {
      if (isAdapterError(error) && error.code === 'not_found') this.#remove(id);
    }
  }

  // ───────────────────────── the view's comments

  #find(id: Id): Comment | undefined {
    return this.top.items.find((c) => c.id === id) ?? [...this.replies.values()].flatMap((b) => b.items).find((c) => c.id === id);
  }

  #patch(id: Id, change: (comment: Comment) => Comment): void {
    const apply = (items: Comment[]) => items.map((c) => (c.id === id ? change(c) : c));
    if (this.top.items.some((c) => c.id === id)) this.top = { ...this.top, items: apply(this.top.items) };
    for (const [parent, branch] of this.replies) if (branch.items.some((c) => c.id === id)) this.#setBranch(parent, { ...branch, items: apply(branch.items) });
  }

  #remove(id: Id): void {
    this.top = { ...this.top, items: this.top.items.filter((c) => c.id !== id) };
    for (const [parent, branch] of this.replies) this.#setBranch(parent, { ...branch, items: branch.items.filter((c) => c.id !== id) });
  }

  /**
   * Puts a new comment where it belongs: at the top level by the sort, or at the end of its parent's
   * replies. `open`: a branch never opened is opened holding only this reply (the viewer's own), partial
   * so the older replies can still be shown; otherwise the reply only counts until the branch is opened.
   */
  #insert(comment: Comment, open: boolean): void {
    const parentId = comment.parentId;
    if (parentId === null) {
      this.top = { ...this.top, items: this.sort === 'newest' ? [comment, ...this.top.items] : [...this.top.items, comment] };
      return;
    }
    const branch = this.replies.get(parentId) ?? (open ? { items: [], next: null, loading: false, partial: true } : undefined);
    if (branch) this.#setBranch(parentId, { ...branch, items: [...branch.items, comment] });
    this.#patch(parentId, (parent) => ({ ...parent, replyCount: parent.replyCount + 1 }));
  }

  #setBranch(parentId: Id, branch: Branch): void {
    this.replies = new Map(this.replies).set(parentId, branch);
  }

  async #loadMore(parentId: Id | null): Promise<void> {
    const adapter = this.#adapter;
    if (!adapter) return;
    const comments = requireCapability(adapter, 'comments', TAG);
    const branch = parentId === null ? this.top : (this.replies.get(parentId) ?? { items: [], next: null, loading: false });
    if (branch.loading) return;
    const set = (b: Branch) => (parentId === null ? (this.top = b) : this.#setBranch(parentId, b));
    const current = () => (parentId === null ? this.top : (this.replies.get(parentId) ?? branch));
    const view = this.#loaded;
    set({ ...branch, loading: true });
    try {
      const page = await comments.list({ thread: this.thread, parentId, sort: parentId === null ? this.sort : 'oldest', cursor: branch.partial ? null : branch.next, limit: clamp(this.pageSize, 1, 5000, 20), featuredFirst: parentId === null && this.featuredFirst });
      const members = await membersOf(page, adapter);
      // The thread was reloaded (another sort, another thread) meanwhile: this page belongs to no one.
      if (view !== this.#loaded) return;
      this.members = new Map([...this.members, ...members]);
      // Merge into the branch as it is now: changes made while the page loaded stay.
      const now = current();
      const known = new Set(now.items.map((c) => c.id));
      set({ items: [...now.items, ...page.items.filter((c) => !known.has(c.id))], next: page.nextCursor, loading: false });
      const first = page.items.find((c) => !known.has(c.id));
      await this.#focus(first && byId(first.id));
    } catch (error) {
      set({ ...current(), loading: false });
      void this.#announce(this.localize.l.error(error).message);
    }
  }

  // ───────────────────────── actions

  #needsAccount(intent: string): boolean {
    if (this.#viewer) return false;
    this.emit(new MajlisSignInRequestEvent(intent));
    void this.#announce(this.localize.l.t('signInPrompt'));
    return true;
  }

  async #react(comment: Comment, emoji: string): Promise<void> {
    if (this.#needsAccount('react')) return;
    const reactionsApi = this.#adapter?.reactions;
    // One reaction write per comment at a time: overlapping toggles could end in a state nobody chose.
    if (!reactionsApi || this.#reacting.has(comment.id)) return;
    this.#reacting.add(comment.id);
    this.#forgetReactors(comment.id);
    const before = comment.reactions;
    const mine = before.find((r) => r.emoji === emoji)?.mine ?? false;
    // Optimistic: show it now, undo if the backend refuses.
    this.#patch(comment.id, (c) => ({ ...c, reactions: toggled(c.reactions, emoji, !mine) }));
    try {
      const after = await reactionsApi.react(comment.id, emoji, !mine, { idempotencyKey: newIdempotencyKey() });
      this.#patch(comment.id, (c) => ({ ...c, reactions: after }));
      this.emit(new MajlisReactionEvent(comment.id, emoji, !mine));
    } catch (error) {
      this.#patch(comment.id, (c) => ({ ...c, reactions: before }));
      const words = this.localize.words(commentsWords);
      void this.#announce(`${words.reactionFailed} ${this.localize.l.error(error).message}`);
    } finally {
      this.#reacting.delete(comment.id);
    }
  }

  async #loadReactors(comment: Comment, emoji: string): Promise<void> {
    const id = `${comment.id}|${emoji}`;
    const adapter = this.#adapter;
    if (this.reactors.has(id) || !adapter?.reactions || !comment.reactions.some((r) => r.emoji === emoji)) return;
    this.reactors = new Map(this.reactors).set(id, '');
    try {
      const page = await adapter.reactions.reactors(comment.id, emoji, { limit: 5 });
      const members = await loadMembers(adapter, page.items, TAG);
      const names = page.items.map((m) => neutralizeText(members.get(m)?.name ?? this.localize.words(commentsWords).unknownMember));
      const l = this.localize.l;
      const words = this.localize.words(commentsWords);
      const list = new Intl.ListFormat(l.lang, { type: 'conjunction' }).format(names);
      const more = (page.total ?? names.length) - names.length;
      this.reactors = new Map(this.reactors).set(id, more > 0 ? l.plural(words.reactedByMore, more, { names: list }) : fill(words.reactedBy, { names: list }));
    } catch {
      this.reactors = new Map([...this.reactors].filter(([key]) => key !== id));
    }
  }

  /** The comment whose report dialog is open, once the report button's code is loaded. */
  @state() private reportingId: Id | null = null;

  #report(comment: Comment): void {
    if (this.#needsAccount('report')) return;
    // A host page may handle reporting itself by cancelling the request.
    if (!this.emit(new MajlisReportRequestEvent(`comment:${comment.id}`))) return;
    void import('../../define/report-button.js').then(async () => {
      this.reportingId = comment.id;
      await this.updateComplete;
      const button = this.renderRoot.querySelector(`majlis-report-button[target="comment:${CSS.escape(comment.id)}"]`) as (HTMLElement & { open(): void; updateComplete: Promise<unknown> }) | null;
      await button?.updateComplete;
      button?.open();
    });
  }

  #canChange(comment: Comment): boolean {
    const now = this.community.value?.now() ?? Date.now();
    return comment.status === 'visible' && comment.authorId === this.#viewer?.id && now - Date.parse(comment.createdAt) < EDIT_WINDOW_MS;
  }

  get #isModerator(): boolean {
    return isModeratorRole(this.#viewer?.roles);
  }

  #focusComment(id: Id): Promise<void> {
    return this.#focus(byId(id));
  }

  /** After the coming render, focuses the first of `selectors` that is on screen. */
  async #focus(...selectors: (string | false | undefined)[]): Promise<void> {
    await this.updateComplete;
    for (const selector of selectors) {
      const target = selector && this.renderRoot.querySelector<HTMLElement>(selector);
      if (target) return target.focus();
    }
  }

  #onPosted(event: MajlisCommentPostedEvent): void {
    const comment = event.comment;
    const viewer = this.#viewer;
    if (viewer) this.members = new Map(this.members).set(viewer.id, viewer);
    // A retry whose first try got through (the answer was lost, then the page reloaded): already shown.
    const known = !!this.#find(comment.id);
    if (!known) this.#insert(comment, true);
    if (comment.parentId !== null || known) this.replyingTo = null;
    // With live events the backend's count.updated sets the total; without them, count here.
    if (!known && !this.#adapter?.live) this.liveTotal = (this.liveTotal ?? this.#loaded?.total ?? 0) + (comment.status === 'visible' ? 1 : 0);
    void this.#announce(this.localize.words(commentsWords).postedDone);
    void this.#focusComment(comment.id);
  }

  #onEdited(event: MajlisCommentEditedEvent): void {
    this.#patch(event.comment.id, (c) => ({ ...event.comment, reactions: c.reactions }));
    this.histories = new Map([...this.histories].filter(([id]) => id !== event.comment.id));
    this.editingId = null;
    void this.#focusComment(event.comment.id);
  }

  #startReply(comment: Comment): void {
    if (this.#needsAccount('comment')) return;
    this.replyingTo = comment.id;
    this.editingId = null;
    void this.#focus(`[data-reply-to="${CSS.escape(comment.id)}"]`);
  }

  #startEdit(comment: Comment): void {
    this.editingId = comment.id;
    this.replyingTo = null;
    void this.#focus(`[data-editing="${CSS.escape(comment.id)}"]`);
  }

  #deletePending = false;

  async #delete(comment: Comment): Promise<void> {
    const comments = this.#adapter?.comments;
    if (!comments || this.#deletePending) return;
    this.#deletePending = true;
    const words = this.localize.words(commentsWords);
    try {
      await comments.delete(comment.id, { idempotencyKey: newIdempotencyKey() });
      if (comment.parentId && comment.replyCount === 0) this.#patch(comment.parentId, (parent) => ({ ...parent, replyCount: Math.max(0, parent.replyCount - 1) }));
      const next = this.#neighbour(comment.id);
      if (comment.replyCount > 0) this.#patch(comment.id, (c) => ({ ...c, status: 'deleted', body: '', reactions: [] }));
      else this.#remove(comment.id);
      this.deletingId = null;
      if (!this.#adapter?.live) this.liveTotal = Math.max(0, (this.liveTotal ?? this.#loaded?.total ?? 1) - 1);
      void this.#announce(words.deletedDone);
      this.emit(new MajlisCommentDeletedEvent({ ...comment, status: 'deleted', body: '' }));
      // Focus goes to the next comment, or back to the thread's heading.
      await this.#focus(next && byId(next), '.count');
    } catch (error) {
      this.deletingId = null;
      void this.#announce(this.localize.l.error(error).message);
      void this.#focusComment(comment.id);
    } finally {
      this.#deletePending = false;
    }
  }

  /** The id of the comment after (or before) this one in its list. */
  #neighbour(id: Id): Id | undefined {
    const lists = [this.top.items, ...[...this.replies.values()].map((b) => b.items)];
    for (const list of lists) {
      const i = list.findIndex((c) => c.id === id);
      if (i >= 0) return (list[i + 1] ?? list[i - 1])?.id;
    }
    return undefined;
  }

  async #toggleHistory(comment: Comment): Promise<void> {
    if (this.histories.has(comment.id)) {
      this.histories = new Map([...this.histories].filter(([id]) => id !== comment.id));
      return;
    }
    const comments = this.#adapter?.comments;
    if (!comments) return;
    try {
      this.histories = new Map(this.histories).set(comment.id, await comments.history(comment.id));
    } catch (error) {
      void this.#announce(this.localize.l.error(error).message);
    }
  }

  async #feature(comment: Comment): Promise<void> {
    const comments = this.#adapter?.comments;
    if (!comments) return;
    try {
      const updated = await comments.feature(comment.id, !comment.featured, { idempotencyKey: newIdempotencyKey() });
      this.#patch(comment.id, (c) => ({ ...c, featured: updated.featured }));
    } catch (error) {
      void this.#announce(this.localize.l.error(error).message);
    }
  }

  #composer(options: { parentId?: Id; editing?: Comment; replyToName?: string }): TemplateResult | typeof nothing {
    if (!this.composerReady) return nothing;
    return html`<majlis-comment-composer
      thread=${this.thread}
      .parentId=${options.parentId ?? null}
      .editing=${options.editing ?? null}
      .replyToName=${options.replyToName ?? null}
      .participants=${[...this.members.values()]}
      data-reply-to=${options.parentId ?? ''}
      data-editing=${options.editing?.id ?? ''}
      @majlis-comment-posted=${this.#onPosted}
      @majlis-comment-edited=${this.#onEdited}
      @cancel=${() => {
        const back = this.replyingTo ?? this.editingId;
        this.replyingTo = this.editingId = null;
        if (back) void this.#focusComment(back);
      }}
    ></majlis-comment-composer>`;
  }

  #topComposer(words: CommentsWords): TemplateResult | typeof nothing {
    if (this.readonly) return nothing;
    if (this.#viewer === null)
      return html`<div part="sign-in" class="sign-in">
        <p>${this.localize.l.t('signInPrompt')}</p>
        <button type="button" class="primary" @click=${() => this.emit(new MajlisSignInRequestEvent('comment'))}>${words.signInToComment}</button>
      </div>`;
    return this.#composer({});
  }

  // ───────────────────────── rendering

  protected override render() {
    const l = this.localize.l;
    const words = this.localize.words(commentsWords);
    return html`<section part="base" dir=${this.localize.dir} aria-label=${words.label} aria-busy=${this.#data.status === 'loading' || this.#data.status === 'waiting' ? 'true' : 'false'}>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.#data.render({
        // A page of comments is taller than the screen: reserving the screen keeps what follows the thread out of view until they land.
        loading: () => renderLoading(l, '100vh'),
        error: (error, retry, retrying) => renderError(l, error, retry, retrying),
        empty: () =>
          this.top.items.length || this.fresh.length
            ? this.#list(words, 0)
            : html`${this.#toolbar(words, 0)}${this.#topComposer(words)}${renderEmpty(this.readonly ? words.readonly : words.emptyInvitation)}`,
        complete: (page) => this.#list(words, page.total),
      })}
    </section>`;
  }

  #list(words: CommentsWords, total: number): TemplateResult {
    const l = this.localize.l;
    return html`${this.#toolbar(words, this.liveTotal ?? total)}${this.#topComposer(words)}${this.#banner(words)}
          <ol part="list" class="level-0">${repeat(this.top.items, (c) => c.id, (c) => this.#renderComment(c, words, 0))}</ol>
          ${this.top.next
            ? html`<button part="load-more" type="button" class="quiet" ?disabled=${this.top.loading} @click=${() => this.#loadMore(null)}>${this.top.loading ? l.t('loading') : words.loadMore}</button>`
            : nothing}
          ${this.readonly ? html`<p class="closed">${words.readonly}</p>` : nothing}`;
  }

  #toolbar(words: CommentsWords, total: number): TemplateResult {
    const l = this.localize.l;
    return html`<div part="toolbar" class="toolbar">
      <h2 class="count" tabindex="-1">${l.plural('comments', total)}</h2>
      <label class="sort"
        >${words.sortLabel}
        <select part="sort" .value=${this.sort} @change=${(e: Event) => {
          this.sort = (e.target as HTMLSelectElement).value as CommentSort;
          this.#refocusSort = true;
        }}>
          <option value="oldest">${words.sortOldest}</option>
          <option value="newest">${words.sortNewest}</option>
          <option value="top">${words.sortTop}</option>
        </select>
      </label>
    </div>`;
  }

  #banner(words: CommentsWords): TemplateResult | typeof nothing {
    if (!this.fresh.length) return nothing;
    return html`<button part="new-banner" type="button" class="banner" @click=${() => this.#showFresh()}>${this.localize.l.plural(words.newComments, this.fresh.length)}</button>`;
  }

  #renderComment(comment: Comment, words: CommentsWords, level: number): TemplateResult {
    const l = this.localize.l;
    const author = this.members.get(comment.authorId);
    const gone = comment.status === 'deleted' || comment.status === 'removed';
    const nested = level < this.maxDepth - 1;
    const branch = this.replies.get(comment.id);
    const replies = branch?.items ?? [];
    const replyTo = comment.depth > level && comment.replyToAuthorId ? this.members.get(comment.replyToAuthorId) : undefined;
    const article = html`<article part=${comment.featured ? 'comment comment-featured' : 'comment'} class=${comment.featured ? 'featured' : ''} tabindex="-1" data-comment-id=${comment.id} aria-labelledby="author-${comment.id}">
      <header class="head">
        ${gone ? html`<span id="author-${comment.id}" class="visually-hidden">${comment.status === 'deleted' ? words.deleted : words.removed}</span>` : this.#author(comment, author, words)}
        <span part="meta" class="meta">
          <time datetime=${comment.createdAt} title=${l.dateTime(comment.createdAt)}>${l.relativeTime(comment.createdAt, this.community.value?.now())}</time>
          ${comment.editedAt && !gone
            ? html`<button type="button" part="edited" class="edited" title=${l.dateTime(comment.editedAt)} aria-expanded=${this.histories.has(comment.id) ? 'true' : 'false'} @click=${() => this.#toggleHistory(comment)}>· ${words.edited}</button>`
            : nothing}
          ${comment.featured ? html`<span class="featured-mark">★ ${words.featured}</span>` : nothing}
        </span>
      </header>
      ${replyTo ? html`<p class="reply-to">${fill(words.replyingTo, { name: `@${neutralizeText(replyTo.name)}` })}</p>` : nothing}
      ${gone
        ? html`<p part="placeholder" class="placeholder">${comment.status === 'deleted' ? words.deleted : words.removed}${comment.removalReason
              ? html` ${fill(words.removalReason, { reason: neutralizeText(comment.removalReason) })}`
              : nothing}</p>`
        : html`${comment.status === 'pending' || comment.status === 'hidden'
              ? html`<p part="notice" class="notice">${comment.status === 'pending' ? words.pending : words.hidden}</p>`
              : nothing}
            ${this.editingId === comment.id
              ? this.#composer({ editing: comment })
              : html`<div part="body" class="body">${renderUserText(this.localize.words(userTextWords), comment.body)}</div>`}
            ${this.#history(comment, words)} ${this.#reactions(comment, words)} ${this.#actions(comment, words)}
            ${this.replyingTo === comment.id ? this.#composer({ parentId: comment.id, replyToName: neutralizeText(author?.name ?? words.unknownMember) }) : nothing}`}
      ${comment.replyCount > replies.length && (!branch || branch.next || branch.partial || !branch.items.length)
        ? html`<button part="replies-button" type="button" class="quiet" ?disabled=${branch?.loading ?? false} aria-expanded=${branch ? 'true' : 'false'} @click=${() => this.#loadMore(comment.id)}>
            ${branch?.loading ? l.t('loading') : branch ? words.moreReplies : l.plural(words.showReplies, comment.replyCount)}
          </button>`
        : nothing}
    </article>`;
    // Deeper than max-depth: replies continue flat at this level, each saying whom it answers.
    if (!nested) return html`<li>${article}</li>${repeat(replies, (c) => c.id, (c) => this.#renderComment(c, words, level))}`;
    return html`<li>
      ${article}
      ${replies.length ? html`<ol part="list" class="replies">${repeat(replies, (c) => c.id, (c) => this.#renderComment(c, words, level + 1))}</ol>` : nothing}
    </li>`;
  }

  #author(comment: Comment, author: Member | undefined, words: CommentsWords): TemplateResult {
    const l = this.localize.l;
    const name = author?.name ?? words.unknownMember;
    const role = author?.roles.includes('admin') ? 'admin' : author?.roles.includes('moderator') ? 'moderator' : null;
    return html`<span part="author" class="author">
      ${renderAvatar(comment.authorId, name, author?.avatarUrl)}
      <span part="author-name" class="name" id="author-${comment.id}">${renderPlainText(name)}</span>
      ${role ? html`<span part="role" class="role">${l.messages.roles[role]}</span>` : nothing}
    </span>`;
  }

  #reactions(comment: Comment, words: CommentsWords): TemplateResult | typeof nothing {
    if (comment.status !== 'visible') return nothing;
    const l = this.localize.l;
    const counts = new Map(comment.reactions.map((r) => [r.emoji, r]));
    const shown = this.readonly ? [...counts.keys()] : [...new Set([...parseReactions(this.reactions), ...counts.keys()])];
    if (!shown.length) return nothing;
    // One listener of each kind on the group, not three on every button: a long thread has thousands.
    const on = (act: (comment: Comment, emoji: string) => void) => (event: Event) => {
      const button = (event.target as Element).closest('button');
      // The group's buttons are the shown emoji, in order; whatever the backend sent goes back, even "".
      if (button) act.call(this, comment, shown[[...button.parentElement!.children].indexOf(button)]!);
    };
    return html`<div part="reactions" class="reactions" role="group" aria-label=${words.react.replace('{emoji}', '').trim()}
      @click=${on(this.#react)} @pointerover=${on(this.#loadReactors)} @focusin=${on(this.#loadReactors)}>
      ${shown.map((emoji) => {
        const r = counts.get(emoji);
        const who = this.reactors.get(`${comment.id}|${emoji}`);
        // The emoji goes back to the backend as it came; what is shown of it is neutralized.
        const shownEmoji = neutralizeText(emoji);
        const label = who || (r ? l.plural(words.reactionCount, r.count, { emoji: shownEmoji }) : fill(words.react, { emoji: shownEmoji }));
        // The accessible name is the visible emoji and count (no aria-label that could disagree with them).
        return html`<button part="reaction" type="button" class="reaction" aria-pressed=${r?.mine ? 'true' : 'false'} title=${label} ?disabled=${this.readonly}>
          <span>${shownEmoji}</span>${r ? html` <span class="n">${l.number(r.count)}</span>` : nothing}
        </button>`;
      })}
    </div>`;
  }

  #history(comment: Comment, words: CommentsWords): TemplateResult | typeof nothing {
    const history = this.histories.get(comment.id);
    if (!history) return nothing;
    const l = this.localize.l;
    return html`<section part="history" class="history" aria-label=${words.history}>
      ${history.map((rev) => html`<p class="rev-time">${fill(words.historyEntry, { time: l.dateTime(rev.replacedAt) })}</p><div class="rev">${renderUserText(this.localize.words(userTextWords), rev.body)}</div>`)}
    </section>`;
  }

  #actions(comment: Comment, words: CommentsWords): TemplateResult | typeof nothing {
    if (comment.status !== 'visible') return nothing;
    const own = comment.authorId === this.#viewer?.id;
    if (this.deletingId === comment.id)
      return html`<div part="actions" class="actions confirm" role="group" aria-label=${words.confirmDelete}>
        <span>${words.confirmDelete}</span>
        <button part="confirm-delete" type="button" class="danger" @click=${() => this.#delete(comment)}>${words.confirm}</button>
        <button type="button" class="quiet" @click=${() => ((this.deletingId = null), this.#focusComment(comment.id))}>${words.keep}</button>
      </div>`;
    return html`<div part="actions" class="actions">
      ${!this.readonly && comment.depth < 50 ? html`<button part="reply-button" type="button" class="quiet" @click=${() => this.#startReply(comment)}>${words.reply}</button>` : nothing}
      ${this.#canChange(comment)
        ? html`<button part="edit-button" type="button" class="quiet" @click=${() => this.#startEdit(comment)}>${words.edit}</button>
            <button part="delete-button" type="button" class="quiet" @click=${() => {
              this.deletingId = comment.id;
              void this.#focus('[part="confirm-delete"]');
            }}>${words.delete}</button>`
        : nothing}
      ${this.#isModerator ? html`<button part="feature-button" type="button" class="quiet" aria-pressed=${comment.featured ? 'true' : 'false'} @click=${() => this.#feature(comment)}>${comment.featured ? words.unfeature : words.feature}</button>` : nothing}
      ${own
        ? nothing
        : this.reportingId === comment.id
          ? html`<majlis-report-button target="comment:${comment.id}"></majlis-report-button>`
          : html`<button part="report-button" type="button" class="quiet" @click=${() => this.#report(comment)}>${words.report}</button>`}
    </div>`;
  }
}

/** The members a page names: from the page itself when the adapter sends them, else one batched request. */
const membersOf = async (page: CommentPage, adapter: CommunityAdapter, signal?: AbortSignal): Promise<Map<Id, Member>> =>
  page.members ? new Map(page.members.map((m) => [m.id, m])) : loadMembers(adapter, authorsOf(page.items), TAG, signal);

const byId = (id: Id) => `[data-comment-id="${CSS.escape(id)}"]`;

function authorsOf(comments: Comment[]): Id[] {
  return comments.flatMap((c) => [c.authorId, c.replyToAuthorId ?? '']).filter(Boolean);
}

function toggled(reactions: ReactionCount[], emoji: string, on: boolean): ReactionCount[] {
  const existing = reactions.find((r) => r.emoji === emoji);
  if (!existing) return on ? [...reactions, { emoji, count: 1, mine: true }] : reactions;
  return reactions
    .map((r) => (r.emoji === emoji ? { ...r, count: r.count + (on ? 1 : -1), mine: on } : r))
    .filter((r) => r.count > 0);
}

function parseReactions(list: string): string[] {
  return [...new Set(list.split(',').map((e) => e.trim()).filter(Boolean))].slice(0, 12);
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}
