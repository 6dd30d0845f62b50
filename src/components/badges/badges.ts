import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { requireCapability } from '../../core/capability.js';
import type { Badge, BadgeTier, Member } from '../../core/types.js';
import { fill } from '../../i18n/localizer.js';
import { DataController } from '../../shared/data-controller.js';
import { MajlisElement } from '../../shared/element.js';
import { LiveController } from '../../shared/live-controller.js';
import { loadMembers } from '../../shared/members.js';
import { badgeHow, badgeName, recognitionWords, type RecognitionWords } from '../../shared/recognition.messages.js';
import { renderEmpty, renderError, renderLoading, stateStyles } from '../../shared/states.js';
import { baseStyles } from '../../styles/tokens.js';
import { badgesStyles } from './badges.styles.js';

const TAG = 'majlis-badges';
const TIERS: BadgeTier[] = ['gold', 'silver', 'bronze'];

interface Loaded {
  badges: Badge[];
  member: Member | undefined;
}

/**
 * @tagname majlis-badges
 * @summary A member's badges grouped by tier, each saying how it is earned and when, with progress
 * to the next tier as a progress bar; role badges; new badges of the viewer appear live.
 *
 * @csspart base - The wrapper.
 * @csspart group - A tier's group (gold, silver, bronze, not yet earned).
 * @csspart badge - One badge.
 * @csspart progress - The progress bar toward the next tier.
 * @csspart loading - The loading placeholder.
 * @csspart empty - Shown when no badge is earned yet.
 * @csspart error - The error block.
 *
 * @cssstate loading - The badges are loading.
 * @cssstate error - The badges could not be loaded (or the member does not exist).
 */
export class MajlisBadges extends MajlisElement {
  static override styles = [baseStyles, stateStyles, badgesStyles];

  /** The member id. Required. */
  @property({ reflect: true }) member = '';

  @state() private announcement = '';

  readonly #data = new DataController(this, {
    args: () => [this.member] as const,
    load: async ([id], { adapter, signal }) => {
      const badges = await requireCapability(adapter, 'members', TAG).badges(id, { signal });
      return { badges, member: (await loadMembers(adapter, [id], TAG, signal)).get(id) } satisfies Loaded;
    },
  });

  constructor() {
    super();
    this.localize.use(recognitionWords);
    // Only the viewer hears their own badges as they are awarded.
    new LiveController(
      this,
      () => (this.member && this.member === this.community.value?.viewer?.id ? `member:${this.member}` : null),
      (event) => {
        if (event.type !== 'badge.awarded') return;
        const words = this.localize.words(recognitionWords);
        this.announcement = fill(words.youEarned, { badge: badgeName(words, event.badgeId), tier: this.localize.l.messages.tiers[event.tier as BadgeTier] ?? event.tier });
        this.#data.refresh();
      },
    );
  }

  protected override render() {
    const l = this.localize.l;
    const words = this.localize.words(recognitionWords);
    return html`<section part="base" dir=${this.localize.dir}>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.#data.render({
        loading: () => renderLoading(l, '10rem'),
        error: (error, retry, retrying) => (error.code === 'not_found' ? html`<p part="error" role="alert">${words.memberNotFound}</p>` : renderError(l, error, retry, retrying)),
        complete: ({ badges }) => {
          const earned = badges.filter((b) => b.tier);
          const groups = TIERS.map((tier) => [tier, earned.filter((b) => b.tier === tier)] as const).filter(([, list]) => list.length);
          const unearned = badges.filter((b) => !b.tier);
          return html`${earned.length ? nothing : renderEmpty(l.plural(words.badges, 0))}
            ${groups.map(([tier, list]) => this.#group(l.messages.tiers[tier], list, words))}
            ${unearned.length ? this.#group(words.notYet, unearned, words) : nothing}`;
        },
      })}
    </section>`;
  }

  #group(title: string, list: Badge[], words: RecognitionWords): TemplateResult {
    return html`<section part="group" aria-label=${title}>
      <h3>${title}</h3>
      <ul>${list.map((b) => this.#badge(b, words))}</ul>
    </section>`;
  }

  #badge(badge: Badge, words: RecognitionWords): TemplateResult {
    const l = this.localize.l;
    const when = badge.tier ? badge.awarded[badge.tier] : undefined;
    const name = badgeName(words, badge.id);
    const progressLabel = badge.nextThreshold !== null ? fill(words.progress, { n: l.number(badge.progress), total: l.number(badge.nextThreshold) }) : '';
    return html`<li part="badge" class=${badge.tier ? '' : 'unearned'}>
      <span class="name">${name}</span>
      ${badge.tier && badge.kind !== 'role' ? html`<span class="tier">${l.messages.tiers[badge.tier]}</span>` : nothing}
      <p class="how">${badgeHow(words, badge.id)}</p>
      ${when ? html`<p class="when">${fill(words.earned, { date: l.dateTime(when) })}</p>` : nothing}
      ${badge.nextThreshold !== null && badge.nextTier
        ? html`<p class="how">${fill(words.nextTier, { tier: l.messages.tiers[badge.nextTier], total: l.number(badge.nextThreshold) })} · ${progressLabel}</p>
            <progress part="progress" max=${badge.nextThreshold} .value=${Math.min(badge.progress, badge.nextThreshold)} aria-label=${`${name}: ${progressLabel}`}></progress>`
        : nothing}
    </li>`;
  }
}
