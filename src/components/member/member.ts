import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AdapterError } from '../../core/errors.js';
import type { Member } from '../../core/types.js';
import { fill } from '../../i18n/localizer.js';
import { avatarStyles, renderAvatar } from '../../shared/avatar.js';
import { DataController } from '../../shared/data-controller.js';
import { MajlisElement } from '../../shared/element.js';
import { LiveController } from '../../shared/live-controller.js';
import { loadMembers } from '../../shared/members.js';
import { badgeName, recognitionWords } from '../../shared/recognition.messages.js';
import { renderPlainText } from '../../shared/plain-text.js';
import { renderError } from '../../shared/states.js';
import { neutralizeText } from '../../shared/text.js';
import { baseStyles } from '../../styles/tokens.js';
import { memberStyles } from './member.styles.js';

const TAG = 'majlis-member';

/**
 * @tagname majlis-member
 * @summary A member chip: avatar (picture or initials), name, role, trust level, top badge and
 * points. All chips on a page are fetched in one batched request. Hover or focus shows a summary.
 *
 * @csspart base - The chip.
 * @csspart avatar - The picture or initials.
 * @csspart name - The name (cut with an ellipsis; the full name is in the summary).
 * @csspart role - The moderator or admin badge.
 * @csspart details - Trust level, top badge and points (hidden when `compact`).
 * @csspart tooltip - The summary shown on hover and focus.
 * @csspart error - Shown when the member cannot be found or loaded.
 *
 * @cssproperty --majlis-member-avatar-size - Avatar size (by default 1.5rem, 2rem or 3rem by `size`).
 * @cssproperty --majlis-member-name-max - Longest name before the ellipsis (default 24ch).
 *
 * @cssstate loading - The member is loading.
 * @cssstate error - The member could not be found or loaded.
 */
export class MajlisMember extends MajlisElement {
  static override styles = [baseStyles, avatarStyles, memberStyles];

  /** The member id. Required. */
  @property({ reflect: true }) member = '';
  /** `small`, `medium` or `large`. */
  @property({ reflect: true }) size: 'small' | 'medium' | 'large' = 'medium';
  /** Avatar and name only (inside comments and tables). */
  @property({ type: Boolean, reflect: true }) compact = false;

  @state() private open = false;
  /** The badge summary, fetched the first time the summary opens. */
  @state() private badgeSummary: string | null = null;

  readonly #data = new DataController(this, {
    args: () => [this.member] as const,
    load: async ([id], { adapter, signal }) => {
      const found = (await loadMembers(adapter, [id], TAG, signal)).get(id);
      if (!found) throw new AdapterError('not_found', 'member not found');
      return found;
    },
  });

  constructor() {
    super();
    this.localize.use(recognitionWords);
    // Points and badges change as the member takes part.
    new LiveController(this, () => (this.member ? 'leaderboard' : null), () => this.#data.refresh());
  }

  #show(): void {
    this.open = true;
    if (this.badgeSummary !== null) return;
    this.badgeSummary = '';
    const members = this.community.value?.adapter.members;
    members?.badges(this.member).then(
      (badges) => {
        const words = this.localize.words(recognitionWords);
        const earned = badges.filter((b) => b.tier);
        const names = new Intl.ListFormat(this.localize.l.lang, { type: 'conjunction' }).format(earned.slice(0, 4).map((b) => badgeName(words, b.id)));
        this.badgeSummary = `${this.localize.l.plural(words.badges, earned.length)}${names ? `: ${names}` : ''}`;
      },
      () => (this.badgeSummary = null),
    );
  }

  protected override render() {
    const l = this.localize.l;
    const words = this.localize.words(recognitionWords);
    return this.#data.render({
      // The placeholder takes the chip's place, two lines and a typical width, so the page does not shift when it lands.
      loading: () =>
        html`<span part="base" class="loading"><span class="avatar initials"></span><span class="text" aria-hidden="true"><span>&nbsp;</span><span class="details">&nbsp;</span></span><span class="visually-hidden">${l.t('loading')}</span></span>`,
      error: (error, retry, retrying) =>
        error.code === 'not_found' ? html`<span part="base error" class="missing" role="note">${words.memberNotFound}</span>` : renderError(l, error, retry, retrying),
      complete: (member: Member) => {
        const role = member.roles.includes('admin') ? 'admin' : member.roles.includes('moderator') ? 'moderator' : null;
        const top = member.topBadge ? `${badgeName(words, member.topBadge.id)} (${l.messages.tiers[member.topBadge.tier]})` : null;
        const name = neutralizeText(member.name);
        return html`<span part="base" dir=${this.localize.dir} tabindex="0" role="group" aria-label=${name} aria-describedby="summary"
          @mouseenter=${() => this.#show()} @mouseleave=${() => (this.open = false)}
          @focus=${() => this.#show()} @blur=${() => (this.open = false)}
          @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.open = false)}>
          ${renderAvatar(member.id, member.name, member.avatarUrl)}
          <span class="text">
            <span part="name">${renderPlainText(member.name)}</span>
            <span part="details" class="details">
              ${role ? html`<span part="role">${l.messages.roles[role]}</span>` : html`<span>${l.messages.trust[member.trustLevel]}</span>`}
              ${top ? html`<span>★ ${top}</span>` : nothing}
              <span>${l.plural('points', member.points)}</span>
            </span>
          </span>
          <span part="tooltip" id="summary" role="tooltip" ?hidden=${!this.open}>
            <strong><bdi>${name}</bdi></strong><br />
            ${l.messages.trust[member.trustLevel]} · ${l.plural('points', member.points)}<br />
            ${top ? html`${fill(words.topBadge, { badge: top })}<br />` : nothing}
            ${this.badgeSummary ? html`${this.badgeSummary}<br />` : nothing}
            ${fill(words.joined, { date: l.dateTime(member.joinedAt) })}
          </span>
        </span>`;
      },
    });
  }
}
