import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { requireCapability } from '../../core/capability.js';
import type { Id, Leaderboard, LeaderboardEntry, LeaderboardPeriod, Member } from '../../core/types.js';
import { fill } from '../../i18n/localizer.js';
import { avatarStyles, renderAvatar } from '../../shared/avatar.js';
import { DataController } from '../../shared/data-controller.js';
import { MajlisElement } from '../../shared/element.js';
import { LiveController } from '../../shared/live-controller.js';
import { loadMembers } from '../../shared/members.js';
import { recognitionWords, type RecognitionWords } from '../../shared/recognition.messages.js';
import { renderPlainText } from '../../shared/plain-text.js';
import { renderEmpty, renderError, renderLoading, stateStyles } from '../../shared/states.js';
import { periodStyles } from '../../styles/controls.js';
import { baseStyles } from '../../styles/tokens.js';
import { leaderboardStyles } from './leaderboard.styles.js';

const TAG = 'majlis-leaderboard';
const PERIODS: readonly LeaderboardPeriod[] = ['week', 'month', 'all'];

interface Board {
  board: Leaderboard;
  members: Map<Id, Member>;
}

/**
 * @tagname majlis-leaderboard
 * @summary Members ranked by points for a period (ties share a rank), with the change since the
 * previous period and the viewer's own row even outside the top; updates live without moving
 * rows under the reader's focus.
 *
 * @csspart base - The leaderboard card.
 * @csspart periods - The period switcher; `period-button` for each period.
 * @csspart table - The ranking table.
 * @csspart row - A member's row; `viewer-row` for the viewer's own.
 * @csspart change - The change since the previous period.
 * @csspart loading - The loading placeholder.
 * @csspart empty - Shown when nobody has points in the period.
 * @csspart error - The error block.
 *
 * @cssstate loading - The ranking is loading.
 * @cssstate empty - Nobody has points in the period.
 * @cssstate error - The ranking could not be loaded.
 */
export class MajlisLeaderboard extends MajlisElement {
  static override styles = [baseStyles, stateStyles, avatarStyles, periodStyles, leaderboardStyles];

  /** `week`, `month` or `all`. */
  @property({ reflect: true }) period: LeaderboardPeriod = 'week';
  /** How many rows (1–100). */
  @property({ type: Number }) limit = 10;

  @state() private announcement = '';
  /** A live change that waits because the reader's focus is in the table: no reordering under them. */
  #stale = false;
  /** The board last drawn, to tell the viewer when their rank moves. */
  #shown: Board | undefined;

  readonly #data = new DataController(this, {
    args: () => [PERIODS.includes(this.period) ? this.period : 'week', this.limit] as const,
    load: ([period, limit], { signal }) => this.#fetch(period, limit, signal),
    isEmpty: (b) => b.board.entries.length === 0,
  });

  constructor() {
    super();
    this.localize.use(recognitionWords);
    new LiveController(this, () => 'leaderboard', () => {
      this.#stale = !!this.renderRoot.querySelector('table:focus-within');
      if (!this.#stale) this.#data.refresh();
    });
  }

  readonly #onTableFocusOut = (event: FocusEvent) => {
    if (this.#stale && !(event.currentTarget as Element).contains(event.relatedTarget as Node | null)) {
      this.#stale = false;
      this.#data.refresh();
    }
  };

  async #fetch(period: LeaderboardPeriod, limit: number, signal?: AbortSignal): Promise<Board> {
    const adapter = this.community.value!.adapter;
    const board = await requireCapability(adapter, 'leaderboard', TAG).get({ period, limit: Math.min(100, Math.max(1, limit || 10)) }, { signal });
    const ids = [...board.entries.map((e) => e.memberId), ...(board.viewer ? [board.viewer.memberId] : [])];
    return { board, members: await loadMembers(adapter, ids, TAG, signal) };
  }

  protected override willUpdate(): void {
    const next = this.#data.value;
    if (!next || next === this.#shown) return;
    const before = this.#shown;
    this.#shown = next;
    // The same period read again (a live change), not another period: say so when the rank moved.
    const after = next.board.viewer?.rank;
    if (before?.board.period === next.board.period && after !== undefined && after !== before.board.viewer?.rank) {
      const words = this.localize.words(recognitionWords);
      this.announcement = fill(words.youAreNow, { rank: this.localize.l.ordinal(words.ordinal, after) });
    }
  }

  protected override render() {
    const l = this.localize.l;
    const words = this.localize.words(recognitionWords);
    const names: Record<LeaderboardPeriod, string> = { week: words.periodWeek, month: words.periodMonth, all: words.periodAll };
    return html`<section part="base" dir=${this.localize.dir} aria-label=${words.leaderboard}>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      <div part="periods" class="periods" role="group" aria-label=${words.period}>
        ${PERIODS.map(
          (p) => html`<button part="period-button" type="button" aria-pressed=${this.period === p ? 'true' : 'false'} @click=${() => (this.period = p)}>${names[p]}</button>`,
        )}
      </div>
      ${this.#data.render({
        loading: () => renderLoading(l, '14rem'),
        error: (error, retry, retrying) => renderError(l, error, retry, retrying),
        empty: () => renderEmpty(words.emptyBoard),
        complete: (loaded) => this.#table(loaded, words, names[this.period]),
      })}
    </section>`;
  }

  #table({ board, members }: Board, words: RecognitionWords, periodName: string): TemplateResult {
    const viewerId = this.community.value?.viewer?.id;
    const viewerOutside = board.viewer && !board.entries.some((e) => e.memberId === board.viewer!.memberId);
    return html`<table part="table" @focusout=${this.#onTableFocusOut}>
      <caption>${words.leaderboard} · ${periodName}</caption>
      <thead>
        <tr><th scope="col" class="num">${words.rank}</th><th scope="col">${words.member}</th><th scope="col" class="num">${words.points}</th>${board.period === 'all' ? nothing : html`<th scope="col">${words.change}</th>`}</tr>
      </thead>
      <tbody>
        ${board.entries.map((e) => this.#row(e, members, words, board.period, e.memberId === viewerId))}
        ${viewerOutside
          ? html`<tr class="gap"><td colspan=${board.period === 'all' ? 3 : 4}>${words.outsideTop}</td></tr>${this.#row(board.viewer!, members, words, board.period, true)}`
          : nothing}
      </tbody>
    </table>`;
  }

  #row(entry: LeaderboardEntry, members: Map<Id, Member>, words: RecognitionWords, period: LeaderboardPeriod, mine: boolean): TemplateResult {
    const l = this.localize.l;
    const member = members.get(entry.memberId);
    const name = member?.name ?? entry.memberId;
    return html`<tr part=${mine ? 'row viewer-row' : 'row'} class=${mine ? 'me' : ''} aria-current=${mine ? 'true' : 'false'}>
      <td class="num">${l.ordinal(words.ordinal, entry.rank)}</td>
      <th scope="row"><span class="who">${renderAvatar(entry.memberId, name, member?.avatarUrl)}${renderPlainText(name)}${mine ? html` <span class="you">(${words.you})</span>` : nothing}</span></th>
      <td class="num">${l.number(entry.points)}</td>
      ${period === 'all' ? nothing : html`<td part="change">${this.#change(entry, words)}</td>`}
    </tr>`;
  }

  #change(entry: LeaderboardEntry, words: RecognitionWords): TemplateResult {
    const l = this.localize.l;
    if (entry.previousRank === null) return html`<span class="new">${words.new}</span>`;
    const moved = entry.previousRank - entry.rank;
    if (moved > 0) return html`<span class="up"><span aria-hidden="true">▲ </span>${l.plural(words.up, moved)}</span>`;
    if (moved < 0) return html`<span class="down"><span aria-hidden="true">▼ </span>${l.plural(words.down, -moved)}</span>`;
    return html`<span class="same">${words.same}</span>`;
  }
}

