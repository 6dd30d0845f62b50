import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { requireCapability } from '../../core/capability.js';
import { AdapterError, isAdapterError } from '../../core/errors.js';
import { newIdempotencyKey } from '../../core/ids.js';
import { isModeratorRole } from '../../core/roles.js';
import type { Id, Poll } from '../../core/types.js';
import { MajlisSignInRequestEvent } from '../../events/sign-in-request.js';
import { MajlisVoteEvent } from '../../events/vote.js';
import { fill, type LocalizedError } from '../../i18n/localizer.js';
import { DataController } from '../../shared/data-controller.js';
import { MajlisElement } from '../../shared/element.js';
import { LiveController } from '../../shared/live-controller.js';
import { cssProperties } from '../../shared/css-properties.js';
import { renderPlainText } from '../../shared/plain-text.js';
import { renderError, renderLoading, stateStyles } from '../../shared/states.js';
import { controlStyles } from '../../styles/controls.js';
import { baseStyles } from '../../styles/tokens.js';
import { pollWords, type PollWords } from './poll.messages.js';
import { pollStyles } from './poll.styles.js';

const TAG = 'majlis-poll';
const ANONYMOUS_KEY = 'majlis-anonymous-voter';

/** This browser's key for anonymous votes: one vote per browser, where a poll allows guests to vote. */
function anonymousKey(): string {
  try {
    let key = localStorage.getItem(ANONYMOUS_KEY);
    if (!key) localStorage.setItem(ANONYMOUS_KEY, (key = newIdempotencyKey()));
    return key;
  } catch {
    return newIdempotencyKey();
  }
}

/**
 * @tagname majlis-poll
 * @summary A poll: single choice (a radio group) or multiple choice with a minimum and maximum
 * (a checkbox group), results by the poll's rule, a close date, and live results.
 *
 * @csspart base - The poll card.
 * @csspart question - The question (the group's legend).
 * @csspart option - One choosable option (label with its radio or checkbox).
 * @csspart results - The results list.
 * @csspart result - One option's result: label, percentage, votes and bar.
 * @csspart bar - The bar of a result.
 * @csspart vote-button - Records the vote.
 * @csspart change-button - Opens the options again to change a vote (when the poll allows it).
 * @csspart close-button - Moderators: close the poll now.
 * @csspart meta - Voters, closing time, results rule.
 * @csspart sign-in - The sign-in prompt for guests.
 * @csspart loading - The loading placeholder.
 * @csspart error - The error block.
 *
 * @cssproperty --majlis-poll-bar-color - Colour of result bars (defaults to the accent).
 * @cssproperty --majlis-poll-track-color - Colour behind result bars.
 *
 * @cssstate loading - The poll is loading.
 * @cssstate error - The poll could not be loaded (or does not exist).
 * @cssstate offline - The poll could not be loaded because the browser is offline.
 * @cssstate closed - The poll is closed.
 * @cssstate voted - The viewer has voted.
 *
 * @fires change - The viewer changed their choice (before voting). `event.target.value` is the chosen option ids.
 * @fires majlis-vote - The vote was recorded. `event.poll` is the poll as it now stands.
 */
export class MajlisPoll extends MajlisElement {
  static override styles = [baseStyles, stateStyles, controlStyles, pollStyles];

  /** The poll id. Required. */
  @property({ reflect: true }) poll = '';

  /** The chosen option ids (before voting). */
  @state() value: Id[] = [];
  @state() private latest: Poll | null = null;
  @state() private changing = false;
  @state() private sending = false;
  @state() private problem: LocalizedError | null = null;
  @state() private announcement = '';
  /** Kept while the same vote is retried, so a lost answer never counts twice. */
  #voteKey: { choice: string; key: string } | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;

  readonly #data = new DataController(this, {
    args: () => [this.poll] as const,
    load: async ([id], { adapter, signal }) => {
      if (!id) {
        console.error(`[majlis] <${TAG}> needs a poll attribute: <${TAG} poll="poll-id">.`);
        throw new AdapterError('invalid', 'missing poll', { field: 'poll' });
      }
      this.latest = null;
      // A re-read of the poll before, still on its way, must not reconcile a vote with this one.
      this.#asked++;
      const guest = this.community.value?.viewer === null;
      return requireCapability(adapter, 'polls', TAG).get(id, { signal, ...(guest && { anonymousKey: anonymousKey() }) });
    },
  });

  constructor() {
    super();
    this.localize.use(pollWords);
    new LiveController(this, () => (this.poll ? `poll:${this.poll}` : null), () => void this.#refresh());
  }

  /** Back online after a vote failed offline: send it again, with the same key. */
  readonly #onOnline = () => {
    const poll = this.#current;
    if (this.problem?.offline && poll) void this.#vote(poll);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // The countdown moves on by itself.
    this.#timer = setInterval(() => this.requestUpdate(), 30_000);
    addEventListener('online', this.#onOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    removeEventListener('online', this.#onOnline);
  }

  get #current(): Poll | undefined {
    // A re-read or vote that answered after the poll attribute changed is about another poll.
    return this.latest?.id === this.poll ? this.latest : this.#data.value;
  }

  /** Counts re-reads and votes: an answer overtaken by a newer one (slow network, live events in a burst) is dropped. */
  #asked = 0;

  async #refresh(): Promise<void> {
    const polls = this.community.value?.adapter.polls;
    if (!polls || !this.poll) return;
    const asked = ++this.#asked;
    try {
      const poll = await polls.get(this.poll, this.community.value?.viewer === null ? { anonymousKey: anonymousKey() } : {});
      if (asked !== this.#asked) return;
      this.latest = poll;
      // The vote that failed was counted after all (only its answer was lost): nothing is left to retry.
      if (this.#voteKey && [...(poll.myVote ?? [])].sort().join(',') === this.#voteKey.choice) {
        this.#voteKey = null;
        this.problem = null;
        this.changing = false;
      }
    } catch {
      // The next live event or reload tries again.
    }
  }

  protected override updated(): void {
    const poll = this.#current;
    this.setState('closed', !!poll?.closed);
    this.setState('voted', !!poll?.myVote);
  }

  #choose(poll: Poll, id: Id, checked: boolean): void {
    this.value = poll.kind === 'single' ? [id] : checked ? [...new Set([...this.value, id])] : this.value.filter((v) => v !== id);
    this.problem = null;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  async #vote(poll: Poll): Promise<void> {
    const viewer = this.community.value?.viewer;
    if (!viewer && !poll.allowAnonymous) {
      this.emit(new MajlisSignInRequestEvent('vote'));
      return;
    }
    const words = this.localize.words(pollWords);
    if (this.sending || this.value.length < poll.minChoices || this.value.length > poll.maxChoices) {
      this.problem = { message: this.#rangeHint(poll, words), code: 'invalid', retryAfter: null, offline: false };
      return;
    }
    const choice = [...this.value].sort().join(',');
    if (this.#voteKey?.choice !== choice) this.#voteKey = { choice, key: newIdempotencyKey() };
    this.sending = true;
    try {
      const polls = requireCapability(this.community.value!.adapter, 'polls', TAG);
      const voted = await polls.vote(poll.id, this.value, { idempotencyKey: this.#voteKey.key, ...(!viewer && { anonymousKey: anonymousKey() }) });
      this.#asked++;
      this.latest = voted;
      this.#voteKey = null;
      this.changing = false;
      this.problem = null;
      this.announcement = '';
      await this.updateComplete;
      this.announcement = words.voted;
      this.emit(new MajlisVoteEvent(this.latest));
    } catch (error) {
      this.problem = this.localize.l.error(error);
      if (isAdapterError(error) && error.reason === 'closed') void this.#refresh();
    } finally {
      this.sending = false;
    }
  }

  async #close(poll: Poll): Promise<void> {
    try {
      this.latest = await requireCapability(this.community.value!.adapter, 'polls', TAG).close(poll.id, { idempotencyKey: newIdempotencyKey() });
    } catch (error) {
      this.problem = this.localize.l.error(error);
    }
  }

  #rangeHint(poll: Poll, words: PollWords): string {
    if (poll.kind === 'single') return words.chooseOne;
    if (poll.minChoices === poll.maxChoices) return this.localize.l.plural(words.chooseExactly, poll.minChoices);
    return fill(words.chooseRange, { min: this.localize.l.number(poll.minChoices), max: this.localize.l.number(poll.maxChoices) });
  }

  protected override render() {
    const l = this.localize.l;
    return html`<div part="base" dir=${this.localize.dir}>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.#data.render({
        loading: () => renderLoading(l, '10rem'),
        error: (error, retry, retrying) =>
          error.code === 'not_found' ? html`<p part="error" role="alert">${this.localize.words(pollWords).notFound}</p>` : renderError(l, error, retry, retrying),
        complete: () => this.#poll(this.#current!),
      })}
    </div>`;
  }

  #poll(poll: Poll): TemplateResult {
    const words = this.localize.words(pollWords);
    const viewer = this.community.value?.viewer;
    const canVote = viewer !== null || poll.allowAnonymous;
    const voting = !poll.closed && canVote && (!poll.myVote || this.changing);
    const showResults = poll.resultsVisible && !voting;
    return html`
      ${showResults ? this.#results(poll, words) : this.#options(poll, words, voting)}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem.message}</p>` : nothing}
      <div class="actions">
        ${voting
          ? html`<button part="vote-button" class="primary" type="button" aria-disabled=${this.sending || !this.value.length ? 'true' : 'false'} @click=${() => this.#vote(poll)}>
              ${this.sending ? words.voting : words.vote}
            </button>`
          : nothing}
        ${!voting && poll.myVote && poll.allowChange && !poll.closed
          ? html`<button part="change-button" class="secondary" type="button" @click=${() => {
              this.changing = true;
              this.value = [...(poll.myVote ?? [])];
            }}>${words.changeVote}</button>`
          : nothing}
        ${!canVote && !poll.closed
          ? html`<button part="sign-in" class="primary" type="button" @click=${() => this.emit(new MajlisSignInRequestEvent('vote'))}>${words.signInToVote}</button>`
          : nothing}
        ${isModeratorRole(viewer?.roles) && !poll.closed
          ? html`<button part="close-button" class="secondary" type="button" @click=${() => this.#close(poll)}>${words.closeNow}</button>`
          : nothing}
      </div>
      ${this.#meta(poll, words)}
    `;
  }

  #options(poll: Poll, words: PollWords, enabled: boolean): TemplateResult {
    const type = poll.kind === 'single' ? 'radio' : 'checkbox';
    return html`<fieldset ?disabled=${!enabled || this.sending} aria-describedby="hint">
      <legend part="question">${renderPlainText(poll.question)}</legend>
      ${poll.options.map(
        (o) => html`<label part="option" class="option">
          <input type=${type} name="choice" .value=${o.id} .checked=${this.value.includes(o.id)} @change=${(e: Event) => this.#choose(poll, o.id, (e.target as HTMLInputElement).checked)} />
          ${renderPlainText(o.label)}
        </label>`,
      )}
      <p id="hint" class="hint">${this.#rangeHint(poll, words)} ${this.#hiddenResults(poll, words)}</p>
    </fieldset>`;
  }

  #hiddenResults(poll: Poll, words: PollWords): string {
    if (poll.resultsVisible) return '';
    return poll.results === 'after-vote' ? words.resultsAfterVote : poll.results === 'after-close' ? words.resultsAfterClose : poll.results === 'moderators' ? words.resultsModerators : '';
  }

  #results(poll: Poll, words: PollWords): TemplateResult {
    const l = this.localize.l;
    const counts = poll.options.map((o) => o.votes ?? 0);
    const shares = percentages(counts);
    return html`<section aria-labelledby="question">
      <h3 id="question" part="question" class="question">${renderPlainText(poll.question)}</h3>
      <ol part="results" class="results">
        ${poll.options.map((o, i) => {
          const mine = poll.myVote?.includes(o.id) ?? false;
          const percent = l.percent(shares[i]! / 100);
          return html`<li part="result" class="result ${mine ? 'mine' : ''}">
            <div class="result-head">
              <span>${renderPlainText(o.label)}${mine ? html` <span>(${words.yourChoice})</span>` : nothing}</span>
              <span>${percent} · ${l.plural(words.votes, counts[i]!)}</span>
            </div>
            <div part="bar" class="bar" aria-hidden="true"><span ${cssProperties({ '--_pct': `${shares[i]}%` })}></span></div>
          </li>`;
        })}
      </ol>
    </section>`;
  }

  #meta(poll: Poll, words: PollWords): TemplateResult {
    const l = this.localize.l;
    const now = this.community.value?.now() ?? Date.now();
    return html`<p part="meta" class="meta">
      ${poll.totalVoters !== null ? l.plural(words.voters, poll.totalVoters) : nothing}
      ${poll.closed ? html` · ${words.closed}` : poll.closesAt ? html` · <time datetime=${poll.closesAt} title=${l.dateTime(poll.closesAt)}>${fill(words.closes, { when: l.relativeTime(poll.closesAt, now) })}</time>` : nothing}
      ${poll.resultsVisible || !(poll.myVote || poll.closed) ? nothing : html` · ${this.#hiddenResults(poll, words)}`}
    </p>`;
  }
}

/** Whole percentages that add up to 100 (largest remainder), so the bars and numbers never disagree. */
export function percentages(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return counts.map(() => 0);
  const exact = counts.map((c) => (c * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - floors[i]!, i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    floors[i]! += 1;
  }
  return floors;
}
