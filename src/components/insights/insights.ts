import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { requireCapability } from '../../core/capability.js';
import { isModeratorRole } from '../../core/roles.js';
import { INSIGHTS_PERIODS, type Id, type InsightsDay, type InsightsFigures, type InsightsPeriod, type InsightsReport, type Member } from '../../core/types.js';
import { fill } from '../../i18n/localizer.js';
import { downloadText, toCsv } from '../../shared/csv.js';
import { DataController } from '../../shared/data-controller.js';
import { MajlisElement } from '../../shared/element.js';
import { loadMembers } from '../../shared/members.js';
import { renderPlainText } from '../../shared/plain-text.js';
import { renderEmpty, renderError, renderLoading, stateStyles } from '../../shared/states.js';
import { neutralizeText } from '../../shared/text.js';
import { controlStyles, periodStyles } from '../../styles/controls.js';
import { baseStyles } from '../../styles/tokens.js';
import { reasonWords } from '../../shared/report-reasons.messages.js';
import { barChart, dailyChart, numbersTable, type Series } from './charts.js';
import { insightsWords, type InsightsWords } from './insights.messages.js';
import { insightsStyles } from './insights.styles.js';

const TAG = 'majlis-insights';
const DEFAULT_DAYS: InsightsPeriod = 30;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface View {
  report: InsightsReport;
  names: Map<Id, Member>;
}

/** The counts that say whether anyone took part (members who only signed in, the moderator included, do not). */
const ACTIVITY: readonly (keyof InsightsFigures)[] = ['activeMembers', 'comments', 'reactions', 'pollVotes', 'reports', 'decisions'];
const nothingHappened = (r: InsightsReport) => ACTIVITY.every((key) => r.current[key] === 0 && r.previous[key] === 0);

/** User text inside a sentence: neutralized, then isolated (FSI … PDI) so its direction cannot reorder the words around it. */
const isolate = (text: string) => `\u2068${neutralizeText(text)}\u2069`;

/** Intl formatters, made once per language and kind. */
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function format<F extends Intl.NumberFormat | Intl.DateTimeFormat>(lang: string, kind: string, make: () => F): F {
  const key = `${lang}|${kind}`;
  let found = formats.get(key) as F | undefined;
  if (!found) formats.set(key, (found = make()));
  return found;
}

/**
 * @tagname majlis-insights
 * @summary For moderators and admins: how the community is doing over the last 7, 30 or 90 days —
 * active and new members, comments, reactions, poll votes and reports beside the previous period,
 * health indicators, and charts of activity per day, the most engaging threads and polls, the most
 * active members and report reasons (each with its numbers as a table), exported as CSV.
 *
 * @csspart base - The insights card.
 * @csspart header - Title, period and export.
 * @csspart periods - The period switcher; `period-button` for each period.
 * @csspart export-button - Downloads the figures as CSV.
 * @csspart figures - The key figures; `figure` for each.
 * @csspart change - The change from the previous period beside a figure.
 * @csspart health - The health indicators.
 * @csspart charts - The charts; `chart` for each, `table` for each chart's numbers.
 * @csspart not-allowed - Shown to members and guests.
 * @csspart loading - The loading placeholder.
 * @csspart empty - Shown when no one took part in the period or the one before.
 * @csspart error - The error block.
 *
 * @cssstate loading - The figures are loading.
 * @cssstate empty - No one took part in the period or the one before.
 * @cssstate error - The figures could not be loaded.
 * @cssstate offline - The figures could not be loaded because the browser is offline.
 *
 * @fires change - The person picked another period (`days`).
 */
export class MajlisInsights extends MajlisElement {
  static override styles = [baseStyles, stateStyles, controlStyles, periodStyles, insightsStyles];

  /** The period: the last `7`, `30` or `90` days (UTC days, today included). */
  @property({ type: Number, reflect: true }) days: InsightsPeriod = DEFAULT_DAYS;
  /** One thread's insights instead of the whole community's. */
  @property() thread: string | null = null;

  readonly #data = new DataController(this, {
    args: () => [this.#days, this.thread || null] as const,
    load: async ([days, thread], { adapter, community, signal }): Promise<View | null> => {
      // Members and guests see "not allowed" without asking: the adapter would refuse them anyway.
      if (!isModeratorRole(community.viewer?.roles)) return null;
      const report = await requireCapability(adapter, 'insights', TAG).report({ days, thread }, { signal });
      return { report, names: await loadMembers(adapter, report.members.map((m) => m.memberId), TAG, signal) };
    },
    isEmpty: (view) => view !== null && nothingHappened(view.report),
  });

  constructor() {
    super();
    this.localize.use(insightsWords);
    this.localize.use(reasonWords);
  }

  #warned = false;

  /** `days` as given, or 30 (with a warning for the developer) when it is not 7, 30 or 90. */
  get #days(): InsightsPeriod {
    if (INSIGHTS_PERIODS.includes(this.days)) return this.days;
    if (!this.#warned) console.warn(`[majlis] <${TAG} days="${String(this.days)}">: days must be 7, 30 or 90; showing the last ${DEFAULT_DAYS} days.`);
    this.#warned = true;
    return DEFAULT_DAYS;
  }

  #pick(days: InsightsPeriod): void {
    if (days === this.days) return;
    this.days = days;
    this.emit(new Event('change', { bubbles: true, composed: true }));
  }

  // ───────────────────────── formatting

  get #lang(): string {
    return this.localize.l.lang;
  }

  #count(n: number): string {
    return this.localize.l.number(n);
  }

  #share(ratio: number): string {
    return format(this.#lang, 'share', () => new Intl.NumberFormat(this.#lang, { style: 'percent', maximumFractionDigits: 1 })).format(ratio);
  }

  #date(isoDay: string, withYear = false): string {
    const make = () => new Intl.DateTimeFormat(this.#lang, { day: 'numeric', month: 'short', timeZone: 'UTC', ...(withYear && { year: 'numeric' }) });
    return format(this.#lang, withYear ? 'date-year' : 'date', make).format(new Date(isoDay.length === 10 ? `${isoDay}T00:00:00Z` : isoDay));
  }

  /** A duration in its largest sensible unit: "45 minutes", "3.5 hours", "2.1 days". */
  #duration(ms: number): string {
    const [unit, size] = ms < HOUR ? (['minute', MINUTE] as const) : ms < 2 * DAY ? (['hour', HOUR] as const) : (['day', DAY] as const);
    const make = () => new Intl.NumberFormat(this.#lang, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: unit === 'minute' ? 0 : 1 });
    return format(this.#lang, unit, make).format(ms / size);
  }

  /**
   * The change from the previous period: an arrow and a number for the eye, and a sentence for a
   * screen reader ("up 12% from the previous 30 days"). Shares change in percentage points.
   */
  #change(current: number | null, previous: number | null, days: InsightsPeriod, words: InsightsWords, points = false): TemplateResult | typeof nothing {
    if (current === null || previous === null) return nothing;
    const l = this.localize.l;
    const before = l.plural(words.previous, days);
    let direction: 'up' | 'down' | 'same' | 'fresh';
    let shown = '';
    if (points) {
      const delta = Math.round((current - previous) * 1000) / 10;
      direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'same';
      shown = format(this.#lang, 'points', () => new Intl.NumberFormat(this.#lang, { maximumFractionDigits: 1 })).format(Math.abs(delta));
    } else if (previous === 0) {
      direction = current === 0 ? 'same' : 'fresh';
    } else {
      const ratio = (current - previous) / previous;
      const rounded = Math.round(ratio * 100);
      direction = rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'same';
      shown = l.percent(Math.abs(rounded) / 100);
    }
    const amount = points ? fill(words.points, { n: shown }) : shown;
    const spoken = direction === 'fresh' || direction === 'same' ? fill(words[direction], { previous: before }) : fill(words[direction], { change: points ? fill(words.pointsLong, { n: shown }) : shown, previous: before });
    const visible = direction === 'up' ? `▲ ${amount}` : direction === 'down' ? `▼ ${amount}` : direction === 'fresh' ? '▲' : '=';
    return html`<span part="change" class="change ${direction}"><span aria-hidden="true">${visible}</span><span class="visually-hidden">${spoken}</span></span>`;
  }

  // ───────────────────────── CSV

  /**
   * The figures on show as CSV, one value per row (section, item, label, metric, value, previous): easy
   * to filter and pivot in a spreadsheet. Names, threads and poll questions that would run as a formula
   * are neutralized. Throws when nothing has loaded yet.
   */
  insightsCsv(): string {
    const view = this.#data.value;
    if (!view) throw new Error(`<${TAG}>: no insights are loaded yet, so there is nothing to export.`);
    const { report, names } = view;
    const words = this.localize.words(insightsWords);
    const reasons = this.localize.words(reasonWords).reasons;
    const rows: unknown[][] = [
      ['period', report.thread ?? '', '', 'since', report.since, report.previousSince],
      ['period', report.thread ?? '', '', 'until', report.until, report.previousUntil],
    ];
    const labels: Partial<Record<keyof InsightsFigures, string>> = {
      activeMembers: words.activeMembers,
      newMembers: words.newMembers,
      comments: words.comments,
      replies: words.replies,
      reactions: words.reactions,
      pollVotes: words.pollVotes,
      reports: words.reports,
      hiddenOrRemovedShare: words.hiddenOrRemoved,
      medianDecisionMs: words.medianDecision,
      returningShare: words.returning,
    };
    for (const key of Object.keys(report.current) as (keyof InsightsFigures)[]) rows.push(['figures', '', labels[key] ?? '', key, report.current[key], report.previous[key]]);
    const perDay: [keyof InsightsDay, string][] = [['comments', words.comments], ['reactions', words.reactions], ['pollVotes', words.pollVotes], ['activeMembers', words.activeMembers]];
    for (const day of report.daily) for (const [key, label] of perDay) rows.push(['daily', day.date, label, key, day[key], '']);
    for (const t of report.topics)
      for (const key of ['comments', 'reactions', 'pollVotes', 'engagement'] as const) rows.push(['topics', `${t.kind}:${t.id}`, t.title ?? t.id, key, t[key], '']);
    for (const m of report.members)
      for (const key of ['comments', 'reactions', 'pollVotes', 'actions'] as const) rows.push(['members', m.memberId, names.get(m.memberId)?.name ?? '', key, m[key], '']);
    for (const r of report.reasons) rows.push(['reasons', r.reason, reasons[r.reason]?.[0] ?? r.reason, 'count', r.count, '']);
    return toCsv(['section', 'item', 'label', 'metric', 'value', 'previous'], rows);
  }

  #export(): void {
    const view = this.#data.value;
    if (!view) return;
    const { report } = view;
    const scope = report.thread ? `-${report.thread.replace(/[^\w-]+/g, '_').slice(0, 40)}` : '';
    downloadText(`majlis-insights-${report.days}d${scope}-${report.until.slice(0, 10)}.csv`, this.insightsCsv());
  }

  // ───────────────────────── rendering

  protected override render() {
    const words = this.localize.words(insightsWords);
    const community = this.community.value;
    const l = this.localize.l;
    if (!community || community.viewer === undefined) return renderLoading(l, '28rem');
    if (!isModeratorRole(community.viewer?.roles))
      return html`<p part="not-allowed" class="state" dir=${this.localize.dir}>${community.viewer ? words.notAllowed : words.signIn}</p>`;
    const days = this.#days;
    const view = this.#data.value;
    const thread = this.thread || null;
    return html`<section part="base" dir=${this.localize.dir} aria-labelledby="title">
      <header part="header">
        <div class="heading">
          <h2 id="title">${thread ? fill(words.threadTitle, { thread: isolate(thread) }) : words.title}</h2>
          ${view
            ? html`<p class="range">${fill(words.range, { from: this.#date(view.report.since), to: this.#date(view.report.until, true), n: l.number(days) })}</p>`
            : nothing}
        </div>
        <div part="periods" class="periods" role="group" aria-label=${words.period}>
          ${INSIGHTS_PERIODS.map(
            (d) => html`<button part="period-button" type="button" aria-pressed=${d === days ? 'true' : 'false'} @click=${() => this.#pick(d)}>${l.plural(words.lastDays, d)}</button>`,
          )}
        </div>
        <button part="export-button" class="secondary" type="button" aria-disabled=${view ? 'false' : 'true'} @click=${() => this.#export()}>${words.exportCsv}</button>
      </header>
      ${this.#data.render({
        loading: () => renderLoading(l, '28rem'),
        error: (error, retry, retrying) => renderError(l, error, retry, retrying),
        empty: () => renderEmpty(words.empty),
        complete: (loaded) => (loaded ? this.#report(loaded, words) : nothing),
      })}
    </section>`;
  }

  #report({ report, names }: View, words: InsightsWords): TemplateResult {
    const { current: c, previous: p, days } = report;
    const inThread = report.thread !== null;
    const figure = (label: string, key: keyof InsightsFigures, extra: unknown = nothing) =>
      html`<div part="figure" class="figure"><dt>${label}</dt><dd><span class="value">${this.#count(c[key] as number)}</span>${this.#change(c[key], p[key], days, words)}${extra}</dd></div>`;
    return html`<section class="glance" aria-labelledby="glance-title">
        <h3 id="glance-title" class="visually-hidden">${words.figures}</h3>
        <dl part="figures" class="figures">
          ${figure(words.activeMembers, 'activeMembers')} ${figure(words.newMembers, 'newMembers')} ${figure(words.comments, 'comments')}
          ${figure(words.replies, 'replies')} ${figure(words.reactions, 'reactions')} ${inThread ? nothing : figure(words.pollVotes, 'pollVotes')}
          ${figure(
            words.reports,
            'reports',
            html`<span class="detail">${fill(words.outcomes, { upheld: this.#count(c.reportsUpheld), dismissed: this.#count(c.reportsDismissed), open: this.#count(c.reportsOpen) })}</span>`,
          )}
        </dl>
      </section>
      ${this.#health(report, words)}
      <div part="charts" class="charts">${this.#activity(report, words)} ${inThread ? nothing : this.#topics(report, words)} ${this.#members(report, names, words)} ${this.#reasons(report, words)}</div>`;
  }

  #health(report: InsightsReport, words: InsightsWords): TemplateResult {
    const { current: c, previous: p, days } = report;
    const l = this.localize.l;
    const indicator = (label: string, value: string | null, change: unknown, detail: string) =>
      html`<div part="figure" class="figure"><dt>${label}</dt><dd><span class="value">${value ?? words.noData}</span>${change}<span class="detail">${detail}</span></dd></div>`;
    return html`<section part="health" class="health" aria-labelledby="health-title">
      <h3 id="health-title">${words.health}</h3>
      <dl class="figures">
        ${indicator(
          words.hiddenOrRemoved,
          c.hiddenOrRemovedShare === null ? null : this.#share(c.hiddenOrRemovedShare),
          this.#change(c.hiddenOrRemovedShare, p.hiddenOrRemovedShare, days, words, true),
          l.plural(words.hiddenOrRemovedOf, c.comments, { part: this.#count(c.hiddenOrRemoved) }),
        )}
        ${indicator(
          words.medianDecision,
          c.medianDecisionMs === null ? null : this.#duration(c.medianDecisionMs),
          this.#change(c.medianDecisionMs, p.medianDecisionMs, days, words),
          l.plural(words.decisionsOver, c.decisions),
        )}
        ${indicator(
          words.returning,
          c.returningShare === null ? null : this.#share(c.returningShare),
          this.#change(c.returningShare, p.returningShare, days, words, true),
          l.plural(words.returningOf, c.returningCohort, { part: this.#count(c.returningMembers) }),
        )}
      </dl>
    </section>`;
  }

  #activity(report: InsightsReport, words: InsightsWords): TemplateResult {
    const l = this.localize.l;
    const series: Series<InsightsDay>[] = [
      { key: 'comments', label: words.comments, className: 'series-comments' },
      { key: 'reactions', label: words.reactions, className: 'series-reactions' },
      ...(report.thread === null ? [{ key: 'pollVotes', label: words.pollVotes, className: 'series-votes' } as const] : []),
    ];
    const n = (v: number) => this.#count(v);
    const daily = report.daily;
    const total = (d: InsightsDay) => d.comments + d.reactions + d.pollVotes;
    const busiest = daily.reduce((best, d) => (total(d) > total(best) ? d : best), daily[0]!);
    const sum = (key: 'comments' | 'reactions' | 'pollVotes') => daily.reduce((s, d) => s + d[key], 0);
    const head = [words.date, ...series.map((s) => s.label), words.activeMembers];
    return dailyChart({
      id: 'activity',
      caption: words.activity,
      summary: fill(words.activitySummary, {
        comments: l.plural(words.commentsCount, sum('comments')),
        reactions: l.plural(words.reactionsCount, sum('reactions')),
        votes: l.plural(words.votesCount, sum('pollVotes')),
        days: l.plural(words.daysCount, daily.length),
        day: this.#date(busiest.date),
        busiest: n(total(busiest)),
      }),
      days: daily,
      series,
      dayTitle: (d) =>
        fill(words.activityBar, {
          day: this.#date(d.date),
          comments: l.plural(words.commentsCount, d.comments),
          reactions: l.plural(words.reactionsCount, d.reactions),
          votes: l.plural(words.votesCount, d.pollVotes),
          members: l.plural(words.activeCount, d.activeMembers),
        }),
      axis: [this.#date(daily[0]!.date), this.#date(daily[Math.floor((daily.length - 1) / 2)]!.date), this.#date(daily[daily.length - 1]!.date)],
      maxLabel: fill(words.maximum, { n: n(Math.max(0, ...daily.map(total))) }),
      rtl: this.localize.dir === 'rtl',
      tableLabel: words.showTable,
      table: numbersTable(words.activity, head, daily.map((d) => [this.#date(d.date), ...series.map((s) => n(d[s.key])), n(d.activeMembers)])),
    });
  }

  #topics(report: InsightsReport, words: InsightsWords): TemplateResult {
    const n = (v: number) => this.#count(v);
    const name = (t: InsightsReport['topics'][number]) => html`<span class="kind">${t.kind === 'poll' ? words.poll : words.thread}</span> ${renderPlainText(t.title ?? t.id)}`;
    return barChart({
      id: 'topics',
      caption: words.engaging,
      note: words.engagingNote,
      rows: report.topics.map((t) => ({ label: name(t), value: t.engagement, shown: n(t.engagement) })),
      className: 'series-comments',
      rtl: this.localize.dir === 'rtl',
      none: words.noTopics,
      tableLabel: words.showTable,
      table: numbersTable(words.engaging, [words.thread, words.comments, words.reactions, words.pollVotes, words.engagement], report.topics.map((t) => [name(t), n(t.comments), n(t.reactions), n(t.pollVotes), n(t.engagement)])),
    });
  }

  #members(report: InsightsReport, names: Map<Id, Member>, words: InsightsWords): TemplateResult {
    const n = (v: number) => this.#count(v);
    const name = (id: Id) => renderPlainText(names.get(id)?.name ?? id);
    return barChart({
      id: 'members',
      caption: words.members,
      note: words.membersNote,
      rows: report.members.map((m) => ({ label: name(m.memberId), value: m.actions, shown: n(m.actions) })),
      className: 'series-reactions',
      rtl: this.localize.dir === 'rtl',
      none: words.noMembers,
      tableLabel: words.showTable,
      table: numbersTable(words.members, [words.member, words.comments, words.reactions, words.pollVotes, words.actions], report.members.map((m) => [name(m.memberId), n(m.comments), n(m.reactions), n(m.pollVotes), n(m.actions)])),
    });
  }

  #reasons(report: InsightsReport, words: InsightsWords): TemplateResult {
    const reasons = this.localize.words(reasonWords).reasons;
    const label = (reason: string) => reasons[reason]?.[0] ?? reason;
    return barChart({
      id: 'reasons',
      caption: words.reasons,
      rows: report.reasons.map((r) => ({ label: label(r.reason), value: r.count, shown: this.#count(r.count) })),
      className: 'series-reports',
      rtl: this.localize.dir === 'rtl',
      none: words.noReports,
      tableLabel: words.showTable,
      table: numbersTable(words.reasons, [words.reason, words.count], report.reasons.map((r) => [label(r.reason), this.#count(r.count)])),
    });
  }
}
