/**
 * Issue #10, faults: elements over a real engine behind `withFaults` (latency, dropped answers, 429
 * with Retry-After, 500, 503, timeouts, offline, duplicated requests, duplicated and reordered live
 * events). What a member typed is never lost, no write is doubled, every fault shows a state that says
 * what to do, and the state clears once the fault is gone.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { LocalAdapter } from '../../../src/adapters/local/local-adapter.js';
import type { WriteOptions } from '../../../src/core/adapter.js';
import type { TargetRef, ViewerClaims } from '../../../src/core/types.js';
import '../../../src/define/comment-count.js';
import '../../../src/define/comments.js';
import '../../../src/define/community.js';
import '../../../src/define/moderation-queue.js';
import '../../../src/define/poll.js';
import '../../../src/define/report-button.js';
import { ManualClock } from '../../../src/engine/clock.js';
import { Engine } from '../../../src/engine/engine.js';
import { withFaults, type Fault, type FaultyAdapter } from '../../../src/testing/faulty-adapter.js';
import { goOffline } from '../fixtures/network.js';

const START = Date.parse('2026-05-06T10:00:00Z');
const me: ViewerClaims = { id: 'me', name: 'Maryam' };
const other: ViewerClaims = { id: 'other', name: 'Omar' };
const mod: ViewerClaims = { id: 'mod', name: 'Mona', roles: ['moderator'] };
let keys = 0;
const key = () => ({ idempotencyKey: `faults-test-${++keys}` });

/** A fresh community on a manual clock; `as(viewer)` acts in it directly, `faulty(viewer)` through the fault wrapper. */
function community() {
  const clock = new ManualClock(START);
  const engine = new Engine({ clock });
  const as = (viewer: ViewerClaims | null) => new LocalAdapter({ engine, viewer });
  return { engine, clock, as, faulty: (viewer: ViewerClaims | null) => withFaults(as(viewer)) };
}

async function mount(adapter: FaultyAdapter, content: TemplateResult): Promise<HTMLElement> {
  return fixture(html`<div><majlis-community .adapter=${adapter} .now=${() => START + 60_000}>${content}</majlis-community></div>`);
}

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement | null;
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const settle = (predicate: () => unknown, message: string) => waitUntil(predicate, message, { timeout: 4000, interval: 10 });
const keysOf = (adapter: FaultyAdapter, method: string) => adapter.calls.filter((c) => c.method === method).map((c) => (c.args.at(-1) as WriteOptions).idempotencyKey);

describe('hardening: faults', function () {
  this.timeout(15_000);
  beforeEach(() => Object.keys(localStorage).filter((k) => k.startsWith('majlis-draft:')).forEach((k) => localStorage.removeItem(k)));

  describe('writing a comment', () => {
    const thread = async (adapter: FaultyAdapter) => {
      const wrapper = await mount(adapter, html`<majlis-comments thread="w"></majlis-comments>`);
      const el = wrapper.querySelector('majlis-comments')!;
      await settle(() => $(el, 'majlis-comment-composer')?.shadowRoot?.querySelector('textarea'), 'the composer loaded');
      return { wrapper, el, composer: $(el, 'majlis-comment-composer')! };
    };
    const area = (composer: HTMLElement) => composer.shadowRoot!.querySelector('textarea')!;
    const problem = (composer: HTMLElement) => composer.shadowRoot!.querySelector('[part="problem"]');
    const send = (composer: HTMLElement) => (composer.shadowRoot!.querySelector('[part="send-button"]') as HTMLButtonElement).click();
    const type = (composer: HTMLElement, body: string) => {
      area(composer).value = body;
      area(composer).dispatchEvent(new Event('input'));
    };
    const bodies = (el: Element) => $$(el, '[part~="body"]').map((b) => text(b));

    const failures: { name: string; fault: Fault; says: RegExp | null }[] = [
      { name: '429 with Retry-After', fault: { kind: 'rate_limited', retryAfter: 7 }, says: /Try again in 7 seconds/ },
      { name: '500', fault: { kind: 'server_error', status: 500 }, says: /unavailable right now.*try again/i },
      { name: '503 with Retry-After', fault: { kind: 'server_error', status: 503, retryAfter: 30 }, says: /unavailable right now.*try again/i },
      { name: 'a timeout after the comment was saved', fault: { kind: 'timeout', reached: true }, says: /unavailable right now.*try again/i },
      { name: 'being offline', fault: { kind: 'offline' }, says: /You are offline/ },
      // No answer at all: the composer waits ("Posting…"); the member reloads.
      { name: 'a dropped answer', fault: { kind: 'drop' }, says: null },
    ];
    for (const { name, fault, says } of failures) {
      it(`${name}: says what to do, keeps the draft across a reload, and the retry posts one comment`, async () => {
        const c = community();
        const adapter = c.faulty(me);
        const first = await thread(adapter);
        const network = fault.kind === 'offline' ? goOffline() : null;
        adapter.inject(fault, { on: 'comments.post' });
        type(first.composer, 'Words I will not type twice');
        send(first.composer);
        if (says) {
          await settle(() => problem(first.composer), 'the problem is shown');
          expect(text(problem(first.composer))).to.match(says);
          if (fault.kind !== 'offline') expect(text(problem(first.composer))).to.contain('draft is kept');
        } else {
          await settle(() => text(first.composer.shadowRoot!.querySelector('[part="send-button"]')) === 'Posting…', 'still posting');
        }
        expect(area(first.composer).value).to.equal('Words I will not type twice');

        // A reload while the fault lasts, then the fault ends.
        first.wrapper.remove();
        const again = await thread(adapter);
        expect(area(again.composer).value, 'the draft after a reload').to.equal('Words I will not type twice');
        adapter.heal();
        network?.backOnline();
        send(again.composer);
        await settle(() => area(again.composer).value === '', 'posted');
        await again.el.updateComplete;
        expect(bodies(again.el), 'shown once').to.deep.equal(['Words I will not type twice']);
        expect(!!problem(again.composer), 'the problem is gone').to.equal(false);
        expect(area(again.composer).value).to.equal('');
        expect((await c.as(null).comments.count(['w'])).w, 'one comment').to.equal(1);
        expect(new Set(keysOf(adapter, 'comments.post')).size, 'one idempotency key for every try').to.equal(1);
      });
    }

    it('a request delivered twice makes one comment', async () => {
      const c = community();
      const adapter = c.faulty(me);
      const { el, composer } = await thread(adapter);
      adapter.inject({ kind: 'duplicate' }, { on: 'comments.post' });
      type(composer, 'Said once');
      send(composer);
      await settle(() => bodies(el).includes('Said once'), 'posted');
      expect(bodies(el)).to.deep.equal(['Said once']);
      expect((await c.as(null).comments.count(['w'])).w).to.equal(1);
    });
  });

  describe('reading a thread', () => {
    it('offline: says it retries when the connection returns, and does', async () => {
      const c = community();
      await c.as(other).comments.post({ thread: 'r', body: 'hello' }, key());
      const adapter = c.faulty(null);
      const network = goOffline();
      adapter.inject({ kind: 'offline' });
      const wrapper = await mount(adapter, html`<majlis-comments thread="r"></majlis-comments>`);
      const el = wrapper.querySelector('majlis-comments')!;
      await settle(() => el.matches(':state(offline)'), 'the offline state');
      expect(text($(el, '[part="error"]'))).to.contain('retrying when the connection returns');
      adapter.heal();
      network.backOnline();
      await settle(() => text($(el, '[part~="body"]')) === 'hello', 'loaded once back online');
      expect(el.matches(':state(offline)')).to.equal(false);
    });

    it('429 from the server’s throttle: says how long to wait, and loads by itself after it', async () => {
      const c = community();
      await c.as(other).comments.post({ thread: 'r', body: 'hello' }, key());
      const adapter = c.faulty(null);
      adapter.inject({ kind: 'rate_limited', retryAfter: 1 }, { on: 'comments.list', times: 1 });
      const wrapper = await mount(adapter, html`<majlis-comments thread="r"></majlis-comments>`);
      const el = wrapper.querySelector('majlis-comments')!;
      await settle(() => el.matches(':state(error)'), 'the error state');
      expect(text($(el, '[part="error"]'))).to.contain('Try again in 1 second');
      await settle(() => text($(el, '[part~="body"]')) === 'hello', 'loaded after the wait');
      expect(!!$(el, '[part="error"]')).to.equal(false);
    });

    it('a dropped answer is given up when the element leaves the page', async () => {
      const adapter = community().faulty(null);
      adapter.inject({ kind: 'drop' }, { on: 'comments.list' });
      const wrapper = await mount(adapter, html`<majlis-comments thread="r"></majlis-comments>`);
      const el = wrapper.querySelector('majlis-comments')!;
      await settle(() => adapter.calls.some((call) => call.method === 'comments.list'), 'asked');
      expect(el.matches(':state(loading)')).to.equal(true);
      const signal = (adapter.calls.find((call) => call.method === 'comments.list')!.args[1] as { signal: AbortSignal }).signal;
      el.remove();
      expect(signal.aborted).to.equal(true);
    });
  });

  describe('live events', () => {
    const page = async (adapter: FaultyAdapter) => {
      const wrapper = await mount(adapter, html`<majlis-comment-count thread="l"></majlis-comment-count><majlis-comments thread="l"></majlis-comments>`);
      const el = wrapper.querySelector('majlis-comments')!;
      const count = wrapper.querySelector('majlis-comment-count')!;
      await settle(() => $(el, '[part~="comment"]') && $(count, '[part="count"]'), 'loaded');
      return { el, count };
    };

    it('a comment delivered twice is offered and shown once', async () => {
      const c = community();
      await c.as(other).comments.post({ thread: 'l', body: 'first' }, key());
      const adapter = c.faulty(me);
      adapter.duplicateLive = true;
      const { el } = await page(adapter);
      c.clock.advance(10_000);
      await c.as(other).comments.post({ thread: 'l', body: 'second' }, key());
      await settle(() => $(el, '[part="new-banner"]'), 'the banner');
      expect(text($(el, '[part="new-banner"]'))).to.equal('Show 1 new comment');
      $(el, '[part="new-banner"]')!.click();
      await settle(() => $$(el, '[part~="body"]').length === 2, 'shown');
      expect($$(el, '[part~="body"]').map(text)).to.deep.equal(['first', 'second']);
    });

    it('events in reverse order end in the right count and the right comments', async () => {
      const c = community();
      await c.as(other).comments.post({ thread: 'l', body: 'first' }, key());
      const adapter = c.faulty(me);
      const { el, count } = await page(adapter);
      adapter.holdLive();
      const posted = [];
      for (const body of ['A, soon deleted', 'B', 'C']) {
        c.clock.advance(10_000);
        posted.push(await c.as(other).comments.post({ thread: 'l', body }, key()));
      }
      await c.as(other).comments.delete(posted[0]!.id, key());
      adapter.releaseLive('reversed');
      await settle(() => $(el, '[part="new-banner"]'), 'the banner');
      expect(text($(count, '[part="count"]')), 'the count element').to.equal('3 comments');
      expect(text($(el, '.count')), 'the thread’s count').to.equal('3 comments');
      expect(text($(el, '[part="new-banner"]'))).to.equal('Show 2 new comments');
      $(el, '[part="new-banner"]')!.click();
      await settle(() => $$(el, '[part~="body"]').length === 3, 'shown');
      expect($$(el, '[part~="body"]').map(text)).to.deep.equal(['first', 'B', 'C']);
    });
  });

  describe('voting in a poll', () => {
    const setup = async (viewer: ViewerClaims = me) => {
      const c = community();
      const poll = await c.as(mod).polls.create({ question: 'Best season?', options: ['Spring', 'Summer'] }, key());
      const adapter = c.faulty(viewer);
      const wrapper = await mount(adapter, html`<majlis-poll poll=${poll.id}></majlis-poll>`);
      const el = wrapper.querySelector('majlis-poll')!;
      await settle(() => $(el, '[part="option"]'), 'the poll loaded');
      const vote = () => {
        ($$(el, 'input')[1] as HTMLInputElement).click();
        $(el, '[part="vote-button"]')!.click();
      };
      return { c, poll, adapter, el, vote };
    };
    const voters = async (c: ReturnType<typeof community>, id: string) => (await c.as(mod).polls.get(id)).totalVoters;

    for (const { name, fault, says } of [
      { name: '429 with Retry-After', fault: { kind: 'rate_limited', retryAfter: 3 } as Fault, says: /Try again in 3 seconds/ },
      { name: '503', fault: { kind: 'server_error', status: 503 } as Fault, says: /unavailable right now/ },
      { name: 'a timeout after the vote was saved (no live news of it)', fault: { kind: 'timeout', reached: true } as Fault, says: /unavailable right now/ },
    ]) {
      it(`${name}: says what to do, keeps the choice, and voting again counts once`, async () => {
        const { c, poll, adapter, el, vote } = await setup();
        adapter.holdLive();
        adapter.inject(fault, { on: 'polls.vote' });
        vote();
        await settle(() => $(el, '.problem'), 'the problem');
        expect(text($(el, '.problem'))).to.match(says);
        expect(($$(el, 'input')[1] as HTMLInputElement).checked, 'the choice is kept').to.equal(true);
        adapter.heal();
        $(el, '[part="vote-button"]')!.click();
        await settle(() => $(el, '[part~="result"]'), 'the results');
        expect(!!$(el, '.problem'), 'the problem is gone').to.equal(false);
        expect(await voters(c, poll.id)).to.equal(1);
        expect(new Set(keysOf(adapter, 'polls.vote')).size, 'one key for the retried vote').to.equal(1);
        adapter.releaseLive();
      });
    }

    it('a timeout after the vote was saved, then the live update: the results show, and the error goes', async () => {
      const { c, poll, adapter, el, vote } = await setup();
      adapter.inject({ kind: 'timeout', reached: true }, { on: 'polls.vote' });
      vote();
      await settle(() => $(el, '[part~="result"]') && !$(el, '.problem'), 'the results, without the error');
      expect(await voters(c, poll.id)).to.equal(1);
      expect(text($(el, '[part="meta"]'))).to.contain('1 voter');
    });

    it('offline: says the vote waits for the connection, and sends it once back online', async () => {
      const { c, poll, adapter, el, vote } = await setup();
      const network = goOffline();
      adapter.inject({ kind: 'offline' }, { on: 'polls.vote' });
      vote();
      await settle(() => $(el, '.problem'), 'the problem');
      expect(text($(el, '.problem'))).to.contain('You are offline');
      adapter.heal();
      network.backOnline();
      await settle(() => $(el, '[part~="result"]'), 'sent once back online');
      expect(!!$(el, '.problem')).to.equal(false);
      expect(await voters(c, poll.id)).to.equal(1);
    });

    it('a vote delivered twice counts once', async () => {
      const { c, poll, adapter, el, vote } = await setup();
      adapter.inject({ kind: 'duplicate' }, { on: 'polls.vote' });
      vote();
      await settle(() => $(el, '[part~="result"]'), 'the results');
      expect(await voters(c, poll.id)).to.equal(1);
      expect(text($(el, '[part="meta"]'))).to.contain('1 voter');
    });

    it('results read again after live votes end on the latest, even when the first answer comes last', async () => {
      const { c, poll, adapter, el } = await setup(mod);
      await settle(() => text($(el, '[part="meta"]')).includes('No votes yet'), 'no votes yet');
      // The first re-read is slow: its older answer must not overwrite the newer one.
      adapter.inject({ kind: 'latency', ms: 300 }, { on: 'polls.get', times: 1 });
      await c.as(me).polls.vote(poll.id, [poll.options[0]!.id], key());
      await c.as(other).polls.vote(poll.id, [poll.options[1]!.id], key());
      await settle(() => adapter.calls.filter((call) => call.method === 'polls.get').length >= 3, 'read again twice');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(text($(el, '[part="meta"]'))).to.contain('2 voters');
    });
  });

  describe('reporting', () => {
    const setup = async () => {
      const c = community();
      const comment = await c.as(other).comments.post({ thread: 'rep', body: 'spam spam' }, key());
      const target = `comment:${comment.id}` as TargetRef;
      const adapter = c.faulty(me);
      const wrapper = await mount(adapter, html`<majlis-report-button target=${target}></majlis-report-button>`);
      const el = wrapper.querySelector('majlis-report-button')!;
      await settle(() => $(el, '[part="button"][aria-busy="false"]'), 'ready');
      $(el, '[part="button"]')!.click();
      await settle(() => $(el, 'dialog[open]'), 'the dialog');
      ($$(el, 'input[name="reason"]')[0] as HTMLInputElement).click();
      const note = $(el, '[part="note"]') as HTMLTextAreaElement;
      note.value = 'selling followers';
      note.dispatchEvent(new Event('input'));
      const send = () => $(el, '[part="send-button"]')!.click();
      const reports = async () => (await c.as(mod).moderation.queue({ state: 'reported' })).items.flatMap((i) => i.reports).length;
      return { adapter, el, send, reports };
    };

    for (const { name, fault, says } of [
      { name: '500', fault: { kind: 'server_error', status: 500 } as Fault, says: /unavailable right now/ },
      { name: 'a timeout after the report was saved', fault: { kind: 'timeout', reached: true } as Fault, says: /unavailable right now/ },
      { name: '429 with Retry-After', fault: { kind: 'rate_limited', retryAfter: 5 } as Fault, says: /Try again in 5 seconds/ },
    ]) {
      it(`${name}: says what to do, keeps the reason and note, and sending again makes one report`, async () => {
        const { adapter, el, send, reports } = await setup();
        adapter.inject(fault, { on: 'reports.submit' });
        send();
        await settle(() => $(el, '.problem'), 'the problem');
        expect(text($(el, '.problem'))).to.match(says);
        expect(!!$(el, 'dialog[open]'), 'the dialog stays open').to.equal(true);
        expect(($(el, '[part="note"]') as HTMLTextAreaElement).value).to.equal('selling followers');
        expect(($$(el, 'input[name="reason"]')[0] as HTMLInputElement).checked).to.equal(true);
        adapter.heal();
        send();
        await settle(() => text($(el, 'dialog [role="status"]')).startsWith('Thank you'), 'thanked');
        expect(await reports()).to.equal(1);
        expect(new Set(keysOf(adapter, 'reports.submit')).size).to.equal(1);
      });
    }

    it('offline: sends the report once back online', async () => {
      const { adapter, el, send, reports } = await setup();
      const network = goOffline();
      adapter.inject({ kind: 'offline' }, { on: 'reports.submit' });
      send();
      await settle(() => $(el, '.problem'), 'the problem');
      expect(text($(el, '.problem'))).to.contain('You are offline');
      adapter.heal();
      network.backOnline();
      await settle(() => text($(el, 'dialog [role="status"]')).startsWith('Thank you'), 'sent once back online');
      expect(await reports()).to.equal(1);
    });

    it('a report delivered twice is one report', async () => {
      const { adapter, el, send, reports } = await setup();
      adapter.inject({ kind: 'duplicate' }, { on: 'reports.submit' });
      send();
      await settle(() => text($(el, 'dialog [role="status"]')).startsWith('Thank you'), 'thanked');
      expect(await reports()).to.equal(1);
    });
  });

  describe('deciding in the moderation queue', () => {
    const setup = async () => {
      const c = community();
      const comment = await c.as(other).comments.post({ thread: 'q', body: 'Cheap watches!!!' }, key());
      await c.as(me).reports.submit({ target: `comment:${comment.id}`, reason: 'spam' }, key());
      const adapter = c.faulty(mod);
      const wrapper = await mount(adapter, html`<majlis-moderation-queue undo-seconds="0.01"></majlis-moderation-queue>`);
      const el = wrapper.querySelector('majlis-moderation-queue')!;
      await settle(() => $(el, '[part~="item"]'), 'the queue');
      const approve = () => [...$(el, '[part~="item"]')!.querySelectorAll('button')].find((b) => text(b) === 'Approve')!.click();
      const decisions = async () => (await c.as(mod).moderation.audit()).items.filter((e) => e.action === 'approve').length;
      return { adapter, el, approve, decisions };
    };

    for (const { name, fault } of [
      { name: '503', fault: { kind: 'server_error', status: 503 } as Fault },
      { name: 'a timeout after the decision was saved (no live news of it)', fault: { kind: 'timeout', reached: true } as Fault },
    ]) {
      it(`${name}: puts the item back and says why; deciding again saves one decision`, async () => {
        const { adapter, el, approve, decisions } = await setup();
        adapter.holdLive();
        adapter.inject(fault, { on: 'moderation.decide' });
        approve();
        await settle(() => $(el, '[part="toast"][role="alert"]'), 'the alert');
        expect(text($(el, '[part="toast"]'))).to.match(/unavailable right now.*back in the queue/);
        await settle(() => $(el, '[part~="item"]'), 'the item is back');
        adapter.heal();
        approve();
        await settle(() => !$(el, '[part~="item"]') && $(el, '[part="toast"][role="status"]'), 'saved');
        expect(await decisions()).to.equal(1);
        expect(new Set(keysOf(adapter, 'moderation.decide')).size, 'one key for the decision decided again').to.equal(1);
        adapter.releaseLive();
      });
    }

    it('a timeout after the decision was saved, then the live update: the item stays decided, once', async () => {
      const { adapter, el, approve, decisions } = await setup();
      adapter.inject({ kind: 'timeout', reached: true }, { on: 'moderation.decide' });
      approve();
      await settle(() => $(el, '[part="toast"][role="alert"]'), 'the alert');
      await settle(() => !$(el, '[part~="item"]'), 'the queue read again shows it decided');
      expect(await decisions()).to.equal(1);
    });

    it('offline: keeps the decision and saves it once back online', async () => {
      const { adapter, el, approve, decisions } = await setup();
      const network = goOffline();
      adapter.inject({ kind: 'offline' }, { on: 'moderation.decide' });
      approve();
      await settle(() => text($(el, '[part="toast"]')).includes('You are offline'), 'says offline');
      expect(!!$(el, '[part~="item"]'), 'the item stays decided').to.equal(false);
      adapter.heal();
      network.backOnline();
      await settle(async () => (await decisions()) === 1, 'saved once back online');
      expect(!!$(el, '[part~="item"]')).to.equal(false);
    });

    it('a decision delivered twice is saved once', async () => {
      const { adapter, el, approve, decisions } = await setup();
      adapter.inject({ kind: 'duplicate' }, { on: 'moderation.decide' });
      approve();
      await settle(async () => (await decisions()) === 1 && !$(el, '[part~="item"]'), 'saved');
      expect(!!$(el, '[part="toast"][role="alert"]')).to.equal(false);
    });
  });
});
