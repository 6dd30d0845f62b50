import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import type { CommunityAdapter } from '../../../src/core/adapter.js';
import type { PollInput, ViewerClaims } from '../../../src/core/types.js';
import '../../../src/define/community.js';
import '../../../src/define/poll.js';
import type { MajlisPoll } from '../../../src/define/poll.js';
import { percentages } from '../../../src/components/poll/poll.js';
import { ManualClock } from '../../../src/engine/clock.js';
import { Engine } from '../../../src/engine/engine.js';
import type { MajlisVoteEvent } from '../../../src/events/vote.js';

let n = 0;
const key = () => ({ idempotencyKey: `poll-test-${++n}-key` });
const mod: ViewerClaims = { id: 'mod', name: 'Mod', roles: ['moderator'] };
const voter: ViewerClaims = { id: 'voter', name: 'Voter' };
const NOW = Date.parse('2026-06-01T10:00:00Z');

async function setup(input: Partial<PollInput> = {}) {
  const engine = new Engine({ clock: new ManualClock(NOW) });
  const poll = await new LocalAdapter({ engine, viewer: mod }).polls.create({ question: 'Best <b>season</b>?', options: ['Spring', 'Summer', 'Autumn'], ...input }, key());
  return { engine, poll };
}

async function mount(adapter: CommunityAdapter, id: string, lang = 'en') {
  const wrapper = await fixture(html`<div lang=${lang}><majlis-community .adapter=${adapter} .now=${() => NOW}><majlis-poll poll=${id}></majlis-poll></majlis-community></div>`);
  const el = wrapper.querySelector('majlis-poll') as MajlisPoll;
  await waitUntil(() => !el.matches(':state(loading)') && el.shadowRoot!.querySelector('[part~="base"] > :not([role="status"])'), 'the poll loaded');
  return el;
}

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector(s) as HTMLElement;
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll(s)] as HTMLElement[];

describe('<majlis-poll>', () => {
  it('is a radio group for single choice: arrow keys choose, Vote records, results show the own choice', async () => {
    const { engine, poll } = await setup();
    const el = await mount(new LocalAdapter({ engine, viewer: voter }), poll.id);
    expect($(el, 'legend').textContent!.trim()).to.equal('Best <b>season</b>?');
    expect($$(el, 'input[type="radio"]')).to.have.length(3);
    await expect(el).to.be.accessible();
    ($$(el, 'input')[0] as HTMLInputElement).focus();
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'ArrowDown' });
    await changed;
    expect(el.value).to.deep.equal(['o2']);
    const voted = oneEvent(el, 'majlis-vote');
    $(el, '[part="vote-button"]').click();
    const event = (await voted) as unknown as MajlisVoteEvent;
    expect(event.poll.myVote).to.deep.equal(['o2']);
    await waitUntil(() => $(el, '[part~="results"]'));
    expect($(el, '.mine').textContent).to.contain('Summer');
    expect($(el, '.mine').textContent).to.contain('100%');
    expect($(el, '[role="status"]').textContent).to.equal('Your vote was recorded.');
    await expect(el).to.be.accessible();
  });

  it('is a checkbox group with a minimum and maximum for multiple choice', async () => {
    const { engine, poll } = await setup({ kind: 'multiple', minChoices: 2, maxChoices: 2 });
    const el = await mount(new LocalAdapter({ engine, viewer: voter }), poll.id);
    expect($$(el, 'input[type="checkbox"]')).to.have.length(3);
    expect($(el, '.hint').textContent).to.contain('Choose 2 options.');
    ($$(el, 'input')[0] as HTMLInputElement).click();
    $(el, '[part="vote-button"]').click();
    await waitUntil(() => $(el, '.problem'));
    expect($(el, '.problem').textContent).to.contain('Choose 2 options.');
    ($$(el, 'input')[2] as HTMLInputElement).click();
    $(el, '[part="vote-button"]').click();
    await waitUntil(() => $(el, '[part~="results"]'));
    expect($$(el, '.mine')).to.have.length(2);
  });

  it('hides results until the viewer votes when the poll says so — in what the adapter returns too', async () => {
    const { engine, poll } = await setup({ results: 'after-vote' });
    await new LocalAdapter({ engine, viewer: { id: 'x', name: 'X' } }).polls.vote(poll.id, ['o1'], key());
    const adapter = new LocalAdapter({ engine, viewer: voter });
    expect((await adapter.polls.get(poll.id)).options.every((o) => o.votes === null)).to.equal(true);
    const el = await mount(adapter, poll.id);
    expect($(el, '[part~="results"]')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('Results appear after you vote.');
  });

  it('updates results live as others vote', async () => {
    const { engine, poll } = await setup();
    const el = await mount(new LocalAdapter({ engine, viewer: null }), poll.id);
    expect($(el, '[part="sign-in"]')).to.exist;
    await new LocalAdapter({ engine, viewer: { id: 'y', name: 'Y' } }).polls.vote(poll.id, ['o3'], key());
    await waitUntil(() => $(el, '[part="meta"]').textContent!.includes('1 voter'), 'live results');
  });

  it('shows the poll it is set to now, when a live re-read of the one before answers late', async () => {
    const { engine, poll } = await setup();
    const fruit = await new LocalAdapter({ engine, viewer: mod }).polls.create({ question: 'Best fruit?', options: ['Fig', 'Date'] }, key());
    const adapter = new LocalAdapter({ engine, viewer: voter });
    let hold = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let heldReads = 0;
    const slow: CommunityAdapter = {
      ...adapter,
      name: 'slow',
      session: adapter.session,
      polls: {
        ...adapter.polls,
        get: async (id, options) => {
          if (hold && id === poll.id) {
            heldReads++;
            await gate;
          }
          return adapter.polls.get(id, options);
        },
      },
    };
    const el = await mount(slow, poll.id);
    hold = true;
    await new LocalAdapter({ engine, viewer: { id: 'y', name: 'Y' } }).polls.vote(poll.id, ['o1'], key());
    await waitUntil(() => heldReads === 1, 'the live vote made the poll read again');
    el.poll = fruit.id;
    await waitUntil(() => $(el, 'legend')?.textContent!.trim() === 'Best fruit?', 'the new poll shows');
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect($(el, 'legend').textContent!.trim(), 'the late answer about the poll before is dropped').to.equal('Best fruit?');
  });

  it('counts one vote when the member double-clicks', async () => {
    const { engine, poll } = await setup();
    const el = await mount(new LocalAdapter({ engine, viewer: voter }), poll.id);
    ($$(el, 'input')[0] as HTMLInputElement).click();
    $(el, '[part="vote-button"]').click();
    $(el, '[part="vote-button"]')?.click();
    await waitUntil(() => $(el, '[part~="results"]'));
    expect((await new LocalAdapter({ engine, viewer: mod }).polls.get(poll.id)).totalVoters).to.equal(1);
  });

  it('lets moderators close the poll; a closed poll takes no votes', async () => {
    const { engine, poll } = await setup();
    const el = await mount(new LocalAdapter({ engine, viewer: mod }), poll.id);
    $(el, '[part="close-button"]').click();
    await waitUntil(() => el.matches(':state(closed)'));
    expect($(el, '[part="meta"]').textContent).to.contain('This poll is closed.');
    expect($(el, '[part="vote-button"]')).to.equal(null);
  });

  it('says when it closes, in Arabic, right to left', async () => {
    const { engine, poll } = await setup({ closesAt: new Date(NOW + 3 * 86_400_000).toISOString() });
    const el = await mount(new LocalAdapter({ engine, viewer: voter }), poll.id, 'ar');
    await waitUntil(() => $(el, '[part="meta"]').textContent!.includes('يُغلق'));
    expect($(el, '[part="base"]').getAttribute('dir')).to.equal('rtl');
    await expect(el).to.be.accessible();
  });

  it('says clearly that an unknown poll does not exist', async () => {
    const { engine } = await setup();
    const el = await mount(new LocalAdapter({ engine, viewer: voter }), 'nope');
    expect($(el, '[part="error"]').textContent).to.contain('does not exist');
  });

  it('gives percentages that add up to 100', () => {
    expect(percentages([1, 1, 1])).to.deep.equal([34, 33, 33]);
    expect(percentages([2, 1, 0])).to.deep.equal([67, 33, 0]);
    expect(percentages([0, 0])).to.deep.equal([0, 0]);
  });
});

describe('<majlis-poll> anonymous votes', () => {
  it('lets a guest vote once from this browser where the poll allows it', async () => {
    localStorage.removeItem('majlis-anonymous-voter');
    const { engine, poll } = await setup({ allowAnonymous: true });
    const el = await mount(new LocalAdapter({ engine, viewer: null }), poll.id);
    expect($(el, '[part="sign-in"]')).to.equal(null);
    ($$(el, 'input')[1] as HTMLInputElement).click();
    $(el, '[part="vote-button"]').click();
    await waitUntil(() => $(el, '[part~="results"]'));
    expect($(el, '.mine').textContent).to.contain('Summer');
    const again = await mount(new LocalAdapter({ engine, viewer: null }), poll.id);
    expect($(again, '[part~="results"]'), 'after a reload the browser’s vote is known').to.exist;
    expect((await new LocalAdapter({ engine, viewer: mod }).polls.get(poll.id)).totalVoters).to.equal(1);
  });
});

describe('<majlis-poll> changing a vote', () => {
  it('lets a voter change their vote while the poll is open, when it allows it', async () => {
    const { engine, poll } = await setup({ allowChange: true });
    const adapter = new LocalAdapter({ engine, viewer: voter });
    await adapter.polls.vote(poll.id, ['o1'], key());
    const el = await mount(adapter, poll.id);
    $(el, '[part="change-button"]').click();
    await waitUntil(() => $$(el, 'input[type="radio"]').length === 3);
    expect(($$(el, 'input')[0] as HTMLInputElement).checked).to.equal(true);
    ($$(el, 'input')[2] as HTMLInputElement).click();
    $(el, '[part="vote-button"]').click();
    await waitUntil(() => $(el, '.mine')?.textContent?.includes('Autumn'));
    expect((await adapter.polls.get(poll.id)).totalVoters).to.equal(1);
  });

  it('offers no change when the poll does not allow it', async () => {
    const { engine, poll } = await setup({ allowChange: false });
    const adapter = new LocalAdapter({ engine, viewer: voter });
    await adapter.polls.vote(poll.id, ['o1'], key());
    const el = await mount(adapter, poll.id);
    expect($(el, '[part="change-button"]')).to.equal(null);
  });
});
