import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import type { ViewerClaims } from '../../../src/core/types.js';
import '../../../src/define/community.js';
import '../../../src/define/leaderboard.js';
import type { MajlisLeaderboard } from '../../../src/define/leaderboard.js';
import { ManualClock } from '../../../src/engine/clock.js';
import { Engine } from '../../../src/engine/engine.js';

let n = 0;
const person = (id: string): ViewerClaims => ({ id, name: `Person ${id.toUpperCase()}` });

async function community(points: Record<string, number>) {
  const clock = new ManualClock('2026-03-04T12:00:00Z');
  const engine = new Engine({ clock });
  for (const [id, comments] of Object.entries(points)) {
    for (let i = 0; i < comments; i++) {
      await engine.postComment(person(id), { thread: 't', body: `${id} says ${i}` }, `lb-key-${++n}-x`);
      clock.advance(4000);
    }
  }
  return { engine, clock };
}

async function mount(engine: Engine, viewer: ViewerClaims | null, attrs: { limit?: number; lang?: string } = {}) {
  const wrapper = await fixture(html`<div lang=${attrs.lang ?? 'en'}><majlis-community .adapter=${new LocalAdapter({ engine, viewer })}><majlis-leaderboard limit=${attrs.limit ?? 10}></majlis-leaderboard></majlis-community></div>`);
  const el = wrapper.querySelector('majlis-leaderboard') as MajlisLeaderboard;
  await waitUntil(() => !el.matches(':state(loading)') && el.shadowRoot!.querySelector('table, [part="empty"]'), 'the board loaded');
  return el;
}

const rows = (el: Element) => [...el.shadowRoot!.querySelectorAll('tbody tr[part~="row"]')].map((r) => [...r.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));

describe('<majlis-leaderboard>', () => {
  it('ranks with shared ranks for ties, in an accessible table with a caption', async () => {
    const { engine } = await community({ a: 3, b: 2, c: 2, d: 1 });
    const el = await mount(engine, null);
    expect(rows(el).map((r) => r[0])).to.deep.equal(['1st', '2nd', '2nd', '4th']);
    expect(el.shadowRoot!.querySelector('caption')!.textContent).to.contain('This week');
    await expect(el).to.be.accessible();
  });

  it('shows the viewer’s own row even outside the top', async () => {
    const { engine } = await community({ a: 3, b: 2, c: 1 });
    const el = await mount(engine, person('c'), { limit: 1 });
    const all = rows(el);
    expect(all).to.have.length(2);
    expect(all[1]![0]).to.equal('3rd');
    expect(all[1]![1]).to.contain('(You)');
    expect(el.shadowRoot!.querySelector('[part~="viewer-row"]')!.getAttribute('aria-current')).to.equal('true');
  });

  it('switches periods, keeping focus on the switcher', async () => {
    const { engine } = await community({ a: 1 });
    const el = await mount(engine, null);
    const all = [...el.shadowRoot!.querySelectorAll('[part="period-button"]')][2] as HTMLButtonElement;
    all.focus();
    all.click();
    await waitUntil(() => el.shadowRoot!.querySelector('caption')?.textContent?.includes('All time'));
    expect(el.shadowRoot!.activeElement).to.equal(all);
    expect(all.getAttribute('aria-pressed')).to.equal('true');
    expect(el.shadowRoot!.querySelector('th:nth-child(4)')).to.equal(null);
  });

  it('updates live and tells the viewer their new rank', async () => {
    const { engine, clock } = await community({ a: 2, b: 1 });
    const el = await mount(engine, person('b'));
    for (let i = 0; i < 2; i++) {
      clock.advance(4000);
      await engine.postComment(person('b'), { thread: 't', body: `catching up ${i}` }, `lb-live-${i}-key`);
    }
    await waitUntil(() => rows(el)[0]![1]!.includes('Person B'), 'the board moved live');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('You are now 1st.');
  });

  it('does not reorder the table under the reader: a live change waits until focus leaves it', async () => {
    const { engine, clock } = await community({ a: 2, b: 1 });
    const el = await mount(engine, person('b'));
    const table = el.shadowRoot!.querySelector('table')!;
    table.tabIndex = -1;
    table.focus();
    for (let i = 0; i < 2; i++) {
      clock.advance(4000);
      await engine.postComment(person('b'), { thread: 't', body: `while reading ${i}` }, `lb-hold-${i}-key`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rows(el)[0]![1], 'still the order the reader is reading').to.contain('Person A');
    el.shadowRoot!.querySelector<HTMLElement>('[part="period-button"]')!.focus();
    await waitUntil(() => rows(el)[0]![1]!.includes('Person B'), 'the board moved once focus left the table');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('You are now 1st.');
  });

  it('fills an empty board live when the first points are earned', async () => {
    const { engine } = await community({});
    const el = await mount(engine, person('a'));
    expect(el.shadowRoot!.querySelector('[part="empty"]'), 'no points yet').to.not.equal(null);
    await engine.postComment(person('a'), { thread: 't', body: 'the first word' }, 'lb-first-key');
    await waitUntil(() => rows(el)[0]?.[1]?.includes('Person A'), 'the first member appears without a reload');
    expect(el.matches(':state(empty)')).to.equal(false);
  });

  it('invites points when the period is empty, in Arabic', async () => {
    const { engine } = await community({});
    const el = await mount(engine, null, { lang: 'ar' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="empty"]')?.textContent?.includes('لا نقاط'));
    await expect(el).to.be.accessible();
  });
});
