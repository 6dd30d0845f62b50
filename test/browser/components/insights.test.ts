import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import type { CommunityAdapter, InsightsApi } from '../../../src/core/adapter.js';
import { AdapterError } from '../../../src/core/errors.js';
import type { InsightsFigures, InsightsQuery, InsightsReport, ViewerClaims } from '../../../src/core/types.js';
import '../../../src/define/community.js';
import '../../../src/define/insights.js';
import type { MajlisInsights } from '../../../src/define/insights.js';
import { ManualClock } from '../../../src/engine/clock.js';
import { Engine } from '../../../src/engine/engine.js';

const NOW = Date.parse('2026-03-20T12:00:00Z');
const MOD: ViewerClaims = { id: 'mona', name: 'Mona', roles: ['moderator'] };
const AMAL: ViewerClaims = { id: 'a', name: 'Amal' };
const EVIL = '=HYPERLINK("http://evil.example","x")';

const figures = (over: Partial<InsightsFigures>): InsightsFigures => ({
  activeMembers: 0, newMembers: 0, comments: 0, replies: 0, reactions: 0, pollVotes: 0, reports: 0, reportsUpheld: 0, reportsDismissed: 0, reportsOpen: 0,
  hiddenOrRemoved: 0, hiddenOrRemovedShare: null, decisions: 0, medianDecisionMs: null, returningCohort: 0, returningMembers: 0, returningShare: null,
  ...over,
});

/** A report with known numbers, so what the element shows can be checked to the digit. */
function fixtureReport(query: InsightsQuery): InsightsReport {
  const days = query.days;
  return {
    days,
    thread: query.thread ?? null,
    since: new Date(NOW - (days - 1) * 86_400_000 - 12 * 3_600_000).toISOString(),
    until: new Date(NOW).toISOString(),
    previousSince: new Date(NOW - (2 * days - 1) * 86_400_000 - 12 * 3_600_000).toISOString(),
    previousUntil: new Date(NOW - days * 86_400_000).toISOString(),
    current: figures({
      activeMembers: 5, newMembers: 1, comments: 4, replies: 1, reactions: 2, pollVotes: 2, reports: 3, reportsUpheld: 1, reportsDismissed: 1, reportsOpen: 1,
      hiddenOrRemoved: 1, hiddenOrRemovedShare: 0.25, decisions: 2, medianDecisionMs: 13.25 * 3_600_000, returningCohort: 4, returningMembers: 3, returningShare: 0.75,
    }),
    previous: figures({ activeMembers: 4, newMembers: 3, comments: 3, reactions: 1, pollVotes: 2, hiddenOrRemovedShare: 0, returningCohort: 2, returningMembers: 1, returningShare: 0.5 }),
    daily: Array.from({ length: days }, (_, i) => ({
      date: new Date(NOW - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
      // The first day is the busiest; the last has one comment.
      comments: i === 0 ? 2 : i === days - 1 ? 1 : 0,
      reactions: i === 0 ? 2 : 0,
      pollVotes: 0,
      activeMembers: i === 0 ? 2 : i === days - 1 ? 1 : 0,
    })),
    topics: [
      { kind: 'thread', id: 'talk', title: null, comments: 2, reactions: 2, pollVotes: 0, engagement: 4 },
      { kind: 'poll', id: 'p1', title: 'Best day?', comments: 0, reactions: 0, pollVotes: 2, engagement: 2 },
      { kind: 'thread', id: EVIL, title: null, comments: 2, reactions: 0, pollVotes: 0, engagement: 2 },
    ],
    members: [
      { memberId: 'a', comments: 2, reactions: 0, pollVotes: 0, actions: 2 },
      { memberId: 'evil', comments: 1, reactions: 0, pollVotes: 0, actions: 1 },
    ],
    reasons: [
      { reason: 'spam', count: 2 },
      { reason: 'harassment', count: 1 },
    ],
  };
}

/** A LocalAdapter on a real engine (members, session), with insights answered by `report`. */
async function adapterWith(viewer: ViewerClaims | null, report: InsightsApi['report']): Promise<{ adapter: CommunityAdapter; calls: InsightsQuery[] }> {
  const engine = new Engine({ clock: new ManualClock(NOW) });
  await engine.viewer(AMAL);
  await engine.viewer({ id: 'evil', name: EVIL });
  const local = new LocalAdapter({ engine, viewer });
  const calls: InsightsQuery[] = [];
  const adapter: CommunityAdapter = { ...local, name: 'stub', session: local.session, members: local.members, insights: { report: (q, o) => (calls.push(q), report(q, o)) } };
  return { adapter, calls };
}

interface Mount {
  days?: number;
  thread?: string;
  lang?: string;
  theme?: 'light' | 'dark';
}

/** Mounts one element (the last one goes: a tall one above would keep the next below the fold, and it loads only near the viewport). */
async function mount(adapter: CommunityAdapter, options: Mount = {}, settled = '[part="figures"], [part="empty"], [part="not-allowed"], [part="error"]') {
  fixtureCleanup();
  const lang = options.lang ?? 'en';
  const wrapper = await fixture(html`<div lang=${lang} dir=${lang === 'ar' ? 'rtl' : 'ltr'}><majlis-community .adapter=${adapter} .now=${() => NOW} theme=${options.theme ?? 'light'}>
    <majlis-insights days=${options.days ?? 7} thread=${options.thread ?? ''}></majlis-insights>
  </majlis-community></div>`);
  const el = wrapper.querySelector('majlis-insights') as MajlisInsights;
  await waitUntil(() => el.shadowRoot!.querySelector(settled), `the insights showed ${settled}`);
  return el;
}

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector(s) as HTMLElement;
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();
const cells = (row: Element) => [...row.children].map(text).join(' ');
const figure = (el: Element, label: string) => $$(el, '[part="figure"]').find((f) => text(f.querySelector('dt')!) === label)!;
const visible = (node: Element) => text(node.querySelector('[aria-hidden="true"]')!);
const spoken = (node: Element) => text(node.querySelector('.visually-hidden')!);
const openTables = async (el: MajlisInsights) => {
  for (const details of $$(el, 'details')) (details as HTMLDetailsElement).open = true;
  await el.updateComplete;
};

describe('<majlis-insights>', () => {
  it('tells members and guests they may not see it, and the adapter refuses them too', async () => {
    const engine = new Engine({ clock: new ManualClock(NOW) });
    const member = await mount(new LocalAdapter({ engine, viewer: AMAL }));
    expect(text($(member, '[part="not-allowed"]'))).to.equal('Only moderators and admins can see community insights.');
    await expect(member).to.be.accessible();
    const guest = await mount(new LocalAdapter({ engine, viewer: null }));
    expect(text($(guest, '[part="not-allowed"]'))).to.equal('Sign in as a moderator or admin to see community insights.');
    let refused: unknown;
    await new LocalAdapter({ engine, viewer: AMAL }).insights.report({ days: 7 }).catch((e: unknown) => (refused = e));
    expect((refused as AdapterError).code).to.equal('forbidden');
  });

  it('shows each figure with its change from the previous period: an arrow for the eye, a sentence for a screen reader', async () => {
    const { adapter, calls } = await adapterWith(MOD, async (q) => fixtureReport(q));
    const el = await mount(adapter);
    expect(calls).to.deep.equal([{ days: 7, thread: null }]);
    const comments = figure(el, 'Comments');
    expect(text(comments.querySelector('.value')!)).to.equal('4');
    expect(visible(comments.querySelector('[part="change"]')!)).to.equal('▲ 33%');
    expect(spoken(comments.querySelector('[part="change"]')!)).to.equal('up 33% from the previous 7 days');
    expect(spoken(figure(el, 'New members').querySelector('[part="change"]')!)).to.equal('down 67% from the previous 7 days');
    expect(visible(figure(el, 'Poll votes').querySelector('[part="change"]')!)).to.equal('=');
    expect(spoken(figure(el, 'Poll votes').querySelector('[part="change"]')!)).to.equal('no change from the previous 7 days');
    expect(spoken(figure(el, 'Replies').querySelector('[part="change"]')!)).to.equal('new: none in the previous 7 days');
    expect(text(figure(el, 'Reports'))).to.contain('1 upheld · 1 dismissed · 1 open');

    const hidden = figure(el, 'Comments hidden or removed');
    expect(text(hidden.querySelector('.value')!)).to.equal('25%');
    expect(visible(hidden.querySelector('[part="change"]')!)).to.equal('▲ 25 pts');
    expect(spoken(hidden.querySelector('[part="change"]')!)).to.equal('up 25 percentage points from the previous 7 days');
    expect(text(hidden)).to.contain('1 of 4 comments');
    const median = figure(el, 'Median time to a moderation decision');
    expect(text(median.querySelector('.value')!)).to.equal('13.3 hours');
    expect(median.querySelector('[part="change"]'), 'no decisions before: nothing to compare').to.equal(null);
    expect(text(figure(el, 'Members back within a week'))).to.contain('3 of 4 members active a week earlier');
    expect(text($(el, '.range'))).to.equal('Mar 14 – Mar 20, 2026 (UTC), compared with the 7 days before');
    await expect(el).to.be.accessible();
  });

  it('draws each chart as titled SVG, with its numbers as a table', async () => {
    const { adapter } = await adapterWith(MOD, async (q) => fixtureReport(q));
    const el = await mount(adapter);
    const plot = $(el, 'svg.plot');
    expect(plot.getAttribute('role')).to.equal('img');
    expect(plot.getAttribute('viewBox')).to.equal('0 0 70 100');
    const title = plot.querySelector('title')!;
    expect(plot.getAttribute('aria-labelledby')).to.equal(title.id);
    expect(title.textContent).to.equal('3 comments, 2 reactions and 0 poll votes over 7 days. Busiest day: Mar 14, with 4 of them.');
    expect(plot.querySelector('g title')!.textContent, 'a hover title per day').to.equal('Mar 14: 2 comments, 2 reactions, 0 poll votes, 2 active members');
    expect(plot.querySelectorAll('g title')[6]!.textContent, 'one of a kind is singular').to.equal('Mar 20: 1 comment, 0 reactions, 0 poll votes, 1 active member');
    const firstDay = [...plot.querySelectorAll('g')][0]!.querySelectorAll('rect');
    // Two comments and two reactions on the busiest day: two halves of the full height.
    expect([...firstDay].map((r) => [r.getAttribute('class'), Number(r.getAttribute('height'))])).to.deep.equal([['series-comments', 50], ['series-reactions', 50]]);
    const x = (g: Element | undefined) => Number(g!.querySelector('rect')!.getAttribute('x'));
    const days = [...plot.querySelectorAll('g')];
    expect(x(days[0])).to.be.below(x(days[6]), 'time runs left to right in English');

    const topics = $$(el, '.chart')[1]!;
    expect(text(topics.querySelector('figcaption')!)).to.contain('Most engaging threads and polls');
    expect($$(el, '.chart').map((c) => text(c.querySelector('figcaption')!).split(/Comments,/)[0]!.trim())).to.deep.equal(['Activity per day', 'Most engaging threads and polls', 'Most active members', 'Report reasons']);
    const rows = [...topics.querySelectorAll('.bars li')];
    expect(rows.map((r) => text(r))).to.deep.equal(['Thread talk 4', 'Poll Best day? 2', `Thread ${EVIL} 2`]);
    expect(rows.map((r) => Number(r.querySelector('rect')!.getAttribute('width')))).to.deep.equal([100, 50, 50]);
    expect(rows.every((r) => r.querySelector('svg')!.getAttribute('aria-hidden') === 'true'), 'the bars are drawn; their numbers are text').to.equal(true);

    await openTables(el);
    const tables = $$(el, '[part="table"]');
    expect(tables).to.have.length(4);
    expect(tables[0]!.querySelectorAll('tbody tr')).to.have.length(7);
    expect([...tables[0]!.querySelectorAll('thead th')].map(text)).to.deep.equal(['Date', 'Comments', 'Reactions', 'Poll votes', 'Active members']);
    expect([...tables[3]!.querySelectorAll('tbody tr')].map(cells)).to.deep.equal(['Spam 2', 'Harassment 1']);
    expect(cells(tables[2]!.querySelector('tbody tr')!)).to.equal('Amal 2 0 0 2');
    await expect(el).to.be.accessible();
  });

  it('in Arabic, time runs right to left, bars grow from the right, and numbers are formatted for Arabic', async () => {
    const { adapter } = await adapterWith(MOD, async (q) => fixtureReport(q));
    const el = await mount(adapter, { lang: 'ar', theme: 'dark' });
    await waitUntil(() => text($(el, 'h2')) === 'مؤشرات المجتمع', 'the Arabic words loaded');
    expect($(el, '[part="base"]').getAttribute('dir')).to.equal('rtl');
    const days = [...$(el, 'svg.plot').querySelectorAll('g')];
    const x = (g: Element | undefined) => Number(g!.querySelector('rect')!.getAttribute('x'));
    expect(x(days[0])).to.be.above(x(days[6]), 'the oldest day at the right');
    const second = $$(el, '.chart')[1]!.querySelectorAll('.bars li')[1]!;
    expect(Number(second.querySelector('rect')!.getAttribute('x'))).to.equal(50);
    // In the digits the Localizer uses for Arabic (Intl's choice for "ar").
    const number = new Intl.NumberFormat('ar');
    expect(text(figure(el, 'التعليقات').querySelector('.value')!)).to.equal(number.format(4));
    const percent = new Intl.NumberFormat('ar', { style: 'percent' }).format(0.33);
    expect(spoken(figure(el, 'التعليقات').querySelector('[part="change"]')!)).to.equal(`ارتفاع ${percent} عن الأيام الـ${number.format(7)} السابقة`);
    await openTables(el);
    await expect(el).to.be.accessible();
  });

  it('switches the period with its buttons and says so with a change event; `thread` asks for one thread', async () => {
    const { adapter, calls } = await adapterWith(MOD, async (q) => fixtureReport(q));
    const el = await mount(adapter);
    const changes: number[] = [];
    el.addEventListener('change', () => changes.push(el.days));
    const buttons = $$(el, '[part="period-button"]');
    expect(buttons.map(text)).to.deep.equal(['Last 7 days', 'Last 30 days', 'Last 90 days']);
    buttons[2]!.click();
    await waitUntil(() => $(el, 'svg.plot')?.getAttribute('viewBox') === '0 0 900 100', 'the 90-day chart');
    expect(calls.at(-1)).to.deep.equal({ days: 90, thread: null });
    expect(changes).to.deep.equal([90]);
    expect(el.getAttribute('days')).to.equal('90');
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false', 'true']);

    const one = await mount(adapter, { thread: 'talk', days: 30 });
    expect(calls.at(-1)).to.deep.equal({ days: 30, thread: 'talk' });
    expect(text($(one, 'h2'))).to.equal('Insights for “\u2068talk\u2069”', 'the thread isolated, so a right-to-left name keeps the sentence in order');
    expect(figure(one, 'Poll votes'), 'polls belong to no thread').to.equal(undefined);
    expect($$(one, '.chart figcaption').map((c) => c.firstChild!.textContent!.trim())).to.not.include('Most engaging threads and polls');
  });

  it('exports the figures as CSV, one value per row, with formulas neutralized', async () => {
    const { adapter } = await adapterWith(MOD, async (q) => fixtureReport(q));
    const el = await mount(adapter);
    const csv = el.insightsCsv();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).to.equal('"section","item","label","metric","value","previous"');
    expect(lines).to.include('"figures","","Comments","comments","4","3"');
    expect(lines).to.include('"figures","","Comments hidden or removed","hiddenOrRemovedShare","0.25","0"');
    expect(lines).to.include('"figures","","Median time to a moderation decision","medianDecisionMs","47700000",""');
    expect(lines).to.include('"reasons","spam","Spam","count","2",""');
    expect(csv).to.contain(`"topics","thread:=HYPERLINK(""http://evil.example"",""x"")","'=HYPERLINK(""http://evil.example"",""x"")","engagement","2",""`);
    expect(csv).to.contain(`"members","evil","'=HYPERLINK(""http://evil.example"",""x"")","actions","1",""`);
    expect(csv).to.not.match(/(^|,)"[=+\-@]/m);

    const original = URL.createObjectURL;
    let blob: Blob | undefined;
    URL.createObjectURL = (b: Blob | MediaSource) => ((blob = b as Blob), 'blob:test');
    try {
      $(el, '[part="export-button"]').click();
      await waitUntil(() => blob);
    } finally {
      URL.createObjectURL = original;
    }
    expect(await blob!.text()).to.contain('"daily",');
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const lang of ['en', 'ar']) {
      it(`every state is clear and accessible: figures, not allowed, loading, empty, error, offline (${theme}, ${lang === 'ar' ? 'Arabic, RTL' : 'English, LTR'})`, async () => {
        const options = { theme, lang };
        const complete = await mount((await adapterWith(MOD, async (q) => fixtureReport(q))).adapter, options, '[part="charts"]');
        await openTables(complete);
        await expect(complete).to.be.accessible();

        const member = await mount((await adapterWith(AMAL, async (q) => fixtureReport(q))).adapter, options, '[part="not-allowed"]');
        await expect(member).to.be.accessible();

        const loading = await mount((await adapterWith(MOD, () => new Promise<never>(() => {}))).adapter, options, '[part="loading"]');
        expect(loading.matches(':state(loading)')).to.equal(true);
        await expect(loading).to.be.accessible();

        const empty = await mount(new LocalAdapter({ engine: new Engine({ clock: new ManualClock(NOW) }), viewer: MOD }), options, '[part="empty"]');
        expect(text($(empty, '[part="empty"]'))).to.equal(
          lang === 'ar'
            ? 'لم يشارك أحد في هذه الفترة ولا في التي قبلها: لا تعليقات ولا تفاعلات ولا أصوات ولا بلاغات. جرّب فترة أطول، أو عُد حين يشارك الأعضاء.'
            : 'No one took part in this period or the one before it: no comments, reactions, votes or reports. Try a longer period, or come back once members take part.',
        );
        expect($$(empty, '[part="period-button"]'), 'the period can still be changed').to.have.length(3);
        await expect(empty).to.be.accessible();

        let fail = true;
        const flaky = await adapterWith(MOD, async (q) => {
          if (fail) throw new AdapterError('unavailable', 'down');
          return fixtureReport(q);
        });
        const failed = await mount(flaky.adapter, options, '[part="error"]');
        expect(failed.matches(':state(error)')).to.equal(true);
        await expect(failed).to.be.accessible();
        fail = false;
        $(failed, '[part="retry-button"]').click();
        await waitUntil(() => $(failed, '[part="figures"]'), 'a retry loads the figures');

        const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
        Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
        try {
          const offline = await mount((await adapterWith(MOD, () => Promise.reject(new TypeError('Failed to fetch')))).adapter, options, '[part="error"]');
          expect(offline.matches(':state(offline)')).to.equal(true);
          await expect(offline).to.be.accessible();
        } finally {
          Object.defineProperty(Navigator.prototype, 'onLine', onLine);
        }
      });
    }
  }

  it('through LocalAdapter, shows what the engine counted', async () => {
    const clock = new ManualClock(NOW - 3_600_000);
    const engine = new Engine({ clock });
    let k = 0;
    for (const body of ['One', 'Two', 'Three']) {
      await engine.postComment(AMAL, { thread: 'talk', body }, `insights-browser-${++k}`);
      clock.advance(5000);
    }
    clock.set(NOW);
    const el = await mount(new LocalAdapter({ engine, viewer: MOD }));
    expect(text(figure(el, 'Comments').querySelector('.value')!)).to.equal('3');
    expect(text(figure(el, 'Active members').querySelector('.value')!)).to.equal('1');
    expect(text($$(el, '.chart')[2]!.querySelector('.bars li')!)).to.equal('Amal 3');
  });

  it('a days attribute other than 7, 30 or 90 shows 30 days and tells the developer', async () => {
    const { adapter, calls } = await adapterWith(MOD, async (q) => fixtureReport(q));
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      await mount(adapter, { days: 14 });
    } finally {
      console.warn = warn;
    }
    expect(calls.at(-1)).to.deep.equal({ days: 30, thread: null });
    expect(String(warnings[0])).to.contain('days must be 7, 30 or 90');
  });
});
